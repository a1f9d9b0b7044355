/**
 * Models the GateAI fake serves, transcribed from GateAI's Core API documentation (docs.txt): one
 * per kind of interesting behaviour (size range, presets, image inputs, video durations, a required
 * first frame, 3D). Shaped like the document's single-model schema (`GET /v1/models/:modelId`).
 */

/** One parameter as the document's schema example shows it. */
export interface GateAiFakeParam {
  /** Absent where the document shows `?`. */
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  required: boolean;
  enum?: readonly (string | number)[];
  default?: unknown;
  min?: number;
  max?: number;
  step?: number;
  minLen?: number;
  maxLen?: number;
  description?: string;
}

/** A model at the fake: its public schema plus what one generation costs there. */
export interface GateAiFakeModel {
  id: string;
  type: 'image' | 'video' | '3d';
  /** The cost summary `/v1/models` shows. */
  cost: string;
  params: Readonly<Record<string, GateAiFakeParam>>;
  /** A request body that works, as `/v1/models/:id` returns it. */
  example: { model: string; type?: string; params: Readonly<Record<string, unknown>> };
  /** USD the fake charges per output (not served). */
  price: number;
  /** When set, `price` is for this many seconds and scales with the requested duration (not served). */
  priceSeconds?: number;
}

export const GATEAI_FAKE_MODELS: readonly GateAiFakeModel[] = [
  {
    id: 'gpt-image-2',
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
    price: 0.003,
  },
  {
    id: 'flux-dev',
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
    price: 0.004,
  },
  {
    id: 'nano-banana-2',
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
    example: {
      model: 'nano-banana-2',
      type: 'image',
      params: {
        prompt: 'A beautiful scene',
        output_format: 'png',
        response_modalities: ['IMAGE'],
      },
    },
    price: 0.03,
  },
  {
    id: 'seedance-2.0',
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
    price: 0.49,
    priceSeconds: 4,
  },
  {
    id: 'veo-3.1-lite',
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
    price: 0.02,
  },
  {
    id: 'hailuo-2_3-fast',
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
    price: 0.03,
  },
  {
    id: 'rodin-v2',
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
    price: 0.16,
  },
];
