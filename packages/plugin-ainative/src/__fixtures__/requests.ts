import type { ScenarioRequest } from '@genhub/testkit';

/** One request per model, as a chat user would make it; `imageUrl` is the i2v source image. */
export function requestsFor(imageUrl: string) {
  const i2v = (provider: string): ScenarioRequest => ({
    model: `ainative/i2v-${provider}`,
    task: 'image-to-video',
    params: { prompt: 'The camera slowly pushes in', firstFrame: { url: imageUrl } },
  });
  return {
    tts: {
      model: 'ainative/tts',
      task: 'text-to-speech',
      params: { prompt: 'Hello from GenHub.', voice: 'Calm_Woman' },
    },
    image: {
      model: 'ainative/image',
      task: 'text-to-image',
      params: { prompt: 'a lighthouse at dusk', width: 768, height: 1024, style: 'watercolor' },
    },
    wan22: i2v('wan22'),
    seedance: i2v('seedance'),
    sora2: i2v('sora2'),
    t2v: {
      model: 'ainative/t2v',
      task: 'text-to-video',
      params: { prompt: 'waves at golden hour', duration: 8 },
    },
    cogvideox: {
      model: 'ainative/cogvideox',
      task: 'text-to-video',
      params: { prompt: 'a robot in the rain', num_frames: 33, guidance_scale: 7.5, num_inference_steps: 30 },
    },
  } satisfies Record<string, ScenarioRequest>;
}

export type ModelKey = keyof ReturnType<typeof requestsFor>;

/** Each model's endpoint, generated media and documented credits. */
export const MODEL_FACTS: Readonly<
  Record<
    ModelKey,
    {
      endpoint: 'tts' | 'image' | 'video/i2v' | 'video/t2v' | 'video/cogvideox';
      mediaType: string;
      credits: number;
      body: Record<string, unknown>;
    }
  >
> = {
  tts: {
    endpoint: 'tts',
    mediaType: 'audio/mpeg',
    credits: 14,
    body: { text: 'Hello from GenHub.', voice: 'Calm_Woman' },
  },
  image: {
    endpoint: 'image',
    mediaType: 'image/png',
    credits: 50,
    body: { prompt: 'a lighthouse at dusk', width: 768, height: 1024, style: 'watercolor' },
  },
  wan22: {
    endpoint: 'video/i2v',
    mediaType: 'video/mp4',
    credits: 400,
    body: { motion_prompt: 'The camera slowly pushes in', provider: 'wan22' },
  },
  seedance: {
    endpoint: 'video/i2v',
    mediaType: 'video/mp4',
    credits: 520,
    body: { motion_prompt: 'The camera slowly pushes in', provider: 'seedance' },
  },
  sora2: {
    endpoint: 'video/i2v',
    mediaType: 'video/mp4',
    credits: 800,
    body: { motion_prompt: 'The camera slowly pushes in', provider: 'sora2' },
  },
  t2v: {
    endpoint: 'video/t2v',
    mediaType: 'video/mp4',
    credits: 1000,
    body: { prompt: 'waves at golden hour', duration: 8 },
  },
  cogvideox: {
    endpoint: 'video/cogvideox',
    mediaType: 'video/mp4',
    credits: 800,
    body: { prompt: 'a robot in the rain', num_frames: 33, guidance_scale: 7.5, num_inference_steps: 30 },
  },
};

export const MODEL_KEYS = Object.keys(MODEL_FACTS) as ModelKey[];
