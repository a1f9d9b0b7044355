import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenHub, JobRecord } from '@genhub/core';
import { solidPng, virtualClock } from '@genhub/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_COMFYUI_TOKEN, type FakeComfyuiApi, startFakeComfyuiApi } from './fake-comfyui-api.js';
import { GRANT_MICROS, settled, startPipeline, user, waitFor } from './harness.js';

// ComfyUI through the real pipeline: createGenHub + generation.request, the fake on 127.0.0.1.

let fake: FakeComfyuiApi;
let genhub: GenHub | undefined;

beforeAll(async () => {
  fake = await startFakeComfyuiApi({ token: FAKE_COMFYUI_TOKEN });
});
afterAll(() => fake.close());
afterEach(async () => {
  await genhub?.close();
  genhub = undefined;
  fake.server.reset();
});

async function start(options: Parameters<typeof startPipeline>[1] = {}) {
  const started = await startPipeline(fake, options);
  genhub = started.genhub;
  return started;
}

function requestImage(params: Record<string, unknown> = {}) {
  return genhub!.generation.request({
    userId: user.id,
    model: 'comfyui/sdxl-text-to-image',
    task: 'text-to-image',
    params: { prompt: 'a fox', ...params },
  });
}

const balance = () => genhub!.store.ledger.balance(user);
const refunded = async () =>
  expect(await balance()).toMatchObject({ availableMicros: GRANT_MICROS, reservedMicros: 0 });
const submitted = () => fake.server.callsTo('POST /prompt');
const lastPromptId = () => [...fake.prompts.keys()].at(-1)!;

describe('comfyui/sdxl-text-to-image through the pipeline', () => {
  it('queues the filled workflow, stores the PNG from /view, trusts only the ComfyUI origin by itself', async () => {
    const { logs } = await start();
    fake.plan({ queuedPolls: 1, runningPolls: 2, ending: 'success' });
    const done = await settled(
      genhub!,
      await requestImage({ negativePrompt: 'blur', width: 768, height: 512, steps: 9, seed: 5 }),
    );
    expect(done.state).toBe('succeeded');
    const [image] = done.outputs;
    expect(image?.mediaType).toBe('image/png');
    const stored = readFileSync(join(genhub!.config.dataDir, 'artifacts', image!.key));
    expect(stored.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(done.chargedMicros).toBe(0);

    const [sent] = submitted();
    expect(sent?.headers.authorization).toBe(`Bearer ${FAKE_COMFYUI_TOKEN}`);
    const body = sent?.bodyJson as {
      prompt: Record<string, { inputs: Record<string, unknown> }>;
      client_id: string;
    };
    expect(body.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.prompt['6']?.inputs.text).toBe('a fox');
    expect(body.prompt['7']?.inputs.text).toBe('blur');
    expect(body.prompt['5']?.inputs).toMatchObject({ width: 768, height: 512 });
    expect(body.prompt['3']?.inputs).toMatchObject({ seed: 5, steps: 9, cfg: 7 });
    expect(fake.server.callsTo('GET /view')[0]?.query).toMatchObject({ subfolder: '', type: 'output' });
    expect(JSON.stringify(logs)).not.toContain(FAKE_COMFYUI_TOKEN);
  });

  it('picks a fresh seed when none is given', async () => {
    await start();
    fake.plan({ ending: 'success' });
    await settled(genhub!, await requestImage());
    await settled(genhub!, await requestImage());
    const seeds = submitted().map(
      (call) =>
        (call.bodyJson as { prompt: Record<string, { inputs: { seed?: number } }> }).prompt['3']?.inputs.seed,
    );
    expect(seeds[0]).not.toBe(seeds[1]);
  });

  it('reports the queue position and the WebSocket progress in pending polls', async () => {
    await start();
    fake.plan({ queuedPolls: 2, runningPolls: 6, ending: 'success' });
    const percents: number[] = [];
    const positions: number[] = [];
    const stop = genhub!.generation.events.subscribe((event) => {
      if (event.type !== 'progress') return;
      if (event.job.progress?.percent !== undefined) percents.push(event.job.progress.percent);
      if (event.job.progress?.queuePosition !== undefined) positions.push(event.job.progress.queuePosition);
    });
    const done = await settled(genhub!, await requestImage());
    stop();
    expect(done.state).toBe('succeeded');
    expect(positions).toContain(1);
    expect(percents.some((percent) => percent > 0 && percent < 100)).toBe(true);
    const types = fake.socketMessages.map((message) => message.type);
    for (const type of [
      'status',
      'execution_start',
      'executing',
      'progress',
      'executed',
      'execution_success',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('refuses a bad parameter before any request, naming it', async () => {
    await start();
    await expect(requestImage({ steps: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('steps'),
    });
    await expect(requestImage({ width: 40_000 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('width'),
    });
    expect(submitted()).toHaveLength(0);
    await refunded();
  });

  it('an execution error fails the job in ComfyUI words, refunded', async () => {
    await start();
    fake.plan({
      runningPolls: 1,
      ending: {
        exceptionType: 'RuntimeError',
        exceptionMessage: 'mat1 and mat2 shapes cannot be multiplied',
      },
    });
    const done = await settled(genhub!, await requestImage());
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: {
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringContaining('mat1 and mat2 shapes cannot be multiplied'),
      },
    });
    await refunded();
  });

  it("a safety checker's refusal is CONTENT_REJECTED, refunded", async () => {
    await start();
    fake.plan({
      ending: {
        exceptionType: 'NSFWContentError',
        exceptionMessage: 'NSFW content detected',
        nodeType: 'SafetyChecker',
      },
    });
    const done = await settled(genhub!, await requestImage());
    expect(done).toMatchObject({ state: 'failed', chargedMicros: 0, error: { code: 'CONTENT_REJECTED' } });
    await refunded();
  });

  it('a proxy 429 at submit waits for Retry-After, then goes through', async () => {
    await start();
    fake.server.route('POST /prompt', () => {
      fake.plan({ ending: 'success' }); // ComfyUI itself answers the next one.
      return { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' };
    });
    const done = await settled(genhub!, await requestImage(), 20_000);
    expect(done.state).toBe('succeeded');
    expect(submitted()).toHaveLength(2);
  });

  it('a server error at submit fails PROVIDER_UNAVAILABLE, refunded', async () => {
    await start();
    fake.server.route('POST /prompt', { status: 500, body: '500 Internal Server Error' });
    const done = await settled(genhub!, await requestImage(), 20_000);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    fake.plan({ ending: 'success' });
    await refunded();
  });

  it('a prompt interrupted at the server ends the job cancelled, refunded', async () => {
    await start();
    fake.plan({ runningPolls: 10_000, ending: 'success' });
    const job = await requestImage();
    await waitFor(() => fake.prompts.get(lastPromptId())?.state === 'running');
    await fetch(`${fake.url}/interrupt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_COMFYUI_TOKEN}` },
    });
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({ state: 'cancelled', chargedMicros: 0 });
    await refunded();
  });

  it('cancelling a running job interrupts that prompt', async () => {
    await start();
    fake.plan({ runningPolls: 10_000, ending: 'success' });
    const job = await requestImage();
    await waitFor(() => fake.prompts.get(lastPromptId())?.state === 'running');
    const cancelled = await genhub!.generation.cancel(job.id, user.id);
    expect(cancelled.state).toBe('cancelled');
    await waitFor(() => fake.server.callsTo('POST /interrupt').length > 0);
    expect(fake.server.callsTo('POST /interrupt')[0]?.bodyJson).toEqual({ prompt_id: lastPromptId() });
    expect(fake.prompts.get(lastPromptId())?.state).toBe('interrupted');
    await refunded();
  });

  it('cancelling a queued job deletes it from the queue', async () => {
    await start();
    fake.plan({ queuedPolls: 10_000, ending: 'success' });
    const job = await requestImage();
    await waitFor(() => fake.server.callsTo('GET /history/:id').length > 0);
    const promptId = lastPromptId();
    await genhub!.generation.cancel(job.id, user.id);
    await waitFor(() => fake.server.callsTo('POST /queue').length > 0);
    expect(fake.server.callsTo('POST /queue')[0]?.bodyJson).toEqual({ delete: [promptId] });
    expect(fake.prompts.has(promptId)).toBe(false);
    await refunded();
  });

  it('a ComfyUI restarted mid-job (the prompt forgotten) fails the job, refunded', async () => {
    await start();
    fake.plan({ runningPolls: 10_000, ending: 'success' });
    const job = await requestImage();
    await waitFor(() => fake.server.callsTo('GET /history/:id').length > 0);
    fake.restart();
    const done = await settled(genhub!, job);
    expect(done).toMatchObject({
      state: 'failed',
      chargedMicros: 0,
      error: { code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('restarted') },
    });
    await refunded();
  });

  it('a submit whose answer was lost adopts the queued prompt (found by the job key in extra_data)', async () => {
    const { logs } = await start();
    fake.plan({ runningPolls: 1, ending: 'success' });
    fake.loseNextAnswer();
    const done = await settled(genhub!, await requestImage(), 20_000);
    expect(done.state).toBe('succeeded');
    expect(fake.prompts.size).toBeGreaterThan(0);
    const promptId = lastPromptId();
    expect(fake.prompts.get(promptId)?.extraData).toMatchObject({ genhub_job: expect.any(String) });
    expect(done.remoteRef).toMatchObject({ id: promptId });
    expect(JSON.stringify(logs)).toContain('adopted the task of a submit whose answer was lost');
    expect(
      [...fake.prompts.values()].filter(
        (p) => p.extraData.genhub_job === fake.prompts.get(promptId)?.extraData.genhub_job,
      ),
    ).toHaveLength(1);
  });

  it('a GenHub restart mid-job polls /history for the same prompt instead of queueing it again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comfyui-restart-'));
    await start({ dataDir });
    fake.plan({ runningPolls: 10_000, ending: 'success' });
    const job = await requestImage();
    await waitFor(() => fake.prompts.get(lastPromptId())?.state === 'running');
    await genhub!.close();
    const promptId = lastPromptId();
    fake.prompts.get(promptId)!.plan = { ending: 'success' };
    await start({ dataDir });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(submitted()).toHaveLength(1);
    expect(fake.server.callsTo('GET /history/:id').at(-1)?.params.id).toBe(promptId);
  });
});

describe('the other bundled workflows through the pipeline', () => {
  it('image-to-image uploads the input image and sets LoadImage to its name', async () => {
    await start();
    fake.plan({ ending: 'success' });
    const photo = `data:image/png;base64,${Buffer.from(solidPng(16, 16, [200, 30, 30])).toString('base64')}`;
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'comfyui/sdxl-image-to-image',
      task: 'image-to-image',
      params: { prompt: 'as a watercolour', images: [{ url: photo }] },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    const [upload] = fake.server.callsTo('POST /upload/image');
    expect(upload?.multipart?.fields).toMatchObject({ type: 'input', overwrite: 'true' });
    const name = upload?.multipart?.files.image?.filename;
    expect(name).toMatch(/^genhub-.*\.png$/);
    const body = submitted()[0]?.bodyJson as { prompt: Record<string, { inputs: Record<string, unknown> }> };
    expect(body.prompt['10']?.inputs.image).toBe(name);
  });

  it('text-to-video (Mochi) stores an MP4 from the video subfolder', async () => {
    await start();
    fake.plan({ runningPolls: 1, ending: 'success' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'comfyui/mochi-text-to-video',
      task: 'text-to-video',
      params: { prompt: 'waves' },
    });
    const done = await settled(genhub!, job);
    expect(done.state).toBe('succeeded');
    expect(done.outputs[0]?.mediaType).toBe('video/mp4');
    expect(fake.server.callsTo('GET /view')[0]?.query).toMatchObject({ subfolder: 'video', type: 'output' });
  });
});

describe('without the WebSocket', () => {
  it('a proxy that refuses /ws leaves polling to finish the job, without percentages', async () => {
    const bare = await startFakeComfyuiApi({ token: FAKE_COMFYUI_TOKEN, socket: false });
    try {
      genhub = (await startPipeline(bare)).genhub;
      bare.plan({ queuedPolls: 1, runningPolls: 3, ending: 'success' });
      const job = await genhub.generation.request({
        userId: user.id,
        model: 'comfyui/sdxl-text-to-image',
        task: 'text-to-image',
        params: { prompt: 'a fox' },
      });
      const done = await settled(genhub, job);
      expect(done.state).toBe('succeeded');
      expect(done.outputs[0]?.mediaType).toBe('image/png');
    } finally {
      await genhub?.close();
      genhub = undefined;
      await bare.close();
    }
  });
});

describe('workflows checked against /object_info at start', () => {
  it('leaves out a workflow whose node class the server lacks, naming the node', async () => {
    const partial = await startFakeComfyuiApi();
    partial.removeNodeClass('EmptyMochiLatentVideo');
    try {
      const { logs } = await startPipeline(partial, { env: { GENHUB_COMFYUI_TOKEN: '' } }).then((started) => {
        genhub = started.genhub;
        return started;
      });
      const ids = genhub!.registry.list().map((model) => model.id);
      expect(ids).toContain('comfyui/sdxl-text-to-image');
      expect(ids).not.toContain('comfyui/mochi-text-to-video');
      expect(JSON.stringify(logs)).toContain('needs the node EmptyMochiLatentVideo (node 6)');
      const health = await genhub!.registry
        .provider('comfyui')
        ?.health?.({ signal: AbortSignal.timeout(5000) });
      expect(health).toMatchObject({ ok: false, message: expect.stringContaining('EmptyMochiLatentVideo') });
    } finally {
      await genhub?.close();
      genhub = undefined;
      await partial.close();
    }
  });

  it("offers the operator's workflow from GENHUB_COMFYUI_WORKFLOWS_DIR, and refuses one needing a missing checkpoint", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comfyui-workflows-'));
    mkdirSync(dir, { recursive: true });
    const bundled = join(import.meta.dirname, '..', 'workflows');
    const graph = JSON.parse(readFileSync(join(bundled, 'sdxl-text-to-image.json'), 'utf8'));
    const mapping = JSON.parse(readFileSync(join(bundled, 'sdxl-text-to-image.mapping.json'), 'utf8'));
    writeFileSync(join(dir, 'my-sdxl.json'), JSON.stringify(graph));
    writeFileSync(
      join(dir, 'my-sdxl.mapping.json'),
      JSON.stringify({ ...mapping, name: 'My SDXL', priceUsd: 0.01 }),
    );
    graph['4'].inputs.ckpt_name = 'juggernaut_xl.safetensors';
    writeFileSync(join(dir, 'juggernaut.json'), JSON.stringify(graph));
    writeFileSync(join(dir, 'juggernaut.mapping.json'), JSON.stringify(mapping));
    const { logs } = await start({ env: { GENHUB_COMFYUI_WORKFLOWS_DIR: dir } });
    const ids = genhub!.registry.list().map((model) => model.id);
    expect(ids).toContain('comfyui/my-sdxl');
    expect(ids).not.toContain('comfyui/juggernaut');
    expect(JSON.stringify(logs)).toContain('needs juggernaut_xl.safetensors for ckpt_name of node 4');
    fake.plan({ ending: 'success' });
    const job = await genhub!.generation.request({
      userId: user.id,
      model: 'comfyui/my-sdxl',
      task: 'text-to-image',
      params: { prompt: 'a fox' },
    });
    const done: JobRecord = await settled(genhub!, job);
    expect(done).toMatchObject({ state: 'succeeded', chargedMicros: 10_000 });
  });
});

describe('the operator folder setting', () => {
  it('a folder that cannot be read stops the start, naming GENHUB_COMFYUI_WORKFLOWS_DIR', async () => {
    await expect(
      startPipeline(fake, { env: { GENHUB_COMFYUI_WORKFLOWS_DIR: '/nonexistent/comfyui-workflows' } }),
    ).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining('GENHUB_COMFYUI_WORKFLOWS_DIR'),
    });
  });
});

describe('polling a long ComfyUI prompt', () => {
  it('a 2-minute prompt takes at most 15 status calls and is seen within 10 s of being ready', async () => {
    const clock = virtualClock();
    const slow = await startFakeComfyuiApi({ token: FAKE_COMFYUI_TOKEN, now: () => clock.now() });
    try {
      const started = await startPipeline(slow, {
        clock,
        config: { jobs: { pollInitialMs: 2000, pollMaxMs: 10_000 } },
      });
      genhub = started.genhub;
      slow.plan({ readyAfterMs: 120_000, ending: 'success' });
      const job = await genhub.generation.request({
        userId: user.id,
        model: 'comfyui/sdxl-text-to-image',
        task: 'text-to-image',
        params: { prompt: 'a fox' },
      });
      const done = await settled(genhub, job, 20_000);
      expect(done.state).toBe('succeeded');
      const [prompt] = [...slow.prompts.values()];
      expect(prompt!.polls).toBeLessThanOrEqual(15);
      expect(done.finishedAt! - (prompt!.createdAt + 120_000)).toBeLessThanOrEqual(10_000);
    } finally {
      await genhub?.close();
      genhub = undefined;
      await slow.close();
    }
  });
});
