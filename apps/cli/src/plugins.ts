import type { ProviderPlugin } from '@genhub/core';
import { espeakPlugin } from '@genhub/plugin-espeak';
import { bundledPlugins } from './bundled-plugins.js';

/** What `start` and `doctor` run: the bundled providers plus offline speech, which needs no key. */
export const runtimePlugins: readonly ProviderPlugin[] = [...bundledPlugins, espeakPlugin];
