import type { WireModel } from './wire-model.js';

/**
 * GateAI's catalogue as its Core API documentation (docs.txt) gives it: all 53 models (19 image,
 * 33 video, 1 3D) with every parameter's type, required flag, default, enum, min/max/step and
 * length limits, the "Supported Resolutions" tables as size presets (tiered tables as
 * "<ratio> small|medium|large"), the "Dimension Range" lines as size ranges, and each model's
 * example request. Shaped like `GET /v1/models/:modelId` answers, so live discovery and this copy
 * go through the same code. A `?` type in the document is an absent `type`; a blank default is "".
 *
 * It serves when discovery at start fails (see `load-catalogue.ts`). Models are in the document's
 * order and under its headings: `lucid-origin`, `lucid-realism`, `cortex-v0.9` and `cortex-v1.0`
 * are listed (and exemplified) as video models although priced per image, and `cortex_1.0` as an
 * image model; the document is followed, see the README.
 */
export const DOCUMENT_CATALOGUE: readonly WireModel[] = [
  {
    id: 'auto-image',
    name: 'Auto Image',
    type: 'image',
    cost: '~$0.02 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        default: 1024,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        max: 8,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1024,
          height: 1024,
        },
        {
          label: '2:3',
          width: 832,
          height: 1248,
        },
        {
          label: '3:2',
          width: 1248,
          height: 832,
        },
        {
          label: '3:4',
          width: 864,
          height: 1184,
        },
        {
          label: 'Twitter / X (4:3)',
          width: 1184,
          height: 864,
        },
        {
          label: 'Instagram (4:5)',
          width: 896,
          height: 1152,
        },
        {
          label: '5:4',
          width: 1152,
          height: 896,
        },
        {
          label: '16:9',
          width: 1344,
          height: 768,
        },
        {
          label: 'TikTok (9:16)',
          width: 768,
          height: 1344,
        },
      ],
    },
    example: {
      model: 'auto-image',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'flux-dev',
    name: 'Flux Dev',
    type: 'image',
    cost: '~$0.00 per 1024×1024 image',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['FAST', 'ULTRA'],
        default: 'FAST',
      },
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483637,
      },
      loras: {
        type: 'array',
        required: false,
        description: 'LoRA models to apply during generation',
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 16,
        max: 2496,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 16,
        max: 2496,
        step: 8,
      },
      prompt: {
        type: 'string',
        required: true,
        minLen: 1,
        maxLen: 2000,
        description: 'The prompt to use for the generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
      },
      guidance_scale: {
        type: 'number',
        required: false,
        default: 3.5,
        min: 1,
        max: 10,
        description: 'How closely the model follows the prompt',
      },
      image_guidances: {
        type: 'array',
        required: false,
        description: 'Image guidance configurations for StyleTransfer and LoraDepthMidas',
      },
      num_inference_steps: {
        type: 'integer',
        required: false,
        default: 28,
        min: 1,
        max: 40,
        description: 'Number of denoising steps',
      },
    },
    sizes: {
      range: {
        minWidth: 480,
        maxWidth: 2048,
        minHeight: 480,
        maxHeight: 2048,
        step: 8,
      },
    },
    example: {
      model: 'flux-dev',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        mode: 'FAST',
        width: 1024,
        height: 1024,
        guidance_scale: 3.5,
        num_inference_steps: 28,
      },
    },
  },
  {
    id: 'flux-kontext-max',
    name: 'Flux Kontext Max',
    type: 'image',
    cost: '~$0.04 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 4294967295,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 1,
      },
    },
    example: {
      model: 'flux-kontext-max',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'flux-kontext-pro',
    name: 'Flux Kontext Pro',
    type: 'image',
    cost: '~$0.02 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483637,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 1,
      },
    },
    example: {
      model: 'flux-kontext-pro',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'flux-pro-2.0',
    name: 'Flux Pro 2.0',
    type: 'image',
    cost: '~$0.01 per 1024×1024 image',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 4294967295,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1440,
        min: 64,
        max: 14142,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1440,
        min: 64,
        max: 14142,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 64,
        maxWidth: 14142,
        minHeight: 64,
        maxHeight: 14142,
        step: 1,
      },
    },
    example: {
      model: 'flux-pro-2.0',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1440,
        height: 1440,
      },
    },
  },
  {
    id: 'flux-schnell',
    name: 'Flux Schnell (1)',
    type: 'image',
    cost: '~$0.00 per 1024×1024 image',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483637,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
        step: 8,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 8,
      },
    },
    example: {
      model: 'flux-schnell',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'gemini-2.5-flash-image',
    name: 'Gemini 2.5 Flash (Nano Banana) Image',
    type: 'image',
    cost: '~$0.02 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483638,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [0, 768, 832, 864, 896, 1024, 1152, 1184, 1248, 1344, 1536],
        default: 1024,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [0, 672, 768, 832, 864, 896, 1024, 1152, 1184, 1248, 1344],
        default: 1024,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1024,
          height: 1024,
        },
        {
          label: '2:3',
          width: 832,
          height: 1248,
        },
        {
          label: '16:9',
          width: 1344,
          height: 768,
        },
        {
          label: 'Twitter (4:3)',
          width: 1184,
          height: 864,
        },
        {
          label: 'Mobile (9:16)',
          width: 768,
          height: 1344,
        },
        {
          label: 'Instagram (4:5)',
          width: 896,
          height: 1152,
        },
        {
          label: '3:2',
          width: 1248,
          height: 832,
        },
        {
          label: '3:4',
          width: 864,
          height: 1184,
        },
        {
          label: '5:4',
          width: 1152,
          height: 896,
        },
        {
          label: 'Ultrawide (21:9)',
          width: 1536,
          height: 672,
        },
      ],
    },
    example: {
      model: 'gemini-2.5-flash-image',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'gemini-image-2',
    name: 'Gemini Image 2',
    type: 'image',
    cost: '~$0.06 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483638,
        description: 'Seed for reproducible image generation',
      },
      top_p: {
        type: 'number',
        required: false,
        min: 0,
        max: 1,
        description: 'Nucleus sampling parameter (lower=more focused, higher=more diverse)',
      },
      width: {
        type: 'integer',
        required: false,
        enum: [
          768, 848, 896, 928, 1024, 1152, 1200, 1264, 1376, 1536, 1584, 1696, 1792, 1856, 2048, 2304, 2400,
          2528, 2752, 3072, 3168, 3392, 3584, 3712, 4096, 4608, 4800, 5056, 5504, 6336,
        ],
        description: 'Width of the generated image',
      },
      height: {
        type: 'integer',
        required: false,
        enum: [
          672, 768, 848, 896, 928, 1024, 1152, 1200, 1264, 1344, 1376, 1536, 1696, 1792, 1856, 2048, 2304,
          2400, 2528, 2688, 2752, 3072, 3392, 3584, 3712, 4096, 4608, 4800, 5056, 5504,
        ],
        description: 'Height of the generated image',
      },
      prompt: {
        type: 'string',
        required: true,
        description: 'Text prompt for image generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
        description: 'Number of images to generate',
      },
      image_urls: {
        required: false,
      },
      temperature: {
        type: 'number',
        required: false,
        min: 0,
        max: 2,
        description: 'Controls randomness in generation (0.0=deterministic, 2.0=very creative)',
      },
      output_format: {
        type: 'string',
        required: false,
        enum: ['jpeg', 'png'],
        default: 'png',
        description: 'Output image format',
      },
      response_modalities: {
        type: 'array',
        required: false,
        default: ['IMAGE'],
        description: 'What types of content to generate',
      },
      use_auto_dimensions: {
        type: 'boolean',
        required: false,
        description: 'Internal flag indicating dimensions should not be sent to provider',
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1 small',
          width: 1024,
          height: 1024,
        },
        {
          label: '1:1 medium',
          width: 2048,
          height: 2048,
        },
        {
          label: '1:1 large',
          width: 4096,
          height: 4096,
        },
        {
          label: '2:3 small',
          width: 848,
          height: 1264,
        },
        {
          label: '2:3 medium',
          width: 1696,
          height: 2528,
        },
        {
          label: '2:3 large',
          width: 3392,
          height: 5056,
        },
        {
          label: '16:9 small',
          width: 1376,
          height: 768,
        },
        {
          label: '16:9 medium',
          width: 2752,
          height: 1536,
        },
        {
          label: '16:9 large',
          width: 5504,
          height: 3072,
        },
        {
          label: 'Twitter (4:3) small',
          width: 1200,
          height: 896,
        },
        {
          label: 'Twitter (4:3) medium',
          width: 2400,
          height: 1792,
        },
        {
          label: 'Twitter (4:3) large',
          width: 4800,
          height: 3584,
        },
        {
          label: 'Mobile (9:16) small',
          width: 768,
          height: 1376,
        },
        {
          label: 'Mobile (9:16) medium',
          width: 1536,
          height: 2752,
        },
        {
          label: 'Mobile (9:16) large',
          width: 3072,
          height: 5504,
        },
        {
          label: 'Instagram (4:5) small',
          width: 928,
          height: 1152,
        },
        {
          label: 'Instagram (4:5) medium',
          width: 1856,
          height: 2304,
        },
        {
          label: 'Instagram (4:5) large',
          width: 3712,
          height: 4608,
        },
        {
          label: '3:2 small',
          width: 1264,
          height: 848,
        },
        {
          label: '3:2 medium',
          width: 2528,
          height: 1696,
        },
        {
          label: '3:2 large',
          width: 5056,
          height: 3392,
        },
        {
          label: '3:4 small',
          width: 896,
          height: 1200,
        },
        {
          label: '3:4 medium',
          width: 1792,
          height: 2400,
        },
        {
          label: '3:4 large',
          width: 3584,
          height: 4800,
        },
        {
          label: '5:4 small',
          width: 1152,
          height: 928,
        },
        {
          label: '5:4 medium',
          width: 2304,
          height: 1856,
        },
        {
          label: '5:4 large',
          width: 4608,
          height: 3712,
        },
        {
          label: 'Ultrawide (21:9) small',
          width: 1584,
          height: 672,
        },
        {
          label: 'Ultrawide (21:9) medium',
          width: 3168,
          height: 1344,
        },
        {
          label: 'Ultrawide (21:9) large',
          width: 6336,
          height: 2688,
        },
      ],
    },
    example: {
      model: 'gemini-image-2',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        output_format: 'png',
        response_modalities: ['IMAGE'],
      },
    },
  },
  {
    id: 'gpt-image-1',
    name: 'GPT Image 1',
    type: 'image',
    cost: '~$0.01 per 1024×1024 image',
    params: {
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 1024,
        max: 1536,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 1024,
        max: 1536,
        step: 8,
      },
      prompt: {
        required: true,
      },
      quality: {
        type: 'string',
        required: false,
        enum: ['high', 'medium', 'low'],
        default: 'medium',
        description: 'The quality of the generated images.',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
      },
      transparency: {
        type: 'boolean',
        required: false,
      },
      output_format: {
        type: 'string',
        required: false,
        enum: ['jpeg', 'png', 'webp'],
        default: 'jpeg',
        description: 'The format in which the generated images are returned.',
      },
      image_guidances: {
        type: 'array',
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 1,
      },
    },
    example: {
      model: 'gpt-image-1',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
        quality: 'medium',
        output_format: 'jpeg',
      },
    },
  },
  {
    id: 'gpt-image-1.5',
    name: 'GPT Image 1.5',
    type: 'image',
    cost: '~$0.01 per 1024×1024 image',
    params: {
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 1024,
        max: 1536,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 1024,
        max: 1536,
        step: 8,
      },
      prompt: {
        required: true,
      },
      quality: {
        type: 'string',
        required: false,
        enum: ['high', 'medium', 'low'],
        default: 'medium',
        description: 'The quality of the generated images.',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
      },
      output_format: {
        type: 'string',
        required: false,
        enum: ['jpeg', 'png', 'webp'],
        default: 'jpeg',
        description: 'The format in which the generated images are returned.',
      },
      image_guidances: {
        type: 'array',
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 1024,
        maxWidth: 1536,
        minHeight: 1024,
        maxHeight: 1536,
        step: 8,
      },
    },
    example: {
      model: 'gpt-image-1.5',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
        quality: 'medium',
        output_format: 'jpeg',
      },
    },
  },
  {
    id: 'gpt-image-2',
    name: 'GPT Image 2',
    type: 'image',
    cost: '~$0.00 per 1024×1024 image',
    params: {
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 256,
        max: 3840,
        step: 16,
        description:
          'Image width in pixels. Must be a multiple of 16. Each edge must be between 256 and 3840 px inclusive. Total pixels (widt',
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 256,
        max: 3840,
        step: 16,
        description:
          'Image height in pixels. Must be a multiple of 16. Each edge must be between 256 and 3840 px inclusive. Total pixels (wid',
      },
      prompt: {
        required: true,
      },
      quality: {
        type: 'string',
        required: false,
        enum: ['high', 'medium', 'low'],
        default: 'low',
        description: 'The quality of the generated images.',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
      },
      output_format: {
        type: 'string',
        required: false,
        enum: ['jpeg', 'png'],
        default: 'jpeg',
        description: 'The format in which the generated images are returned.',
      },
      image_guidances: {
        type: 'array',
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1 small',
          width: 1024,
          height: 1024,
        },
        {
          label: '1:1 medium',
          width: 2048,
          height: 2048,
        },
        {
          label: '1:1 large',
          width: 2880,
          height: 2880,
        },
        {
          label: '2:3 small',
          width: 848,
          height: 1264,
        },
        {
          label: '2:3 medium',
          width: 1376,
          height: 2048,
        },
        {
          label: '2:3 large',
          width: 2336,
          height: 3504,
        },
        {
          label: '16:9 small',
          width: 1376,
          height: 768,
        },
        {
          label: '16:9 medium',
          width: 2048,
          height: 1136,
        },
        {
          label: '16:9 large',
          width: 3584,
          height: 2016,
        },
        {
          label: 'Twitter (4:3) small',
          width: 1200,
          height: 896,
        },
        {
          label: 'Twitter (4:3) medium',
          width: 2048,
          height: 1536,
        },
        {
          label: 'Twitter (4:3) large',
          width: 3264,
          height: 2448,
        },
        {
          label: 'Mobile (9:16) small',
          width: 768,
          height: 1376,
        },
        {
          label: 'Mobile (9:16) medium',
          width: 1136,
          height: 2048,
        },
        {
          label: 'Mobile (9:16) large',
          width: 2016,
          height: 3584,
        },
        {
          label: 'Instagram (4:5) small',
          width: 928,
          height: 1152,
        },
        {
          label: 'Instagram (4:5) medium',
          width: 1648,
          height: 2048,
        },
        {
          label: 'Instagram (4:5) large',
          width: 2560,
          height: 3200,
        },
        {
          label: '3:2 small',
          width: 1264,
          height: 848,
        },
        {
          label: '3:2 medium',
          width: 2048,
          height: 1376,
        },
        {
          label: '3:2 large',
          width: 3504,
          height: 2336,
        },
        {
          label: '3:4 small',
          width: 896,
          height: 1200,
        },
        {
          label: '3:4 medium',
          width: 1536,
          height: 2048,
        },
        {
          label: '3:4 large',
          width: 2448,
          height: 3264,
        },
        {
          label: '5:4 small',
          width: 1152,
          height: 928,
        },
        {
          label: '5:4 medium',
          width: 2048,
          height: 1648,
        },
        {
          label: '5:4 large',
          width: 3200,
          height: 2560,
        },
        {
          label: 'Ultrawide (21:9) small',
          width: 1584,
          height: 672,
        },
        {
          label: 'Ultrawide (21:9) medium',
          width: 2048,
          height: 864,
        },
        {
          label: 'Ultrawide (21:9) large',
          width: 3808,
          height: 1632,
        },
      ],
    },
    example: {
      model: 'gpt-image-2',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
        quality: 'low',
        output_format: 'jpeg',
      },
    },
  },
  {
    id: 'ideogram-v3.0',
    name: 'Ideogram V3',
    type: 'image',
    cost: '~$0.01 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['TURBO', 'BALANCED', 'QUALITY'],
        default: 'BALANCED',
      },
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483637,
      },
      style: {
        required: false,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 512,
        max: 1536,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 512,
        max: 1536,
        step: 8,
      },
      prompt: {
        type: 'string',
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
      },
      image_urls: {
        required: false,
      },
      prompt_enhance: {
        type: 'boolean',
        required: false,
        default: false,
      },
      negative_prompt: {
        type: 'string',
        required: false,
        default: '',
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 1,
      },
    },
    example: {
      model: 'ideogram-v3.0',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        mode: 'BALANCED',
        width: 1024,
        height: 1024,
        prompt_enhance: false,
        negative_prompt: '',
      },
    },
  },
  {
    id: 'kino-xl',
    name: "'Cinematic Kino' (Kino XL)",
    type: 'image',
    cost: '~$0.00 per 1024×1024 image',
    params: {},
    example: {
      model: 'kino-xl',
      type: 'image',
      params: {},
    },
  },
  {
    id: 'cortex_1.0',
    name: 'Cortex 1.0',
    type: 'image',
    cost: '~$0.01 per generation',
    params: {
      quantity: {
        type: 'number',
        required: false,
        default: 1,
        min: 1,
        max: 1,
      },
      motion_strength: {
        required: false,
      },
    },
    example: {
      model: 'cortex_1.0',
      type: 'image',
      params: {},
    },
  },
  {
    id: 'nano-banana-2',
    name: 'Nano Banana 2',
    type: 'image',
    cost: '~$0.03 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483638,
        description: 'Seed for reproducible image generation',
      },
      top_p: {
        type: 'number',
        required: false,
        min: 0,
        max: 1,
        description: 'Nucleus sampling parameter (lower=more focused, higher=more diverse)',
      },
      width: {
        type: 'integer',
        required: false,
        enum: [
          768, 848, 896, 928, 1024, 1152, 1200, 1264, 1376, 1536, 1584, 1696, 1792, 1856, 2048, 2304, 2400,
          2528, 2752, 3072, 3168, 3392, 3584, 3712, 4096, 4608, 4800, 5056, 5504, 6336,
        ],
        description: 'Width of the generated image',
      },
      height: {
        type: 'integer',
        required: false,
        enum: [
          672, 768, 848, 896, 928, 1024, 1152, 1200, 1264, 1344, 1376, 1536, 1696, 1792, 1856, 2048, 2304,
          2400, 2528, 2688, 2752, 3072, 3392, 3584, 3712, 4096, 4608, 4800, 5056, 5504,
        ],
        description: 'Height of the generated image',
      },
      prompt: {
        type: 'string',
        required: true,
        description: 'Text prompt for image generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
        description: 'Number of images to generate',
      },
      image_urls: {
        required: false,
      },
      temperature: {
        type: 'number',
        required: false,
        min: 0,
        max: 2,
        description: 'Controls randomness in generation (0.0=deterministic, 2.0=very creative)',
      },
      output_format: {
        type: 'string',
        required: false,
        enum: ['jpeg', 'png'],
        default: 'png',
        description: 'Output image format',
      },
      response_modalities: {
        type: 'array',
        required: false,
        default: ['IMAGE'],
        description: 'What types of content to generate',
      },
      use_auto_dimensions: {
        type: 'boolean',
        required: false,
        description: 'Internal flag indicating dimensions should not be sent to provider',
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1 small',
          width: 1024,
          height: 1024,
        },
        {
          label: '1:1 medium',
          width: 2048,
          height: 2048,
        },
        {
          label: '1:1 large',
          width: 4096,
          height: 4096,
        },
        {
          label: '2:3 small',
          width: 848,
          height: 1264,
        },
        {
          label: '2:3 medium',
          width: 1696,
          height: 2528,
        },
        {
          label: '2:3 large',
          width: 3392,
          height: 5056,
        },
        {
          label: '16:9 small',
          width: 1376,
          height: 768,
        },
        {
          label: '16:9 medium',
          width: 2752,
          height: 1536,
        },
        {
          label: '16:9 large',
          width: 5504,
          height: 3072,
        },
        {
          label: 'Twitter (4:3) small',
          width: 1200,
          height: 896,
        },
        {
          label: 'Twitter (4:3) medium',
          width: 2400,
          height: 1792,
        },
        {
          label: 'Twitter (4:3) large',
          width: 4800,
          height: 3584,
        },
        {
          label: 'Mobile (9:16) small',
          width: 768,
          height: 1376,
        },
        {
          label: 'Mobile (9:16) medium',
          width: 1536,
          height: 2752,
        },
        {
          label: 'Mobile (9:16) large',
          width: 3072,
          height: 5504,
        },
        {
          label: 'Instagram (4:5) small',
          width: 928,
          height: 1152,
        },
        {
          label: 'Instagram (4:5) medium',
          width: 1856,
          height: 2304,
        },
        {
          label: 'Instagram (4:5) large',
          width: 3712,
          height: 4608,
        },
        {
          label: '3:2 small',
          width: 1264,
          height: 848,
        },
        {
          label: '3:2 medium',
          width: 2528,
          height: 1696,
        },
        {
          label: '3:2 large',
          width: 5056,
          height: 3392,
        },
        {
          label: '3:4 small',
          width: 896,
          height: 1200,
        },
        {
          label: '3:4 medium',
          width: 1792,
          height: 2400,
        },
        {
          label: '3:4 large',
          width: 3584,
          height: 4800,
        },
        {
          label: '5:4 small',
          width: 1152,
          height: 928,
        },
        {
          label: '5:4 medium',
          width: 2304,
          height: 1856,
        },
        {
          label: '5:4 large',
          width: 4608,
          height: 3712,
        },
        {
          label: 'Ultrawide (21:9) small',
          width: 1584,
          height: 672,
        },
        {
          label: 'Ultrawide (21:9) medium',
          width: 3168,
          height: 1344,
        },
        {
          label: 'Ultrawide (21:9) large',
          width: 6336,
          height: 2688,
        },
      ],
    },
    example: {
      model: 'nano-banana-2',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        output_format: 'png',
        response_modalities: ['IMAGE'],
      },
    },
  },
  {
    id: 'recraft-v4',
    name: 'Recraft V4',
    type: 'image',
    cost: '~$0.02 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        enum: [768, 832, 896, 1024, 1152, 1216, 1280, 1344, 1536],
        default: 1024,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [768, 832, 896, 1024, 1152, 1216, 1280, 1344, 1536],
        default: 1024,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1024,
          height: 1024,
        },
        {
          label: '2:3',
          width: 832,
          height: 1280,
        },
        {
          label: '16:9',
          width: 1344,
          height: 768,
        },
        {
          label: 'Twitter (4:3)',
          width: 1216,
          height: 896,
        },
        {
          label: 'Mobile (9:16)',
          width: 768,
          height: 1344,
        },
        {
          label: 'Instagram (4:5)',
          width: 896,
          height: 1152,
        },
        {
          label: '1:2',
          width: 768,
          height: 1536,
        },
        {
          label: '2:1',
          width: 1536,
          height: 768,
        },
        {
          label: '3:2',
          width: 1280,
          height: 832,
        },
        {
          label: '3:4',
          width: 896,
          height: 1216,
        },
        {
          label: '5:4',
          width: 1152,
          height: 896,
        },
        {
          label: '6:10',
          width: 832,
          height: 1344,
        },
        {
          label: '10:14',
          width: 896,
          height: 1280,
        },
        {
          label: '14:10',
          width: 1280,
          height: 896,
        },
      ],
    },
    example: {
      model: 'recraft-v4',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'recraft-v4-pro',
    name: 'Recraft V4 Pro',
    type: 'image',
    cost: '~$0.10 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        enum: [1536, 1664, 1792, 2048, 2304, 2432, 2560, 2688, 3072],
        default: 2048,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [1536, 1664, 1792, 2048, 2304, 2432, 2560, 2688, 3072],
        default: 2048,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 2048,
          height: 2048,
        },
        {
          label: '2:3',
          width: 1664,
          height: 2560,
        },
        {
          label: '16:9',
          width: 2688,
          height: 1536,
        },
        {
          label: 'Twitter (4:3)',
          width: 2432,
          height: 1792,
        },
        {
          label: 'Mobile (9:16)',
          width: 1536,
          height: 2688,
        },
        {
          label: 'Instagram (4:5)',
          width: 1792,
          height: 2304,
        },
        {
          label: '1:2',
          width: 1536,
          height: 3072,
        },
        {
          label: '2:1',
          width: 3072,
          height: 1536,
        },
        {
          label: '3:2',
          width: 2560,
          height: 1664,
        },
        {
          label: '3:4',
          width: 1792,
          height: 2432,
        },
        {
          label: '5:4',
          width: 2304,
          height: 1792,
        },
        {
          label: '6:10',
          width: 1664,
          height: 2688,
        },
        {
          label: '10:14',
          width: 1792,
          height: 2560,
        },
        {
          label: '14:10',
          width: 2560,
          height: 1792,
        },
      ],
    },
    example: {
      model: 'recraft-v4-pro',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 2048,
        height: 2048,
      },
    },
  },
  {
    id: 'seedream-4.0',
    name: 'Seedream 4.0 Image',
    type: 'image',
    cost: '~$0.01 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483638,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 14142,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 14142,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 14142,
        minHeight: 32,
        maxHeight: 14142,
        step: 1,
      },
    },
    example: {
      model: 'seedream-4.0',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'seedream-4.5',
    name: 'Seedream 4.5 Image',
    type: 'image',
    cost: '~$0.01 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483638,
      },
      width: {
        type: 'integer',
        required: false,
        default: 2048,
        min: 32,
        max: 14142,
      },
      height: {
        type: 'integer',
        required: false,
        default: 2048,
        min: 32,
        max: 14142,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 14142,
        minHeight: 32,
        maxHeight: 14142,
        step: 1,
      },
    },
    example: {
      model: 'seedream-4.5',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        width: 2048,
        height: 2048,
      },
    },
  },
  {
    id: 'auto-video',
    name: 'Auto Video',
    type: 'video',
    cost: '~$0.13 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        max: 1,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'auto-video',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        width: 1280,
        height: 720,
        duration: 8,
      },
    },
  },
  {
    id: 'hailuo-2_3',
    name: 'Hailuo-2.3 Video Gen',
    type: 'video',
    cost: '~$0.04 per generation',
    params: {
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      resolution: {
        type: 'string',
        required: false,
        enum: ['768p', '1080p'],
        default: '1080p',
        description: 'Video resolution',
      },
      start_frame: {
        required: false,
        description: 'First frame image for image-to-video generation',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [6, 10],
        default: 6,
        description: 'Video duration in seconds. 1080P supports only 6 seconds',
      },
      prompt_optimizer: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Auto-optimize prompt for better video quality',
      },
      fast_pretreatment: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Reduce processing time during prompt optimization',
      },
    },
    validWidths: [768, 1376, 1080, 1920],
    validHeights: [768, 1376, 1080, 1920],
    example: {
      model: 'hailuo-2_3',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        resolution: '1080p',
        durationSeconds: 6,
        prompt_optimizer: true,
        fast_pretreatment: false,
      },
    },
  },
  {
    id: 'hailuo-2_3-fast',
    name: 'Hailuo-2.3-fast Video Gen',
    type: 'video',
    cost: '~$0.03 per generation',
    params: {
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      resolution: {
        type: 'string',
        required: false,
        enum: ['768p', '1080p'],
        default: '1080p',
        description: 'Video resolution',
      },
      start_frame: {
        required: true,
        description: 'First frame image for image-to-video generation (required for fast variant)',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [6, 10],
        default: 6,
        description: 'Video duration in seconds. 1080P supports only 6 seconds',
      },
      prompt_optimizer: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Auto-optimize prompt for better video quality',
      },
      fast_pretreatment: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Reduce processing time during prompt optimization',
      },
    },
    validWidths: [768, 1376, 1080, 1920],
    validHeights: [768, 1376, 1080, 1920],
    example: {
      model: 'hailuo-2_3-fast',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        resolution: '1080p',
        durationSeconds: 6,
        prompt_optimizer: true,
        fast_pretreatment: false,
      },
    },
  },
  {
    id: 'happy-horse',
    name: 'Happy Horse Video Gen',
    type: 'video',
    cost: '~$0.06 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483647,
        description: 'Random seed for reproducibility',
      },
      width: {
        type: 'integer',
        required: false,
        default: 1920,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        default: 1080,
        description: 'Video height in pixels',
      },
      prompt: {
        required: false,
        maxLen: 2500,
        description: 'Text prompt describing the desired video',
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        default: 5,
        description:
          'Output video duration in seconds. Not applicable for video-edit (inherits from source video).',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      start_frame: {
        required: false,
        description: 'Image to use as first frame for image-to-video generation',
      },
      audio_setting: {
        type: 'string',
        required: false,
        enum: ['auto', 'origin'],
        default: 'auto',
        description: 'Audio handling for video-edit: auto (model decides) or origin (preserve input audio).',
      },
      image_guidance: {
        type: 'array',
        required: false,
        description:
          'Reference images for reference-to-video (1-9, referenced as character1-character9) or video-edit (0-5, referenced as @Im',
      },
      video_guidance: {
        type: 'array',
        required: false,
        description: 'Source video for video-edit mode. Maximum 1 item.',
      },
      enable_safety_checker: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Enable content moderation for input and output',
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1080,
          height: 1080,
        },
        {
          label: '3:4',
          width: 1080,
          height: 1440,
        },
        {
          label: '4:3',
          width: 1440,
          height: 1080,
        },
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'happy-horse',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        width: 1920,
        height: 1080,
        duration: 5,
        audio_setting: 'auto',
        enable_safety_checker: false,
      },
    },
  },
  {
    id: 'kling-2.1-pro',
    name: 'Kling 2.1 Pro',
    type: 'video',
    cost: '~$0.04 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        default: 1920,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1080,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [5, 10],
        default: 5,
      },
      quantity: {
        type: 'number',
        required: false,
        default: 1,
        max: 1,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1440,
          height: 1440,
        },
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'kling-2.1-pro',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        width: 1920,
        height: 1080,
        duration: 5,
      },
    },
  },
  {
    id: 'kling-2.5',
    name: 'Kling 2.5 Turbo',
    type: 'video',
    cost: '~$0.03 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080'],
        default: 'RESOLUTION_1080',
      },
      width: {
        type: 'integer',
        required: false,
        default: 1920,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1080,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [5, 10],
        default: 5,
      },
      quantity: {
        type: 'number',
        required: false,
        default: 1,
        max: 1,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1440,
          height: 1440,
        },
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'kling-2.5',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_1080',
        width: 1920,
        height: 1080,
        duration: 5,
      },
    },
  },
  {
    id: 'kling-2.5-turbo-standard',
    name: 'Kling 2.5 Turbo Standard Video Gen',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        enum: [1280, 720, 960],
        default: 1280,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1280, 960],
        default: 720,
        description: 'Video height in pixels',
      },
      prompt: {
        required: true,
        maxLen: 2500,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      cfg_scale: {
        type: 'number',
        required: false,
        default: 0.5,
        min: 0,
        max: 1,
        description: 'Guidance scale for generation strength',
      },
      start_frame: {
        required: true,
        description: 'Start frame image for video generation',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [5, 10],
        default: 5,
        description: 'Video duration in seconds',
      },
      negative_prompt: {
        type: 'string',
        required: false,
        default: 'blur, distort, and low quality',
        maxLen: 1000,
        description: 'Elements to exclude from generation',
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 960,
          height: 960,
        },
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'kling-2.5-turbo-standard',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        width: 1280,
        height: 720,
        cfg_scale: 0.5,
        durationSeconds: 5,
        negative_prompt: 'blur, distort, and low quality',
      },
    },
  },
  {
    id: 'kling-2.6',
    name: 'Kling 2.6',
    type: 'video',
    cost: '~$0.06 per generation',
    params: {
      audio: {
        required: false,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [1920, 1080, 1440, 0],
      },
      height: {
        type: 'integer',
        required: false,
        enum: [1080, 1920, 1440, 0],
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [5, 10],
        default: 5,
      },
      quantity: {
        type: 'number',
        required: false,
        default: 1,
        max: 1,
      },
      start_frame: {
        required: false,
      },
      motion_has_audio: {
        required: false,
        default: true,
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1440,
          height: 1440,
        },
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'kling-2.6',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        duration: 5,
        motion_has_audio: true,
      },
    },
  },
  {
    id: 'kling-3.0',
    name: 'Kling 3.0 Video Gen',
    type: 'video',
    cost: '~$0.03 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080', 'RESOLUTION_2160'],
        default: 'RESOLUTION_1080',
        description:
          'Video resolution mode. RESOLUTION_1080 uses pro endpoints (1080p), RESOLUTION_720 uses standard endpoints (720p), RESOLU',
      },
      width: {
        type: 'integer',
        required: false,
        enum: [1920, 1080, 1440, 1280, 720, 960, 0, 3840, 2160, 2880],
        default: 1920,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        enum: [1080, 1920, 1440, 720, 1280, 960, 0, 2160, 3840, 2880],
        default: 1080,
        description: 'Video height in pixels',
      },
      prompt: {
        required: true,
        description:
          'Text description for video generation. Can include dialogue, narration, sound effects, and ambient audio descriptions.',
      },
      elements: {
        type: 'array',
        required: false,
        description:
          'Elements (characters/objects) to include. Reference in prompt as @Element1, @Element2. Supports element consistency for',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description:
          'End frame image for frame interpolation. Cannot be used when more than 2 images are used (start_frame + reference images',
      },
      voice_ids: {
        type: 'array',
        required: false,
        description: 'Voice IDs for voice control. Reference in prompt using <<>>, <<>>',
      },
      image_urls: {
        type: 'array',
        required: false,
        description:
          'Reference images for style/appearance. Reference in prompt as @Image1, @Image2, etc. Maximum 7 total (elements + referen',
      },
      start_frame: {
        required: false,
        description:
          'Start frame image for image-to-video mode. Accepted formats: jpg, jpeg, png, webp, gif, avif. Max size: 10MB. Min dimens',
      },
      generate_audio: {
        type: 'boolean',
        required: false,
        default: true,
        description:
          'Whether to generate native audio for the video. Supports multiple audio types: speech, dialogue, singing/rap, ambient, s',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        default: 5,
        description: 'Video duration in seconds (3-15s)',
      },
    },
    sizes: {
      presets: [
        {
          label: '1:1',
          width: 1440,
          height: 1440,
        },
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'kling-3.0',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_1080',
        width: 1920,
        height: 1080,
        generate_audio: true,
        durationSeconds: 5,
      },
    },
  },
  {
    id: 'kling-video-o-1',
    name: 'Kling Video O 1 Gen',
    type: 'video',
    cost: '~$0.04 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2160,
        description: 'Video width in pixels (0 for auto)',
      },
      height: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2160,
        description: 'Video height in pixels (0 for auto)',
      },
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      cfg_scale: {
        type: 'number',
        required: false,
        default: 0.5,
        min: 0,
        max: 1,
        description: 'Guidance scale for generation strength',
      },
      end_frame: {
        required: false,
      },
      keep_audio: {
        type: 'boolean',
        required: false,
        default: false,
        description:
          'Whether to keep the original audio from the video. Defaults to false (matches Fal API default). Can be set to true to pr',
      },
      start_frame: {
        required: false,
      },
      image_guidance: {
        type: 'array',
        required: false,
        description:
          'Additional reference images for guidance. Up to 6 guidance images allowed (7 max allowed without videos, but start frame',
      },
      video_guidance: {
        type: 'array',
        required: false,
        description:
          'Video guidance for video-to-video editing. Maximum 1 video allowed. When using BASE type, routes to video-to-video edit',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [3, 4, 5, 6, 7, 8, 9, 10],
        default: 5,
        description: 'Video duration in seconds',
      },
    },
    sizes: {
      range: {
        minWidth: 0,
        maxWidth: 2160,
        minHeight: 0,
        maxHeight: 2160,
        step: 1,
      },
    },
    example: {
      model: 'kling-video-o-1',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        cfg_scale: 0.5,
        keep_audio: false,
        durationSeconds: 5,
      },
    },
  },
  {
    id: 'kling-video-o-3',
    name: 'Kling Video O 3 Gen',
    type: 'video',
    cost: '~$0.07 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080', 'RESOLUTION_2160'],
        default: 'RESOLUTION_1080',
        description:
          'Video resolution mode. RESOLUTION_1080 uses pro endpoints (1080p), RESOLUTION_720 uses standard endpoints (720p), RESOLU',
      },
      width: {
        type: 'integer',
        required: false,
        min: 0,
        max: 3840,
        description: 'Video width in pixels (0 for auto)',
      },
      height: {
        type: 'integer',
        required: false,
        min: 0,
        max: 3840,
        description: 'Video height in pixels (0 for auto)',
      },
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description: 'End frame image for image-to-video generation',
      },
      keep_audio: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Whether to preserve audio from the reference video (video-to-video only)',
      },
      start_frame: {
        required: false,
        description: 'Start frame image for image-to-video generation',
      },
      generate_audio: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Whether to generate native audio for the video',
      },
      image_guidance: {
        type: 'array',
        required: false,
        description: 'Reference images for style/appearance. Reference in prompt as @Image1, @Image2, etc.',
      },
      video_guidance: {
        type: 'array',
        required: false,
        description:
          'Video guidance for video-to-video transformations. BASE type routes to edit endpoint, FEATURE type routes to reference e',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        default: 5,
        description: 'Video duration in seconds (3-15s)',
      },
    },
    sizes: {
      range: {
        minWidth: 0,
        maxWidth: 3840,
        minHeight: 0,
        maxHeight: 3840,
        step: 1,
      },
    },
    example: {
      model: 'kling-video-o-3',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_1080',
        keep_audio: false,
        generate_audio: false,
        durationSeconds: 5,
      },
    },
  },
  {
    id: 'ltxv-2.0-fast',
    name: 'LTXV 2 Fast Video Gen',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      fps: {
        type: 'integer',
        required: false,
        enum: [25, 50],
        default: 50,
        description: 'Frames per second',
      },
      width: {
        type: 'integer',
        required: false,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        description: 'Video height in pixels',
      },
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      resolution: {
        type: 'string',
        required: false,
        enum: ['1080p', '1440p', '2160p'],
        default: '1080p',
        description: 'Video resolution',
      },
      start_frame: {
        required: false,
        description: 'Start frame image for image-to-video generation',
      },
      aspect_ratio: {
        type: 'string',
        required: false,
        enum: ['16:9', '9:16'],
        default: '16:9',
        description: 'Video aspect ratio',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [6, 8],
        default: 6,
        description: 'Video duration in seconds',
      },
      enable_prompt_expansion: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Enable automatic prompt expansion',
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
      ],
    },
    example: {
      model: 'ltxv-2.0-fast',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        fps: 50,
        resolution: '1080p',
        aspect_ratio: '16:9',
        durationSeconds: 6,
        enable_prompt_expansion: true,
      },
    },
  },
  {
    id: 'ltxv-2.0-pro',
    name: 'LTXV 2 Pro Video Gen',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      fps: {
        type: 'integer',
        required: false,
        enum: [24, 30, 50],
        default: 50,
        description: 'Frames per second',
      },
      width: {
        type: 'integer',
        required: false,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        description: 'Video height in pixels',
      },
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      resolution: {
        type: 'string',
        required: false,
        enum: ['1080p', '1440p', '2160p'],
        default: '1080p',
        description: 'Video resolution',
      },
      start_frame: {
        required: false,
        description: 'Start frame image for image-to-video generation',
      },
      aspect_ratio: {
        type: 'string',
        required: false,
        enum: ['16:9', '9:16'],
        default: '16:9',
        description: 'Video aspect ratio',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [6, 8],
        default: 6,
        description: 'Video duration in seconds',
      },
      enable_prompt_expansion: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Enable automatic prompt expansion',
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
      ],
    },
    example: {
      model: 'ltxv-2.0-pro',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        fps: 50,
        resolution: '1080p',
        aspect_ratio: '16:9',
        durationSeconds: 6,
        enable_prompt_expansion: true,
      },
    },
  },
  {
    id: 'ltxv-2.0-ultra',
    name: 'LTX 2.0 Ultra',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_1080', 'RESOLUTION_1440', 'RESOLUTION_2160'],
        default: 'RESOLUTION_1080',
      },
      width: {
        type: 'integer',
        required: true,
        default: 1920,
      },
      height: {
        type: 'integer',
        required: true,
        default: 1080,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'ltxv-2.0-ultra',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_1080',
        width: 1920,
        height: 1080,
        duration: 8,
      },
    },
  },
  {
    id: 'ltxv-2.3-fast',
    name: 'LTXV 2.3 Fast Video Gen',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      fps: {
        type: 'integer',
        required: false,
        enum: [24, 25, 48, 50],
        default: 25,
        description: 'Frames per second',
      },
      width: {
        type: 'integer',
        required: false,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        description: 'Video height in pixels',
      },
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description: 'End frame image for transition video generation. Requires start_frame.',
      },
      resolution: {
        type: 'string',
        required: false,
        enum: ['1080p', '1440p', '2160p'],
        default: '1080p',
        description: 'Video resolution',
      },
      start_frame: {
        required: false,
        description: 'Start frame image for image-to-video generation',
      },
      aspect_ratio: {
        type: 'string',
        required: false,
        enum: ['16:9', '9:16'],
        description:
          'Video aspect ratio. Defaults to 16:9 for T2V, or auto-detected from start_frame for I2V.',
      },
      generate_audio: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Whether to generate audio for the video',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [6, 8, 10, 12, 14, 16, 18, 20],
        default: 6,
        description: 'Video duration in seconds. Durations over 10s require 25fps and 1080p resolution.',
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'ltxv-2.3-fast',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        fps: 25,
        resolution: '1080p',
        generate_audio: true,
        durationSeconds: 6,
      },
    },
  },
  {
    id: 'ltxv-2.3-pro',
    name: 'LTXV 2.3 Pro Video Gen',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      fps: {
        type: 'integer',
        required: false,
        enum: [24, 25, 48, 50],
        default: 25,
        description: 'Frames per second',
      },
      width: {
        type: 'integer',
        required: false,
        description: 'Video width in pixels',
      },
      height: {
        type: 'integer',
        required: false,
        description: 'Video height in pixels',
      },
      prompt: {
        required: true,
        description: 'Text description for video generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description: 'End frame image for transition video generation. Requires start_frame.',
      },
      resolution: {
        type: 'string',
        required: false,
        enum: ['1080p', '1440p', '2160p'],
        default: '1080p',
        description: 'Video resolution',
      },
      start_frame: {
        required: false,
        description: 'Start frame image for image-to-video generation',
      },
      aspect_ratio: {
        type: 'string',
        required: false,
        enum: ['16:9', '9:16'],
        description:
          'Video aspect ratio. Defaults to 16:9 for T2V, or auto-detected from start_frame for I2V.',
      },
      generate_audio: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Whether to generate audio for the video',
      },
      durationSeconds: {
        type: 'integer',
        required: false,
        enum: [6, 8, 10],
        default: 6,
        description: 'Video duration in seconds',
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1920,
          height: 1080,
        },
        {
          label: '9:16',
          width: 1080,
          height: 1920,
        },
      ],
    },
    example: {
      model: 'ltxv-2.3-pro',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        fps: 25,
        resolution: '1080p',
        generate_audio: true,
        durationSeconds: 6,
      },
    },
  },
  {
    id: 'lucid-origin',
    name: 'Cortex 1.5',
    type: 'video',
    cost: '~$0.00 per 1024×1024 image',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['FAST', 'ULTRA'],
        default: 'FAST',
      },
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483637,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 16,
        max: 3000,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 16,
        max: 3000,
        step: 8,
      },
      prompt: {
        type: 'string',
        required: true,
        minLen: 1,
        maxLen: 2000,
        description: 'The prompt to use for the generation',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 8,
      },
      guidance_scale: {
        type: 'number',
        required: false,
        default: 0,
        min: 0,
        max: 20,
        description: 'How closely the model follows the prompt',
      },
      image_guidances: {
        type: 'array',
        required: false,
        description: 'Image guidance configurations for StyleTransfer and LoraDepthMidas',
      },
      num_inference_steps: {
        type: 'integer',
        required: false,
        default: 15,
        min: 1,
        max: 150,
        description: 'Number of denoising steps',
      },
    },
    sizes: {
      range: {
        minWidth: 16,
        maxWidth: 3840,
        minHeight: 16,
        maxHeight: 3616,
        step: 8,
      },
    },
    example: {
      model: 'lucid-origin',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'FAST',
        width: 1024,
        height: 1024,
        guidance_scale: 0,
        num_inference_steps: 15,
      },
    },
  },
  {
    id: 'lucid-realism',
    name: 'Lucid Realism',
    type: 'video',
    cost: '~$0.00 per 1024×1024 image',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['FAST', 'ULTRA'],
        default: 'FAST',
      },
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 2147483647,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 16,
        max: 2496,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 16,
        max: 2496,
        step: 8,
      },
      prompt: {
        required: true,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 16,
        maxWidth: 2496,
        minHeight: 16,
        maxHeight: 2496,
        step: 8,
      },
    },
    example: {
      model: 'lucid-realism',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'FAST',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'cortex_2.0',
    name: 'Cortex 2.0',
    type: 'video',
    cost: '~$0.08 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_480', 'RESOLUTION_720'],
        default: 'RESOLUTION_480',
      },
      seed: {
        type: 'number',
        required: false,
        min: 0,
        max: 2147483637,
      },
      width: {
        required: false,
      },
      height: {
        required: false,
      },
      prompt: {
        required: true,
      },
      controls: {
        required: false,
      },
      elements: {
        required: false,
      },
      quantity: {
        type: 'number',
        required: false,
        default: 1,
        min: 1,
        max: 1,
      },
      prompt_enhance: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
      frame_interpolation: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '2:3',
          width: 512,
          height: 768,
        },
        {
          label: '4:5',
          width: 576,
          height: 720,
        },
        {
          label: '16:9',
          width: 832,
          height: 480,
        },
        {
          label: '9:16',
          width: 480,
          height: 832,
        },
      ],
    },
    example: {
      model: 'cortex_2.0',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_480',
      },
    },
  },
  {
    id: 'cortex_2.0-fast',
    name: 'Cortex 2.0 Fast',
    type: 'video',
    cost: '~$0.03 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_480', 'RESOLUTION_720'],
        default: 'RESOLUTION_480',
      },
      seed: {
        type: 'number',
        required: false,
        min: 0,
        max: 4294967295,
      },
      width: {
        required: false,
      },
      height: {
        required: false,
      },
      prompt: {
        required: true,
      },
      controls: {
        required: false,
      },
      elements: {
        required: false,
      },
      quantity: {
        type: 'number',
        required: false,
        default: 1,
        min: 1,
        max: 1,
      },
      start_frame: {
        required: false,
      },
      prompt_enhance: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
      frame_interpolation: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '2:3',
          width: 512,
          height: 768,
        },
        {
          label: '4:5',
          width: 576,
          height: 720,
        },
        {
          label: '16:9',
          width: 832,
          height: 480,
        },
        {
          label: '9:16',
          width: 480,
          height: 832,
        },
      ],
    },
    example: {
      model: 'cortex_2.0-fast',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_480',
      },
    },
  },
  {
    id: 'cortex-v0.9',
    name: 'Cortex v0.9',
    type: 'video',
    cost: '~$0.00 per 1024×1024 image (min $0.00)',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['FAST', 'QUALITY', 'ULTRA'],
        default: 'FAST',
      },
      seed: {
        type: 'integer',
        required: false,
        min: 0,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
        step: 8,
      },
      prompt: {
        required: true,
      },
      tiling: {
        required: false,
      },
      contrast: {
        required: false,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 8,
      },
    },
    example: {
      model: 'cortex-v0.9',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'FAST',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'cortex-v1.0',
    name: 'Cortex v1.0',
    type: 'video',
    cost: '~$0.00 per 1024×1024 image (min $0.00)',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['FAST', 'QUALITY', 'ULTRA'],
        default: 'FAST',
      },
      seed: {
        type: 'integer',
        required: false,
        min: 0,
      },
      width: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
        step: 8,
      },
      height: {
        type: 'integer',
        required: false,
        default: 1024,
        min: 32,
        max: 2048,
        step: 8,
      },
      prompt: {
        required: true,
      },
      tiling: {
        required: false,
      },
      contrast: {
        required: false,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 4,
        max: 8,
      },
      prompt_enhance: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
    },
    sizes: {
      range: {
        minWidth: 32,
        maxWidth: 2048,
        minHeight: 32,
        maxHeight: 2048,
        step: 8,
      },
    },
    example: {
      model: 'cortex-v1.0',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'FAST',
        width: 1024,
        height: 1024,
      },
    },
  },
  {
    id: 'seedance-1.0-pro',
    name: 'Seedance 1.0 Pro Video Gen',
    type: 'video',
    cost: '~$0.09/720p 4s, ~$0.33/720p 15s (pixel×duration based)',
    params: {
      seed: {
        type: 'integer',
        required: false,
        default: -1,
        min: -1,
        max: 4294967295,
        description: 'Random seed to control video generation (use -1 for random)',
      },
      width: {
        type: 'integer',
        required: true,
        default: 1920,
        description: 'Video width in pixels. Use 0 for auto aspect ratio detection (I2V only)',
      },
      height: {
        type: 'integer',
        required: true,
        default: 1088,
        description: 'Video height in pixels. Use 0 for auto aspect ratio detection (I2V only)',
      },
      prompt: {
        required: true,
        maxLen: 5000,
        description: 'Text description for video generation',
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        default: 5,
        description: 'Video duration in seconds (2-12 seconds)',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description: 'Optional final frame for image-to-video generation',
      },
      start_frame: {
        required: false,
        description: 'Image to use as first frame for image-to-video generation',
      },
      camera_fixed: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Whether to fix the camera position',
      },
      enable_safety_checker: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Enable content safety filtering',
      },
    },
    example: {
      model: 'seedance-1.0-pro',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        seed: -1,
        width: 1920,
        height: 1088,
        duration: 5,
        camera_fixed: false,
        enable_safety_checker: false,
      },
    },
  },
  {
    id: 'seedance-1.0-pro-fast',
    name: 'Seedance 1.0 Pro Fast Video Gen',
    type: 'video',
    cost: '~$0.04/720p 4s, ~$0.13/720p 15s (pixel×duration based)',
    params: {
      seed: {
        type: 'integer',
        required: false,
        default: -1,
        min: -1,
        max: 4294967295,
        description: 'Random seed to control video generation (use -1 for random)',
      },
      width: {
        type: 'integer',
        required: true,
        default: 1920,
        description: 'Video width in pixels. Use 0 for auto aspect ratio detection (I2V only)',
      },
      height: {
        type: 'integer',
        required: true,
        default: 1088,
        description: 'Video height in pixels. Use 0 for auto aspect ratio detection (I2V only)',
      },
      prompt: {
        required: true,
        maxLen: 5000,
        description: 'Text description for video generation',
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        default: 5,
        description: 'Video duration in seconds (2-12 seconds)',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      start_frame: {
        required: false,
        description: 'Image to use as first frame for image-to-video generation',
      },
      camera_fixed: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Whether to fix the camera position',
      },
      enable_safety_checker: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Enable content safety filtering',
      },
    },
    example: {
      model: 'seedance-1.0-pro-fast',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        seed: -1,
        width: 1920,
        height: 1088,
        duration: 5,
        camera_fixed: false,
        enable_safety_checker: false,
      },
    },
  },
  {
    id: 'seedance-2.0',
    name: 'Seedance 2.0 Video Gen',
    type: 'video',
    cost: '~$0.49/720p 4s, ~$1.85/720p 15s (pixel×duration based)',
    params: {
      seed: {
        type: 'integer',
        required: false,
        default: -1,
        min: -1,
        max: 4294967295,
        description: 'Random seed to control video generation (use -1 for random)',
      },
      width: {
        type: 'integer',
        required: false,
        default: 1280,
        description: 'Video width in pixels.',
      },
      height: {
        type: 'integer',
        required: false,
        default: 720,
        description: 'Video height in pixels.',
      },
      prompt: {
        required: true,
        maxLen: 5000,
        description: 'Text description for video generation',
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        default: 8,
        description: 'Video duration in seconds (4-15 seconds)',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description: 'Optional final frame for image-to-video generation',
      },
      start_frame: {
        required: false,
        description: 'Image to use as first frame for image-to-video generation',
      },
      generate_audio: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Whether to generate audio with the video',
      },
      reference_audio_urls: {
        type: 'array',
        required: false,
        description:
          'Reference audio files for R2V generation (1-3 files, combined ≤15s). Refer to them as @Audio1, @Audio2, etc. Requires at',
      },
      reference_image_urls: {
        type: 'array',
        required: false,
        description: 'Reference images for reference-guided video generation (1-9 images)',
      },
      reference_video_urls: {
        type: 'array',
        required: false,
        description: 'Reference videos for video-guided generation (1-3 videos)',
      },
      enable_safety_checker: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Enable content safety filtering',
      },
    },
    example: {
      model: 'seedance-2.0',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        seed: -1,
        width: 1280,
        height: 720,
        duration: 8,
        generate_audio: true,
        enable_safety_checker: false,
      },
    },
  },
  {
    id: 'seedance-2.0-fast',
    name: 'Seedance 2.0 Fast Video Gen',
    type: 'video',
    cost: '~$0.40/720p 4s, ~$1.48/720p 15s (pixel×duration based)',
    params: {
      seed: {
        type: 'integer',
        required: false,
        default: -1,
        min: -1,
        max: 4294967295,
        description: 'Random seed to control video generation (use -1 for random)',
      },
      width: {
        type: 'integer',
        required: false,
        default: 1280,
        description: 'Video width in pixels.',
      },
      height: {
        type: 'integer',
        required: false,
        default: 720,
        description: 'Video height in pixels.',
      },
      prompt: {
        required: true,
        maxLen: 5000,
        description: 'Text description for video generation',
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        default: 8,
        description: 'Video duration in seconds (4-15 seconds)',
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        min: 1,
        max: 1,
        description: 'Number of videos to generate',
      },
      end_frame: {
        required: false,
        description: 'Optional final frame for image-to-video generation',
      },
      start_frame: {
        required: false,
        description: 'Image to use as first frame for image-to-video generation',
      },
      generate_audio: {
        type: 'boolean',
        required: false,
        default: true,
        description: 'Whether to generate audio with the video',
      },
      reference_audio_urls: {
        type: 'array',
        required: false,
        description:
          'Reference audio files for R2V generation (1-3 files, combined ≤15s). Refer to them as @Audio1, @Audio2, etc. Requires at',
      },
      reference_image_urls: {
        type: 'array',
        required: false,
        description: 'Reference images for reference-guided video generation (1-9 images)',
      },
      reference_video_urls: {
        type: 'array',
        required: false,
        description: 'Reference videos for video-guided generation (1-3 videos)',
      },
      enable_safety_checker: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Enable content safety filtering',
      },
    },
    example: {
      model: 'seedance-2.0-fast',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        seed: -1,
        width: 1280,
        height: 720,
        duration: 8,
        generate_audio: true,
        enable_safety_checker: false,
      },
    },
  },
  {
    id: 'sora-2',
    name: 'Sora 2',
    type: 'video',
    cost: '~$0.04 per generation',
    params: {
      width: {
        type: 'integer',
        required: false,
        enum: [1280, 720],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1280],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 8, 12],
        default: 4,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      start_frame: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'sora-2',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        width: 1280,
        height: 720,
        duration: 4,
      },
    },
  },
  {
    id: 'sora-2-pro',
    name: 'Sora 2 Pro',
    type: 'video',
    cost: '~$0.12 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080'],
        default: 'RESOLUTION_720',
      },
      width: {
        type: 'integer',
        required: true,
        enum: [1280, 720, 1024, 1792],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: true,
        enum: [720, 1280, 1024, 1792],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 8, 12],
        default: 4,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      start_frame: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'sora-2-pro',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_720',
        width: 1280,
        height: 720,
        duration: 4,
      },
    },
  },
  {
    id: 'veo-3.0-fast-generate-001',
    name: 'Veo 3 Fast',
    type: 'video',
    cost: '~$0.06 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080'],
        default: 'RESOLUTION_720',
      },
      seed: {
        type: 'number',
        required: false,
        min: 0,
        max: 4294967295,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [1280, 720, 1920, 1080],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1280, 1080, 1920],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: false,
        default: 1,
        max: 1,
      },
      start_frame: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'veo-3.0-fast-generate-001',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_720',
        width: 1280,
        height: 720,
        duration: 8,
      },
    },
  },
  {
    id: 'veo-3.0-generate-001',
    name: 'Veo 3',
    type: 'video',
    cost: '~$0.13 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080'],
        default: 'RESOLUTION_720',
      },
      seed: {
        type: 'number',
        required: false,
        min: 10,
        max: 4294967295,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      start_frame: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'veo-3.0-generate-001',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_720',
        width: 1280,
        height: 720,
        duration: 8,
      },
    },
  },
  {
    id: 'veo-3.1-fast-generate-001',
    name: 'Veo 3.1 Fast',
    type: 'video',
    cost: '~$0.04 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080', 'RESOLUTION_2160'],
        default: 'RESOLUTION_720',
      },
      seed: {
        type: 'number',
        required: false,
        min: 0,
        max: 4294967295,
      },
      audio: {
        required: false,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920, 2160, 3840],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920, 2160, 3840],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      end_frame: {
        required: false,
      },
      start_frame: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
      motion_has_audio: {
        required: false,
        default: true,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'veo-3.1-fast-generate-001',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_720',
        width: 1280,
        height: 720,
        duration: 8,
        motion_has_audio: true,
      },
    },
  },
  {
    id: 'veo-3.1-generate-001',
    name: 'Veo 3.1',
    type: 'video',
    cost: '~$0.08 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080', 'RESOLUTION_2160'],
        default: 'RESOLUTION_720',
      },
      seed: {
        type: 'number',
        required: false,
        min: 0,
        max: 4294967295,
      },
      audio: {
        required: false,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920, 2160, 3840],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920, 2160, 3840],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      end_frame: {
        required: false,
      },
      start_frame: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
      motion_has_audio: {
        required: false,
        default: true,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'veo-3.1-generate-001',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_720',
        width: 1280,
        height: 720,
        duration: 8,
        motion_has_audio: true,
      },
    },
  },
  {
    id: 'veo-3.1-lite',
    name: 'Veo 3.1 Lite',
    type: 'video',
    cost: '~$0.02 per generation',
    params: {
      mode: {
        type: 'string',
        required: false,
        enum: ['RESOLUTION_720', 'RESOLUTION_1080'],
        default: 'RESOLUTION_720',
      },
      seed: {
        type: 'number',
        required: false,
        min: 0,
        max: 4294967295,
      },
      audio: {
        required: false,
      },
      width: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920],
        default: 1280,
      },
      height: {
        type: 'integer',
        required: false,
        enum: [720, 1080, 1280, 1920],
        default: 720,
      },
      prompt: {
        required: true,
      },
      duration: {
        type: 'integer',
        required: false,
        enum: [4, 6, 8],
        default: 8,
      },
      quantity: {
        type: 'integer',
        required: true,
        default: 1,
        max: 1,
      },
      end_frame: {
        required: false,
      },
      start_frame: {
        required: false,
      },
      negative_prompt: {
        required: false,
      },
      motion_has_audio: {
        required: false,
        default: true,
      },
    },
    sizes: {
      presets: [
        {
          label: '16:9',
          width: 1280,
          height: 720,
        },
        {
          label: '9:16',
          width: 720,
          height: 1280,
        },
      ],
    },
    example: {
      model: 'veo-3.1-lite',
      type: 'video',
      params: {
        prompt: 'A beautiful scene',
        mode: 'RESOLUTION_720',
        width: 1280,
        height: 720,
        duration: 8,
        motion_has_audio: true,
      },
    },
  },
  {
    id: 'rodin-v2',
    name: 'Rodin V2',
    type: '3d',
    cost: '~$0.16 per generation',
    params: {
      seed: {
        type: 'integer',
        required: false,
        min: 0,
        max: 65535,
        description: 'Seed for reproducible generation',
      },
      quality: {
        type: 'string',
        required: false,
        enum: ['extra_low', 'low', 'medium', 'high'],
        default: 'high',
        description:
          'Generation quality level. Polygon counts depend on mesh_mode: Triangle (extra_low: 2k, low: 20k, medium: 150k, high: 500',
      },
      ta_pose: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Apply T/A-pose constraint for human character meshes (easier to rig and animate)',
      },
      material: {
        type: 'string',
        required: false,
        enum: ['PBR', 'Shaded', 'All'],
        default: 'All',
        description: 'Material mode for the generated mesh',
      },
      mesh_mode: {
        type: 'string',
        required: false,
        enum: ['Quad', 'Triangle'],
        default: 'Triangle',
        description:
          'Type of faces in the generated mesh. Quad produces quadrilateral faces (smoother surfaces), Triangle produces triangular',
      },
      bounding_box: {
        type: 'array',
        required: false,
        description:
          'Bounding box dimensions as [width, height, length] integers to constrain the generated model size',
      },
      use_original_alpha: {
        type: 'boolean',
        required: false,
        default: false,
        description: 'Preserve original alpha channel from input images',
      },
    },
    example: {
      model: 'rodin-v2',
      type: '3d',
      params: {
        quality: 'high',
        ta_pose: false,
        material: 'All',
        mesh_mode: 'Triangle',
        use_original_alpha: false,
      },
    },
  },
];
