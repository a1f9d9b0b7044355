import type { SizePreset, SizeSpec } from '@genhub/provider';

/** GateAI's tables (docs.txt): "Supported Resolutions" and "Dimension Range". */

/** gemini-2.5-flash-image: presets only. */
export const geminiFlashImageSizes: SizeSpec = {
  presets: [
    { label: '1:1', width: 1024, height: 1024 },
    { label: '2:3', width: 832, height: 1248 },
    { label: '16:9', width: 1344, height: 768 },
    { label: 'Twitter (4:3)', width: 1184, height: 864 },
    { label: 'Mobile (9:16)', width: 768, height: 1344 },
    { label: 'Instagram (4:5)', width: 896, height: 1152 },
    { label: '3:2', width: 1248, height: 832 },
    { label: '3:4', width: 864, height: 1184 },
    { label: '5:4', width: 1152, height: 896 },
    { label: 'Ultrawide (21:9)', width: 1536, height: 672 },
  ],
};

/** flux-dev: "Width: 480–2048 (step: 8)", the same for height. */
export const fluxDevSizes: SizeSpec = {
  range: { minWidth: 480, maxWidth: 2048, minHeight: 480, maxHeight: 2048, step: 8 },
};

/** gpt-image-2: 256-3840, step 16, with presets (aspect ratio x size tier) as suggestions. */
const gptTiers: [string, [number, number], [number, number], [number, number]][] = [
  ['1:1', [1024, 1024], [2048, 2048], [2880, 2880]],
  ['2:3', [848, 1264], [1376, 2048], [2336, 3504]],
  ['16:9', [1376, 768], [2048, 1136], [3584, 2016]],
  ['Twitter (4:3)', [1200, 896], [2048, 1536], [3264, 2448]],
  ['Mobile (9:16)', [768, 1376], [1136, 2048], [2016, 3584]],
  ['Instagram (4:5)', [928, 1152], [1648, 2048], [2560, 3200]],
  ['3:2', [1264, 848], [2048, 1376], [3504, 2336]],
  ['3:4', [896, 1200], [1536, 2048], [2448, 3264]],
  ['5:4', [1152, 928], [2048, 1648], [3200, 2560]],
  ['Ultrawide (21:9)', [1584, 672], [2048, 864], [3808, 1632]],
];

export const gptImage2Sizes: SizeSpec = {
  range: { minWidth: 256, maxWidth: 3840, minHeight: 256, maxHeight: 3840, step: 16 },
  presets: gptTiers.flatMap(([label, ...tiers]) =>
    tiers.map(
      ([width, height], i): SizePreset => ({
        label: `${label} ${['small', 'medium', 'large'][i]}`,
        width,
        height,
      }),
    ),
  ),
};
