/**
 * The AINative Studio multimodal documents, as data for tests: the user guide's curl examples, its
 * parameter tables and its response tables, and the endpoint catalogue's paths. Assertions on what
 * the plugin sends compare the fake's recorded calls with these.
 */

export const DOC_BASE_PATH = '/api/v1/multimodal';

/** The documented request fields of each generation endpoint, required ones first. */
export const DOC_REQUEST_FIELDS = {
  tts: { required: ['text'], optional: ['voice'] },
  image: { required: ['prompt'], optional: ['width', 'height', 'style'] },
  'video/i2v': { required: ['image_url', 'motion_prompt'], optional: ['provider'] },
  'video/t2v': { required: ['prompt'], optional: ['duration'] },
  'video/cogvideox': {
    required: ['prompt'],
    optional: ['num_frames', 'guidance_scale', 'num_inference_steps'],
  },
} as const;

/** The documented response fields. */
export const DOC_RESPONSE_FIELDS = {
  tts: ['audio_base64', 'format', 'duration_ms', 'usage_id', 'credits_used', 'credits_remaining'],
  image: ['image_base64', 'format', 'width', 'height', 'credits_used'],
  video: ['video_url', 'format', 'duration_seconds', 'usage_id', 'credits_used', 'credits_remaining'],
} as const;

/** The user guide's curl examples: what a caller asks, and the body the guide sends for it. */
export const DOC_EXAMPLES = [
  {
    model: 'ainative/tts',
    task: 'text-to-speech',
    endpoint: 'tts',
    params: { prompt: 'Welcome to AINative Studio.', voice: 'Wise_Woman' },
    body: { text: 'Welcome to AINative Studio.', voice: 'Wise_Woman' },
  },
  {
    model: 'ainative/image',
    task: 'text-to-image',
    endpoint: 'image',
    params: { prompt: 'A futuristic cityscape at sunset with neon lights', width: 1024, height: 1024 },
    body: { prompt: 'A futuristic cityscape at sunset with neon lights', width: 1024, height: 1024 },
  },
  {
    model: 'ainative/i2v-wan22',
    task: 'image-to-video',
    endpoint: 'video/i2v',
    params: {
      prompt: 'Camera slowly zooms in while clouds drift across the sky',
      firstFrame: { url: 'https://example.com/photo.jpg' },
    },
    body: {
      image_url: 'https://example.com/photo.jpg',
      motion_prompt: 'Camera slowly zooms in while clouds drift across the sky',
      provider: 'wan22',
    },
  },
  {
    model: 'ainative/t2v',
    task: 'text-to-video',
    endpoint: 'video/t2v',
    params: { prompt: 'A serene ocean wave crashing on a beach at golden hour', duration: 5 },
    body: { prompt: 'A serene ocean wave crashing on a beach at golden hour', duration: 5 },
  },
  {
    model: 'ainative/cogvideox',
    task: 'text-to-video',
    endpoint: 'video/cogvideox',
    params: { prompt: 'A robot walking through a garden in the rain', num_frames: 49, guidance_scale: 6.0 },
    // The plugin also sends num_inference_steps, at its documented default of 50.
    body: {
      prompt: 'A robot walking through a garden in the rain',
      num_frames: 49,
      guidance_scale: 6.0,
      num_inference_steps: 50,
    },
  },
] as const;

/** "Credit Costs Summary": credits and the approximate dollars the guide gives for them. */
export const DOC_CREDIT_COSTS = [
  { model: 'ainative/tts', credits: 14, usd: 0.007 },
  { model: 'ainative/image', credits: 50, usd: 0.025 },
  { model: 'ainative/i2v-wan22', credits: 400, usd: 0.2 },
  { model: 'ainative/i2v-seedance', credits: 520, usd: 0.26 },
  { model: 'ainative/i2v-sora2', credits: 800, usd: 0.4 },
  { model: 'ainative/t2v', credits: 1000, usd: 0.5 },
  { model: 'ainative/cogvideox', credits: 800, usd: 0.4 },
] as const;
