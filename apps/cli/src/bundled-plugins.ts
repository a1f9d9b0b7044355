import type { ProviderPlugin } from '@genhub/core';
import { ainativePlugin } from '@genhub/plugin-ainative';
import { gateaiPlugin } from '@genhub/plugin-gateai';
import { googlePlugin } from '@genhub/plugin-google';
import { imarouterPlugin } from '@genhub/plugin-imarouter';

/** The provider plugins the genhub command ships with; more load by package name (GENHUB_PLUGINS). */
export const bundledPlugins: readonly ProviderPlugin[] = [
  gateaiPlugin,
  ainativePlugin,
  imarouterPlugin,
  googlePlugin,
];
