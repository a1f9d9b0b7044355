import { definePlugin } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { placeholderEnv } from './placeholder-env.js';

const plugin = (id: string, config: z.ZodType) =>
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

  it('fills the secret settings of a schema that wants one of several optional ones', () => {
    const env = placeholderEnv([
      plugin(
        'google',
        z
          .object({ apiKey: z.string().optional(), serviceAccountKeyFile: z.string().optional() })
          .refine((config) => config.apiKey !== undefined || config.serviceAccountKeyFile !== undefined),
      ),
    ]);
    expect(Object.keys(env)).toEqual(['GENHUB_GOOGLE_API_KEY']);
  });

  it('fills URL settings, with links, for a schema enabled by any one of its servers', () => {
    const env = placeholderEnv([
      plugin(
        'local',
        z
          .object({
            imageUrl: z.url().optional(),
            videoUrl: z.url().optional(),
            token: z.string().optional(),
          })
          .refine((config) => config.imageUrl !== undefined || config.videoUrl !== undefined),
      ),
    ]);
    expect(env).toEqual({
      GENHUB_LOCAL_IMAGE_URL: 'http://placeholder-local.invalid',
      GENHUB_LOCAL_VIDEO_URL: 'http://placeholder-local.invalid',
      GENHUB_LOCAL_TOKEN: 'placeholder-local-token-0123456789',
    });
  });
});
