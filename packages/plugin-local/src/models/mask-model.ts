import { defineModel, vocabulary } from '@genhub/provider';
import { z } from 'zod';
import type { WorkerBackend } from '../wire/worker-backend.js';
import type { WorkerJob } from '../wire/worker-job.js';
import { WORKERS } from '../workers/catalogue.js';
import { NO_CHARGE } from './price.js';

/** A place in the image, 0..1 from the left and from the top. */
const fraction = z.number().min(0).max(1);

/**
 * SAM 2 (facebookresearch/sam2): segments the object at the given points or inside the box, or the
 * most prominent object when given neither, and returns its mask as a black-and-white PNG.
 */
export const sam2 = (backend: WorkerBackend) =>
  defineModel({
    id: 'local/sam2',
    name: WORKERS.sam2.name,
    description:
      'Meta Segment Anything 2 on your own GPU (port 8006 by default): a mask of the object you point at.',
    tasks: ['image-to-mask'],
    output: 'image',
    params: z.object({
      images: vocabulary.images.max(1),
      points: z
        .array(
          z.object({
            x: fraction,
            y: fraction,
            include: z.boolean().default(true).describe('On the object (true) or off it (false)'),
          }),
        )
        .min(1)
        .max(16)
        .optional()
        .describe('Points on (or off) the object'),
      box: z
        .tuple([fraction, fraction, fraction, fraction])
        .refine(([left, top, right, bottom]) => right > left && bottom > top, {
          message: 'Give left, top, right, bottom with right after left and bottom below top',
        })
        .optional()
        .describe('A box around the object: left, top, right, bottom'),
    }),
    limits: { maxInputImages: 1, maxQuantity: 1 },
    estimatePrice: () => NO_CHARGE,
    example: { images: [{ url: 'https://example.com/photo.png' }], points: [{ x: 0.5, y: 0.5 }] },
    submit({ params, task, ...options }) {
      const [image] = params.images;
      const job: WorkerJob = {
        task,
        model: 'sam2',
        image: image!.url,
        points: params.points?.map(({ x, y, include }) => ({ x, y, label: include ? 1 : 0 })),
        box: params.box,
      };
      return backend.submit(job, options);
    },
  });
