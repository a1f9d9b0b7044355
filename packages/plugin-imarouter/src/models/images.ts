import { mediaInput, safetyControl, type Task, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import { type ImaModel, ignored, imaModel, request, urlsOf } from '../ima-request.js';
import { Deadlines, flatPrice, presets, requireImageFor, sizeString } from './model-helpers.js';

/** Pruna's `disable_safety_checker`: a safety control, on only at `mature`. */
const safetyCheckerSwitch = safetyControl(z.boolean().optional(), {
  strict: false,
  standard: false,
  mature: true,
});

const IMAGE_TASKS = ['text-to-image', 'image-to-image'] as const satisfies readonly Task[];
const ENDPOINT = 'POST /v1/images/generations';

// --- Gemini ---------------------------------------------------------------------------------

const GEMINI_WIDE_RATIOS = [
  '1:1',
  '1:4',
  '1:8',
  '2:3',
  '3:2',
  '3:4',
  '4:1',
  '4:3',
  '4:5',
  '5:4',
  '8:1',
  '9:16',
  '16:9',
  '21:9',
] as const;
const GEMINI_PRO_RATIOS = ['1:1', '3:2', '2:3', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

function gemini(
  remote: string,
  name: string,
  ratios: readonly [string, ...string[]],
  sizes: readonly [string, ...string[]],
  usd: number,
): ImaModel {
  const params = z.object({
    prompt: vocabulary.prompt.max(10_000),
    images: vocabulary.images.max(14).optional(),
    aspectRatio: z.enum(ratios).optional(),
    size: z.enum(sizes).optional().describe('Output size tier (1K unless given)'),
  });
  return imaModel({
    remote,
    family: 'Gemini Images',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `Google ${name} through imarouter: text-to-image and image-to-image with up to 14 input images.`,
      tasks: IMAGE_TASKS,
      output: 'image',
      params,
      limits: { promptMaxLength: 10_000, maxInputImages: 14 },
      estimatePrice: flatPrice(usd),
      timeouts: { deadlineMs: Deadlines.image },
      example: { prompt: 'a futuristic city at sunset', aspectRatio: '16:9' },
    },
    build(task, p) {
      requireImageFor(task, p.images !== undefined, name);
      return request(
        ENDPOINT,
        {
          model: remote,
          prompt: p.prompt,
          images: urlsOf(p.images),
          aspect_ratio: p.aspectRatio,
          size: p.size,
        },
        { poll: 'image' },
      );
    },
  });
}

// --- GPT Image -------------------------------------------------------------------------------

const GPT_IMAGE_SIZES = presets(['1024x1024', '1536x1024', '1024x1536']);

function gptImage2(): ImaModel {
  const name = 'GPT Image 2';
  const params = z
    .object({
      prompt: vocabulary.prompt.max(32_000),
      images: vocabulary.images.max(16).optional(),
      mask: mediaInput.optional().describe('Edit mask: transparent where the image should change'),
      width: vocabulary.width.optional(),
      height: vocabulary.height.optional(),
      quality: z.enum(['low', 'medium', 'high', 'auto']).optional(),
      background: z.enum(['transparent', 'opaque', 'auto']).optional(),
      input_fidelity: z.enum(['low', 'high']).optional(),
      moderation: safetyControl(z.enum(['low', 'auto']).optional(), {
        strict: 'auto',
        standard: 'auto',
        mature: 'low',
      }),
      output_format: z.enum(['png', 'jpeg', 'webp']).optional(),
      output_compression: z.number().int().min(0).max(100).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.mask !== undefined && value.images === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['mask'],
          message: 'A mask needs the image it edits (images).',
        });
      }
      if (value.output_compression !== undefined && (value.output_format ?? 'png') === 'png') {
        ctx.addIssue({
          code: 'custom',
          path: ['output_compression'],
          message: 'output_compression applies to jpeg and webp only; set output_format.',
        });
      }
    });
  return imaModel({
    remote: 'gpt-image-2',
    family: 'GPT Image',
    spec: {
      id: 'imarouter/gpt-image-2',
      name,
      description:
        'OpenAI gpt-image-2 through imarouter: text-to-image, image-to-image, and edits with a mask.',
      tasks: IMAGE_TASKS,
      output: 'image',
      params,
      sizes: { presets: GPT_IMAGE_SIZES },
      limits: { maxInputImages: 16 },
      estimatePrice: flatPrice(0.084),
      timeouts: { deadlineMs: Deadlines.image },
      example: { prompt: 'a glossy product hero image of a smartwatch', quality: 'high' },
    },
    build(task, p) {
      requireImageFor(task, p.images !== undefined, name);
      return request(
        `${ENDPOINT}#gpt-image`,
        {
          model: 'gpt-image-2',
          prompt: p.prompt,
          images: urlsOf(p.images),
          mask: p.mask?.url,
          size: sizeString(p, 'x'),
          quality: p.quality,
          background: p.background,
          input_fidelity: p.input_fidelity,
          moderation: p.moderation,
          output_format: p.output_format,
          output_compression: p.output_compression,
        },
        { poll: 'image' },
      );
    },
  });
}

// --- Doubao Seedream -------------------------------------------------------------------------

const SEEDREAM_50_SIZES = [
  '2048x2048',
  '2304x1728',
  '1728x2304',
  '2848x1600',
  '1600x2848',
  '2496x1664',
  '1664x2496',
  '3136x1344',
  '3072x3072',
  '3456x2592',
  '2592x3456',
  '4096x2304',
  '2304x4096',
  '2496x3744',
  '3744x2496',
  '4704x2016',
];
const SEEDREAM_45_SIZES = [
  '2048x2048',
  '2304x1728',
  '1728x2304',
  '2560x1440',
  '1440x2560',
  '2496x1664',
  '1664x2496',
  '3024x1296',
];

function seedream(
  remote: string,
  name: string,
  version: '5.0' | '4.5',
  tiers: readonly [string, ...string[]],
  pixelSizes: readonly string[],
  usd: number,
): ImaModel {
  const v45 = z.object({
    prompt: vocabulary.prompt.max(600),
    images: vocabulary.images.max(14).optional(),
    width: vocabulary.width.optional(),
    height: vocabulary.height.optional(),
    size: z.enum(tiers).optional().describe('Resolution tier, when width and height are not given'),
  });
  const v50 = v45.extend({
    output_format: z.enum(['jpeg', 'png']).optional(),
    optimize_prompt_options: z.object({ mode: z.enum(['standard']) }).optional(),
  });
  const params = version === '5.0' ? v50 : v45;
  const operation = version === '5.0' ? `${ENDPOINT}#doubao-seedream` : `${ENDPOINT}#doubao-seedream-45`;
  return imaModel({
    remote,
    family: 'Doubao Seedream',
    spec: {
      id: `imarouter/${remote}`,
      name,
      aliases: version === '5.0' && remote.includes('lite') ? ['seedream-5-lite'] : [],
      description: `ByteDance ${name} through imarouter: text-to-image and image-to-image with up to 14 input images.`,
      tasks: IMAGE_TASKS,
      output: 'image',
      params,
      sizes: { presets: presets(pixelSizes) },
      limits: { promptMaxLength: 600, maxInputImages: 14 },
      estimatePrice: flatPrice(usd),
      timeouts: { deadlineMs: Deadlines.image },
      example: { prompt: 'a cinematic beverage poster with glossy lighting', size: '2K' },
    },
    build(task, p: z.output<typeof v50>) {
      requireImageFor(task, p.images !== undefined, name);
      const pixels = sizeString(p, 'x');
      const warnings =
        pixels !== undefined && p.size !== undefined
          ? [ignored('size', `width and height (${pixels}) were sent instead of the size tier ${p.size}.`)]
          : [];
      return request(
        operation,
        {
          model: remote,
          prompt: p.prompt,
          images: urlsOf(p.images),
          size: pixels ?? p.size,
          output_format: p.output_format,
          optimize_prompt_options: p.optimize_prompt_options,
        },
        { poll: 'image', warnings },
      );
    },
  });
}

// --- Wan images ------------------------------------------------------------------------------

const WAN27_SIZES = [
  '1024*1024',
  '1280*720',
  '720*1280',
  '1024*768',
  '768*1024',
  '1536*1024',
  '1024*1536',
  '2048*1152',
  '1152*2048',
  '2048*2048',
];

const bbox = z.array(z.number().int()).length(4);
const colorPaletteItem = z.object({
  hex: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  ratio: z.string().regex(/^([0-9]|[1-9][0-9]|100)\.[0-9]{2}%$/),
});

function wan27(remote: 'wan2.7-image' | 'wan2.7-image-pro', name: string, usd: number): ImaModel {
  const tiers = remote === 'wan2.7-image-pro' ? (['1K', '2K', '4K'] as const) : (['1K', '2K'] as const);
  const params = z
    .object({
      prompt: vocabulary.prompt,
      images: vocabulary.images.max(14).optional(),
      width: vocabulary.width.optional(),
      height: vocabulary.height.optional(),
      size: z.enum(tiers).optional().describe('Resolution tier, when width and height are not given'),
      seed: vocabulary.seed.max(2_147_483_647).optional(),
      enable_sequential: z.boolean().optional(),
      thinking_mode: z.boolean().optional(),
      bbox_list: z.array(z.array(bbox).max(2)).max(9).optional(),
      color_palette: z.array(colorPaletteItem).min(3).max(10).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.enable_sequential === true && value.thinking_mode !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['thinking_mode'],
          message: 'thinking_mode cannot be combined with enable_sequential.',
        });
      }
      if (value.enable_sequential === true && value.color_palette !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['color_palette'],
          message: 'color_palette cannot be combined with enable_sequential.',
        });
      }
      if (value.bbox_list !== undefined && value.bbox_list.length !== (value.images?.length ?? 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['bbox_list'],
          message: 'bbox_list needs one entry per input image.',
        });
      }
    });

  return imaModel({
    remote,
    family: 'Wan Images',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `Alibaba ${name} through imarouter: text-to-image and image-to-image with up to 14 input images.`,
      tasks: IMAGE_TASKS,
      output: 'image',
      params,
      sizes: { presets: presets(WAN27_SIZES) },
      limits: { maxInputImages: 14 },
      estimatePrice: flatPrice(usd),
      timeouts: { deadlineMs: Deadlines.image },
      example: { prompt: 'a cinematic illustration of a lighthouse', seed: 12345 },
    },
    build(task, p) {
      requireImageFor(task, p.images !== undefined, name);
      return request(
        `${ENDPOINT}#wan`,
        {
          model: remote,
          prompt: p.prompt,
          images: urlsOf(p.images),
          size: sizeString(p, '*') ?? p.size,
          seed: p.seed,
          enable_sequential: p.enable_sequential,
          thinking_mode: p.thinking_mode,
          bbox_list: p.bbox_list,
          color_palette: p.color_palette,
        },
        { poll: 'image' },
      );
    },
  });
}

const WAN26_SIZES = [
  '1280*1280',
  '800*1200',
  '1200*800',
  '960*1280',
  '1280*960',
  '720*1280',
  '1280*720',
  '1344*576',
];

function wan26(remote: 'wan2.6-t2i' | 'wan2.6-image'): ImaModel {
  const edits = remote === 'wan2.6-image';
  const name = edits ? 'Wan 2.6 Image (image-to-image)' : 'Wan 2.6 (text-to-image)';
  const prompt = vocabulary.prompt.max(2000);
  const settings = {
    width: vocabulary.width.optional(),
    height: vocabulary.height.optional(),
    negativePrompt: vocabulary.negativePrompt.max(500).optional(),
    prompt_extend: z.boolean().optional(),
    seed: vocabulary.seed.max(2_147_483_647).optional(),
  };
  const textOnly = z.object({ prompt, ...settings });
  const withImages = z.object({ prompt, images: vocabulary.images, ...settings });
  const params = edits ? withImages : textOnly;
  return imaModel({
    remote,
    family: 'Wan Images',
    spec: {
      id: `imarouter/${remote}`,
      name,
      description: `Alibaba ${name} through imarouter.`,
      tasks: edits ? ['image-to-image'] : ['text-to-image'],
      output: 'image',
      params,
      sizes: { presets: presets(WAN26_SIZES) },
      limits: { promptMaxLength: 2000 },
      estimatePrice: flatPrice(0.03),
      timeouts: { deadlineMs: Deadlines.image },
      example: edits
        ? {
            prompt: 'turn the reference into a film poster',
            images: [{ url: 'https://example.com/ref.png' }],
          }
        : { prompt: 'a beautiful sunset over the sea', seed: 12345 },
    },
    build(_task, p: z.output<typeof withImages>) {
      return request(
        `${ENDPOINT}#wan26`,
        {
          model: remote,
          prompt: p.prompt,
          images: urlsOf(p.images),
          size: sizeString(p, '*'),
          negative_prompt: p.negativePrompt,
          prompt_extend: p.prompt_extend,
          seed: p.seed,
        },
        { poll: 'image' },
      );
    },
  });
}

// --- PrunaAI ---------------------------------------------------------------------------------

const PRUNA_RATIOS = ['1:1', '16:9', '9:16', '3:2', '2:3', '3:4', '4:3'] as const;

function prunaImage(): ImaModel {
  const name = 'PrunaAI P-Image';
  const params = z.object({
    prompt: vocabulary.prompt,
    aspectRatio: z.enum(PRUNA_RATIOS).optional(),
    width: vocabulary.width.optional(),
    height: vocabulary.height.optional(),
    seed: vocabulary.seed.optional(),
    disable_safety_checker: safetyCheckerSwitch,
  });
  return imaModel({
    remote: 'prunaai/p-image',
    family: 'PrunaAI Images',
    spec: {
      id: 'imarouter/prunaai-p-image',
      name,
      aliases: ['p-image'],
      description: 'PrunaAI p-image through imarouter: fast text-to-image, any size from 256 to 1440 pixels.',
      tasks: ['text-to-image'],
      output: 'image',
      params,
      sizes: { range: { minWidth: 256, maxWidth: 1440, minHeight: 256, maxHeight: 1440, step: 1 } },
      estimatePrice: flatPrice(0.005),
      timeouts: { deadlineMs: Deadlines.image },
      example: { prompt: 'a clean studio product photo of a ceramic cup', aspectRatio: '1:1' },
    },
    build(_task, p) {
      const custom = sizeString(p, 'x') !== undefined;
      const warnings =
        custom && p.aspectRatio !== undefined
          ? [ignored('aspectRatio', 'width and height were given, so the aspect ratio was not sent.')]
          : [];
      return request(
        `${ENDPOINT}#pruna`,
        {
          model: 'prunaai/p-image',
          prompt: p.prompt,
          aspect_ratio: custom ? 'custom' : p.aspectRatio,
          width: custom ? p.width : undefined,
          height: custom ? p.height : undefined,
          seed: p.seed,
          disable_safety_checker: p.disable_safety_checker,
        },
        { poll: 'image', warnings },
      );
    },
  });
}

function prunaImageEdit(): ImaModel {
  const name = 'PrunaAI P-Image Edit';
  const params = z.object({
    prompt: vocabulary.prompt,
    images: vocabulary.images,
    aspectRatio: z.enum(PRUNA_RATIOS).optional(),
    turbo: z.boolean().optional(),
    seed: vocabulary.seed.optional(),
    disable_safety_checker: safetyCheckerSwitch,
  });
  return imaModel({
    remote: 'prunaai/p-image-edit',
    family: 'PrunaAI Images',
    spec: {
      id: 'imarouter/prunaai-p-image-edit',
      name,
      aliases: ['p-image-edit'],
      description: 'PrunaAI p-image-edit through imarouter: edits images from a prompt.',
      tasks: ['image-to-image'],
      output: 'image',
      params,
      estimatePrice: flatPrice(0.01),
      timeouts: { deadlineMs: Deadlines.image },
      example: {
        prompt: 'make it a clean product-style composition',
        images: [{ url: 'https://example.com/source.png' }],
      },
    },
    build(_task, p) {
      return request(
        `${ENDPOINT}#pruna`,
        {
          model: 'prunaai/p-image-edit',
          prompt: p.prompt,
          images: urlsOf(p.images),
          aspect_ratio: p.aspectRatio,
          turbo: p.turbo,
          seed: p.seed,
          disable_safety_checker: p.disable_safety_checker,
        },
        { poll: 'image' },
      );
    },
  });
}

/** Every image model of the Gemini, GPT Image, Doubao Seedream, Wan and PrunaAI tags. */
export function imageModels(): ImaModel[] {
  return [
    gemini(
      'gemini-3-pro-image-preview',
      'Gemini 3 Pro Image',
      GEMINI_PRO_RATIOS,
      ['1K', '2K', '4K'] as const,
      0.134,
    ),
    gemini(
      'gemini-3.1-flash-image-preview',
      'Gemini 3.1 Flash Image',
      GEMINI_WIDE_RATIOS,
      ['512px', '1K', '2K', '4K'] as const,
      0.067,
    ),
    gemini(
      'gemini-2.5-flash-image',
      'Gemini 2.5 Flash Image',
      GEMINI_WIDE_RATIOS,
      ['512px', '1K', '2K', '4K'] as const,
      0.039,
    ),
    gptImage2(),
    seedream(
      'doubao-seedream-5-0-lite-260128',
      'Seedream 5.0 Lite',
      '5.0',
      ['2K', '3K'] as const,
      SEEDREAM_50_SIZES,
      0.14,
    ),
    seedream('seedream-5-0-260128', 'Seedream 5.0', '5.0', ['2K', '3K'] as const, SEEDREAM_50_SIZES, 0.14),
    seedream(
      'doubao-seedream-4-5-251128',
      'Seedream 4.5',
      '4.5',
      ['2K', '4K'] as const,
      SEEDREAM_45_SIZES,
      0.04,
    ),
    wan27('wan2.7-image', 'Wan 2.7 Image', 0.03),
    wan27('wan2.7-image-pro', 'Wan 2.7 Image Pro', 0.11),
    wan26('wan2.6-t2i'),
    wan26('wan2.6-image'),
    prunaImage(),
    prunaImageEdit(),
  ];
}
