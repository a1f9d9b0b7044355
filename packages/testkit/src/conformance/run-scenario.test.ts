import { type GenHubError, type HttpClient, type Provider, silentLogger, systemClock } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { fakePlugin } from '../fake-plugin.js';
import { runScenario, type ScenarioRequest } from './run-scenario.js';

async function fakeProvider(pollsBeforeDone = 0): Promise<Provider> {
  const context = {
    http: {} as HttpClient,
    logger: silentLogger,
    clock: systemClock,
    signal: new AbortController().signal,
  };
  return fakePlugin.setup(context, fakePlugin.config.parse({ pollsBeforeDone }));
}

const image = (prompt: unknown): ScenarioRequest => ({
  model: 'fake/image',
  task: 'text-to-image',
  params: { prompt },
});

describe('runScenario', () => {
  it('arranges, validates, submits and polls to success', async () => {
    const provider = await fakeProvider(2);
    const order: string[] = [];
    const result = await runScenario(provider, {
      request: image('an apple'),
      arrange: () => void order.push('arrange'),
    });
    expect(order).toEqual(['arrange']);
    expect(result).toMatchObject({ status: 'succeeded', polls: 3, pendingPolls: 2, cost: { usd: 0.01 } });
    expect(result.params).toMatchObject({ prompt: 'an apple', width: 1024, quantity: 1 });
    expect(result.submitted?.status).toBe('pending');
    expect(result.outputs).toHaveLength(1);
    expect(result.error).toBeUndefined();
  });

  it('reports invalid parameters without calling the provider', async () => {
    const result = await runScenario(await fakeProvider(), { request: image(42) });
    expect(result).toMatchObject({ status: 'failed', failedAt: 'validate', submitted: undefined });
    expect(result.error?.code).toBe('INVALID_INPUT');
  });

  it('reports errors thrown by submit and answered by poll', async () => {
    const provider = await fakeProvider();
    const limited = await runScenario(provider, { request: image('x [rate-limit]') });
    expect(limited).toMatchObject({
      failedAt: 'submit',
      error: { code: 'RATE_LIMITED', retryAfterSeconds: 7 },
    });
    const rejected = await runScenario(provider, { request: image('x [fail]') });
    expect(rejected).toMatchObject({ failedAt: 'poll', polls: 1, error: { code: 'CONTENT_REJECTED' } });
  });

  it('gives up with TIMEOUT after maxPolls', async () => {
    const result = await runScenario(await fakeProvider(), { request: image('[hang]') }, { maxPolls: 3 });
    expect(result).toMatchObject({
      status: 'pending',
      polls: 3,
      pendingPolls: 3,
      error: { code: 'TIMEOUT' },
    });
  });

  it('rejects when a plugin throws something other than a GenHubError', async () => {
    const provider: Provider = {
      ...(await fakeProvider()),
      submit: async () => {
        throw new Error('socket hang up');
      },
    };
    await expect(runScenario(provider, { request: image('x') })).rejects.toThrow(
      'submit threw Error: socket hang up; plugins throw GenHubError',
    );
    const failedBadly: Provider = { ...provider, submit: (await fakeProvider()).submit };
    failedBadly.poll = async () => ({ status: 'failed', error: new Error('nope') as GenHubError });
    await expect(runScenario(failedBadly, { request: image('x') })).rejects.toThrow(TypeError);
  });

  it('rejects a scenario naming a model the provider does not list', async () => {
    const request = { ...image('x'), model: 'fake/nope' };
    await expect(runScenario(await fakeProvider(), { request })).rejects.toThrow(/does not list/);
  });
});
