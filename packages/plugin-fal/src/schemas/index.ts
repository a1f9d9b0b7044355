import type { AppSchema } from '../models/openapi.js';
import { schema as mochiV1 } from './mochi-v1.js';
import { schema as pikaImageToVideo } from './pika-v2.2-image-to-video.js';
import { schema as pikaframes } from './pika-v2.2-pikaframes.js';
import { schema as pikaTextToVideo } from './pika-v2.2-text-to-video.js';

/** The bundled copies of fal's schemas, by app id. */
export const BUNDLED_SCHEMAS: ReadonlyMap<string, AppSchema> = new Map(
  [pikaTextToVideo, pikaImageToVideo, pikaframes, mochiV1].map((schema) => [schema.appId, schema]),
);
