import type { ProviderPlugin } from '@genhub/core';

/** The provider plugins the genhub command ships with; more load by package name (GENHUB_PLUGINS). */
export const bundledPlugins: readonly ProviderPlugin[] = [];
