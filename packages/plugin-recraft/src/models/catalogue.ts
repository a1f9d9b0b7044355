/*
 * What Recraft documents about its models, stated once: ids, output kind, price, prompt limit, sizes,
 * styles. Sources (read 2026-12-03): recraft.ai/docs/api-reference/models (V4.1, V4, V3 pages),
 * .../pricing, .../appendix (prompt lengths, sizes), .../tools/*; style and substyle lists from
 * Recraft's own MCP server (github.com/recraft-ai/mcp-recraft-server, src/utils/parameters.ts).
 */

/** The generation families: V3 takes styles and substyles, V4 and V4.1 take only custom styles. */
export type RecraftFamily = 'v3' | 'v4';

export interface RecraftGenerationEntry {
  /** Recraft's `model` value; GenHub's id is `recraft/<this>`. */
  vendorId: string;
  name: string;
  family: RecraftFamily;
  /** Models whose id ends in `_vector` answer SVG. */
  output: 'image' | 'vector';
  /** US dollars per image, from Recraft's model pages. */
  usdPerImage: number;
}

export const GENERATION_MODELS: readonly RecraftGenerationEntry[] = [
  { vendorId: 'recraftv4_1', name: 'Recraft V4.1', family: 'v4', output: 'image', usdPerImage: 0.035 },
  {
    vendorId: 'recraftv4_1_vector',
    name: 'Recraft V4.1 Vector',
    family: 'v4',
    output: 'vector',
    usdPerImage: 0.08,
  },
  { vendorId: 'recraftv4_1_pro', name: 'Recraft V4.1 Pro', family: 'v4', output: 'image', usdPerImage: 0.21 },
  { vendorId: 'recraftv4', name: 'Recraft V4', family: 'v4', output: 'image', usdPerImage: 0.04 },
  {
    vendorId: 'recraftv4_vector',
    name: 'Recraft V4 Vector',
    family: 'v4',
    output: 'vector',
    usdPerImage: 0.08,
  },
  { vendorId: 'recraftv4_pro', name: 'Recraft V4 Pro', family: 'v4', output: 'image', usdPerImage: 0.25 },
  {
    vendorId: 'recraftv4_pro_vector',
    name: 'Recraft V4 Pro Vector',
    family: 'v4',
    output: 'vector',
    usdPerImage: 0.3,
  },
  { vendorId: 'recraftv3', name: 'Recraft V3', family: 'v3', output: 'image', usdPerImage: 0.04 },
  {
    vendorId: 'recraftv3_vector',
    name: 'Recraft V3 Vector',
    family: 'v3',
    output: 'vector',
    usdPerImage: 0.08,
  },
];

/** Longest prompt per family (appendix, "Maximum prompt length"). */
export const PROMPT_MAX_LENGTH: Readonly<Record<RecraftFamily, number>> = { v3: 1000, v4: 10_000 };

/** Images one request may ask for (`n`). */
export const MAX_IMAGES_PER_REQUEST = 6;

/**
 * Sizes, as the aspect ratio the API takes as `size` (`w:h`; appendix, "List of supported image
 * sizes"). V4 and V4.1 render each at 1K, their Pro variants at 2K; V3 has its own set.
 */
export const V4_ASPECT_RATIOS = [
  '1:1',
  '2:1',
  '1:2',
  '3:2',
  '2:3',
  '4:3',
  '3:4',
  '5:4',
  '4:5',
  '6:10',
  '14:10',
  '10:14',
  '16:9',
  '9:16',
] as const;

/** V3's sizes by aspect ratio: 1:1 is 1024x1024, 16:9 is 1820x1024, and so on. */
export const V3_ASPECT_RATIOS = [
  '1:1',
  '4:3',
  '3:4',
  '3:2',
  '2:3',
  '16:9',
  '9:16',
  '1:2',
  '2:1',
  '7:5',
  '5:7',
  '4:5',
  '5:4',
  '3:5',
  '5:3',
] as const;

/** V3's base styles with the substyles each takes, raster and vector apart. */
export const V3_RASTER_STYLES = {
  realistic_image: [
    'b_and_w',
    'enterprise',
    'evening_light',
    'faded_nostalgia',
    'forest_life',
    'hard_flash',
    'hdr',
    'motion_blur',
    'mystic_naturalism',
    'natural_light',
    'natural_tones',
    'organic_calm',
    'real_life_glow',
    'retro_realism',
    'retro_snapshot',
    'studio_portrait',
    'urban_drama',
    'village_realism',
    'warm_folk',
  ],
  digital_illustration: [
    '2d_art_poster',
    '2d_art_poster_2',
    'antiquarian',
    'bold_fantasy',
    'child_book',
    'cover',
    'crosshatch',
    'digital_engraving',
    'engraving_color',
    'expressionism',
    'freehand_details',
    'grain',
    'grain_20',
    'graphic_intensity',
    'hand_drawn',
    'hand_drawn_outline',
    'handmade_3d',
    'hard_comics',
    'infantile_sketch',
    'long_shadow',
    'modern_folk',
    'multicolor',
    'neon_calm',
    'noir',
    'nostalgic_pastel',
    'outline_details',
    'pastel_gradient',
    'pastel_sketch',
    'pixel_art',
    'plastic',
    'pop_art',
    'pop_renaissance',
    'seamless',
    'street_art',
    'tablet_sketch',
    'urban_glow',
    'urban_sketching',
    'young_adult_book',
    'young_adult_book_2',
  ],
  logo_raster: ['emblem_graffiti', 'emblem_pop_art', 'emblem_punk', 'emblem_stamp', 'emblem_vintage'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export const V3_VECTOR_STYLES = {
  vector_illustration: [
    'bold_stroke',
    'chemistry',
    'colored_stencil',
    'cosmics',
    'cutout',
    'depressive',
    'editorial',
    'emotional_flat',
    'engraving',
    'line_art',
    'line_circuit',
    'linocut',
    'marker_outline',
    'mosaic',
    'naivector',
    'roundish_flat',
    'seamless',
    'segmented_colors',
    'sharp_contrast',
    'thin',
    'vector_photo',
    'vivid_shapes',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** The image tools: one request, one image in and one out, priced per request (pricing page). */
export const TOOLS = {
  vectorize: {
    path: 'images/vectorize',
    name: 'Recraft Vectorize',
    task: 'image-to-vector',
    output: 'vector',
    usd: 0.01,
  },
  'remove-background': {
    path: 'images/removeBackground',
    name: 'Recraft Remove Background',
    task: 'image-to-image',
    output: 'image',
    usd: 0.01,
  },
  'crisp-upscale': {
    path: 'images/crispUpscale',
    name: 'Recraft Crisp Upscale',
    task: 'upscale',
    output: 'image',
    usd: 0.004,
  },
  'creative-upscale': {
    path: 'images/creativeUpscale',
    name: 'Recraft Creative Upscale',
    task: 'upscale',
    output: 'image',
    usd: 0.25,
  },
} as const;

export type ToolName = keyof typeof TOOLS;

/** Inputs the tools take (tool pages: PNG, JPG or WEBP, up to 10 MB and 16 MP). */
export const TOOL_INPUT_MAX_BYTES = 10 * 1024 * 1024;

/** One API unit is a thousandth of a dollar (pricing page); answers report `credits` in units. */
export const USD_PER_API_UNIT = 0.001;
