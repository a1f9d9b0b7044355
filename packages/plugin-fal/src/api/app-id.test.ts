import { describe, expect, it } from 'vitest';
import { modelIdFor } from '../models/build-model.js';
import { isAppId, queueAppPath } from './app-id.js';

describe('fal app ids', () => {
  it('follow-up URLs use the app without its sub-path, as fal-js does', () => {
    expect(queueAppPath('fal-ai/pika/v2.2/text-to-video')).toBe('fal-ai/pika');
    expect(queueAppPath('fal-ai/mochi-v1')).toBe('fal-ai/mochi-v1');
    expect(queueAppPath('workflows/someone/my-flow/run')).toBe('workflows/someone/my-flow');
    expect(queueAppPath('comfy/someone/graph')).toBe('comfy/someone/graph');
  });

  it('GenHub model ids leave out fal-ai/ and write / as :', () => {
    expect(modelIdFor('fal-ai/pika/v2.2/pikaframes')).toBe('fal/pika:v2.2:pikaframes');
    expect(modelIdFor('fal-ai/mochi-v1')).toBe('fal/mochi-v1');
    expect(modelIdFor('someone/Their-App')).toBe('fal/someone:their-app');
  });

  it('an app id has an owner and a name', () => {
    expect(isAppId('fal-ai/flux/dev')).toBe(true);
    expect(isAppId('flux')).toBe(false);
    expect(isAppId('fal-ai/flux dev')).toBe(false);
  });
});
