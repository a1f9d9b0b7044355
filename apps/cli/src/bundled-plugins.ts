import type { ProviderPlugin } from '@genhub/core';
import { ainativePlugin } from '@genhub/plugin-ainative';
import { bflPlugin } from '@genhub/plugin-bfl';
import { comfyuiPlugin } from '@genhub/plugin-comfyui';
import { elevenLabsPlugin } from '@genhub/plugin-elevenlabs';
import { falPlugin } from '@genhub/plugin-fal';
import { fireflyPlugin } from '@genhub/plugin-firefly';
import { gateaiPlugin } from '@genhub/plugin-gateai';
import { googlePlugin } from '@genhub/plugin-google';
import { ideogramPlugin } from '@genhub/plugin-ideogram';
import { imarouterPlugin } from '@genhub/plugin-imarouter';
import { klingPlugin } from '@genhub/plugin-kling';
import { localPlugin } from '@genhub/plugin-local';
import { lumaPlugin } from '@genhub/plugin-luma';
import { openaiPlugin } from '@genhub/plugin-openai';
import { recraftPlugin } from '@genhub/plugin-recraft';
import { runwayPlugin } from '@genhub/plugin-runway';
import { viduPlugin } from '@genhub/plugin-vidu';

/** The provider plugins the genhub command ships with; more load by package name (GENHUB_PLUGINS). */
export const bundledPlugins: readonly ProviderPlugin[] = [
  gateaiPlugin,
  ainativePlugin,
  imarouterPlugin,
  runwayPlugin,
  elevenLabsPlugin,
  fireflyPlugin,
  bflPlugin,
  ideogramPlugin,
  klingPlugin,
  viduPlugin,
  recraftPlugin,
  openaiPlugin,
  lumaPlugin,
  googlePlugin,
  localPlugin,
  falPlugin,
  comfyuiPlugin,
];
