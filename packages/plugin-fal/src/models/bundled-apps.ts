import type { OutputKind, Price, Task } from '@genhub/provider';

/** A fal app GenHub offers without configuration. Its parameters come from its bundled schema. */
export interface BundledApp {
  appId: string;
  /** The file under src/schemas the generator writes for it. */
  schemaFile: string;
  name: string;
  tasks: readonly Task[];
  output: OutputKind;
  /** From fal's model page (fal.ai/models/<app id>, read 2026-12-03); params as the app names them. */
  estimatePrice(params: Readonly<Record<string, unknown>>): Price;
}

/** Pika 2.2 on fal: $0.20 for 5 s at 720p, $0.45 for 5 s at 1080p, 10 s twice that. */
function pikaPerSecond(resolution: unknown): number {
  return resolution === '1080p' ? 0.09 : 0.04;
}

/** Seconds of a Pikaframes video: the sum of its transitions, 5 s each unless given. */
function pikaframesSeconds(params: Readonly<Record<string, unknown>>): number {
  const images = Array.isArray(params.images) ? params.images.length : 2;
  const transitions = Array.isArray(params.transitions)
    ? (params.transitions as { duration?: number }[])
    : [];
  if (transitions.length === 0) return Math.max(1, images - 1) * 5;
  return transitions.reduce((total, transition) => total + (transition.duration ?? 5), 0);
}

export const BUNDLED_APPS: readonly BundledApp[] = [
  {
    appId: 'fal-ai/pika/v2.2/text-to-video',
    schemaFile: 'pika-v2.2-text-to-video',
    name: 'Pika 2.2 (fal)',
    tasks: ['text-to-video'],
    output: 'video',
    estimatePrice: (params) => ({
      usd: pikaPerSecond(params.resolution) * Number(params.duration ?? 5),
      approximate: true,
    }),
  },
  {
    appId: 'fal-ai/pika/v2.2/image-to-video',
    schemaFile: 'pika-v2.2-image-to-video',
    name: 'Pika 2.2 image-to-video (fal)',
    tasks: ['image-to-video'],
    output: 'video',
    estimatePrice: (params) => ({
      usd: pikaPerSecond(params.resolution) * Number(params.duration ?? 5),
      approximate: true,
    }),
  },
  {
    appId: 'fal-ai/pika/v2.2/pikaframes',
    schemaFile: 'pika-v2.2-pikaframes',
    name: 'Pikaframes 2.2 (fal)',
    tasks: ['image-to-video'],
    output: 'video',
    estimatePrice: (params) => ({
      usd: pikaPerSecond(params.resolution) * pikaframesSeconds(params),
      approximate: true,
    }),
  },
  {
    appId: 'fal-ai/mochi-v1',
    schemaFile: 'mochi-v1',
    name: 'Genmo Mochi 1 (fal)',
    tasks: ['text-to-video'],
    output: 'video',
    estimatePrice: () => ({ usd: 0.4, approximate: true }),
  },
];
