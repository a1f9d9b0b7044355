import { definePlugin } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { placeholderEnv } from './placeholder-env.js';

const plugin = (id: string, config: z.ZodObject) =>
  definePlugin({ id, name: id, contract: 1, config, setup: () => ({ models: () => [] }) as never });

describe('placeholderEnv', () => {
  it('fills every required setting and leaves optional and defaulted ones alone', () => {
    const env = placeholderEnv([
      plugin('kling', z.object({ accessKey: z.string().min(1), secretKey: z.string().min(1) })),
      plugin(
        'local-gpu',
        z.object({
          apiKey: z.string(),
          baseUrl: z.url().default('https://x.test'),
          note: z.string().optional(),
        }),
      ),
    ]);
    expect(Object.keys(env).sort()).toEqual([
      'GENHUB_KLING_ACCESS_KEY',
      'GENHUB_KLING_SECRET_KEY',
      'GENHUB_LOCAL_GPU_API_KEY',
    ]);
  });
});
