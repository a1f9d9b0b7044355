import { afterEach, describe, expect, it } from 'vitest';
import { type ImarouterFake, type ImarouterFakeOptions, startImarouterFake } from './imarouter-fake.js';

let fake: ImarouterFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: ImarouterFakeOptions = {}): Promise<ImarouterFake> {
  fake = await startImarouterFake(options);
  return fake;
}

function call(path: string, init: { json?: unknown; auth?: string | null } = {}) {
  const running = fake!;
  const headers: Record<string, string> = {};
  if (init.auth !== null) headers.authorization = `Bearer ${init.auth ?? running.apiKey}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${running.url}${path}`, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('imarouter fake: the document’s answers', () => {
  it('answers without the key as the document’s 401 does', async () => {
    await start();
    expect(await json(await call('/api/usage/token/user-balance', { auth: null }))).toEqual({
      error: { code: '', message: 'token not provided', type: 'new_api_error' },
    });
    const wrong = await call('/api/usage/token/user-balance', { auth: 'sk-wrong' });
    expect(wrong.status).toBe(401);
    expect(await json(await call('/api/usage/token/user-balance'))).toMatchObject({
      data: { balance_usd: 2.5 },
    });
  });

  it('replays a family’s submitted, processing and completed examples with the task’s id and model', async () => {
    const running = await start();
    const created = await json(
      await call('/v1/videos', { json: { model: 'seedance-2.0-fast', prompt: 'dawn' } }),
    );
    expect(created).toMatchObject({ object: 'video', model: 'seedance-2.0-fast', status: '', progress: 0 });
    const id = created.task_id as string;
    expect(created.id).toBe(id);
    const pending = await json(await call(`/v1/videos/${id}`));
    expect(pending).toMatchObject({ task_id: id, status: 'in_progress', progress: 42 });
    const done = await json(await call(`/v1/videos/${id}`));
    expect(done).toMatchObject({ task_id: id, status: 'completed', amount_usd: 2.2743 });
    const url = (done.results as Array<{ url: string }>)[0]!.url;
    expect(url.startsWith(`${running.url}/files/${id}/`)).toBe(true);
    const file = await fetch(url);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect(running.tasks.get(id)!.answeredWith).toEqual([
      'POST /v1/videos Created successfully',
      'GET /v1/videos/{task_id} Processing',
      'GET /v1/videos/{task_id} Completed',
    ]);
  });

  it('reads the image family’s { code, data } shape and fails on [fail]', async () => {
    await start({ pendingPolls: 0 });
    const created = await json(
      await call('/v1/images/generations', { json: { model: 'gpt-image-2', prompt: 'watch [fail]' } }),
    );
    expect(created).toMatchObject({ object: 'image', model: 'gpt-image-2', status: 'queued' });
    const failed = await json(await call(`/v1/images/generations/${created.task_id as string}`));
    expect(failed).toMatchObject({
      code: 'success',
      data: { status: 'failed', error: { message: 'task failed' } },
    });
  });

  it('refuses models a path does not take, and unknown tasks', async () => {
    await start();
    const wrong = await call('/v1/videos', { json: { model: 'gemini-3-pro-image-preview', prompt: 'x' } });
    expect(wrong.status).toBe(400);
    expect(await json(await call('/v1/videos', { json: { prompt: 'x' } }))).toEqual({
      code: 'missing_model',
      message: 'model field is required',
      data: null,
    });
    expect((await call('/v1/videos/task_nope')).status).toBe(404);
  });

  it('steers outcomes with markers or nextOutcome()', async () => {
    const running = await start({ pendingPolls: 0 });
    running.nextOutcome('cancelled');
    const created = await json(
      await call('/v1/video/generations', { json: { model: 'MiniMax-Hailuo-2.3', prompt: 'x' } }),
    );
    expect(await json(await call(`/v1/video/generations/${created.task_id as string}`))).toMatchObject({
      status: 'cancelled',
    });
    const hanging = await json(
      await call('/v1/music/generations', { json: { model: 'sonic', prompt: 'x [hang]' } }),
    );
    for (let poll = 0; poll < 3; poll += 1) {
      expect(await json(await call(`/v1/music/generations/${hanging.task_id as string}`))).toMatchObject({
        data: { status: 'processing' },
      });
    }
  });
});

describe('imarouter fake: Midjourney', () => {
  it('finishes an imagine with its grid buttons and takes only those buttons for follow-ups', async () => {
    const running = await start({ pendingPolls: 1 });
    const submitted = await json(
      await call('/mj/submit/imagine', { json: { model: 'mj_imagine', prompt: 'a fox' } }),
    );
    expect(submitted).toMatchObject({ code: 1, description: 'Submit success' });
    const id = submitted.result as string;
    expect(await json(await call(`/mj/task/${id}/fetch`))).toMatchObject({
      status: 'SUBMITTED',
      progress: '42%',
    });
    const done = await json(await call(`/mj/task/${id}/fetch`));
    expect(done).toMatchObject({ id, status: 'SUCCESS', action: 'IMAGINE', progress: '100%' });
    const buttons = done.buttons as Array<{ customId: string; label: string }>;
    expect(buttons.map((button) => button.label)).toEqual([
      'U1',
      'U2',
      'U3',
      'U4',
      '',
      'V1',
      'V2',
      'V3',
      'V4',
    ]);
    expect((await fetch(done.imageUrl as string)).headers.get('content-type')).toBe('image/png');
    expect((await call(`/mj/image/${id}`)).status).toBe(200);

    const refused = await call('/mj/submit/change', {
      json: { model: 'mj_upscale', taskId: id, customId: 'MJ::JOB::upsample::1::other' },
    });
    expect(refused.status).toBe(400);
    const upscale = await json(
      await call('/mj/submit/change', {
        json: { model: 'mj_upscale', taskId: id, customId: buttons[0]!.customId },
      }),
    );
    const upscaleId = upscale.result as string;
    await call(`/mj/task/${upscaleId}/fetch`);
    const upscaled = await json(await call(`/mj/task/${upscaleId}/fetch`));
    expect(upscaled).toMatchObject({ action: 'UPSCALE', status: 'SUCCESS' });
    expect(running.tasks.get(upscaleId)!.buttons!.map((button) => button.label)).toContain('Vary (Region)');
  });

  it('answers a blend with the document’s blend example and fails on [fail]', async () => {
    await start({ pendingPolls: 0 });
    const blend = await json(
      await call('/mj/submit/blend', {
        json: { base64Array: ['https://a/1.png', 'https://a/2.png'], prompt: '[fail]' },
      }),
    );
    expect(blend).toMatchObject({ code: 1, description: 'submitted' });
    expect(await json(await call(`/mj/task/${blend.result as string}/fetch`))).toMatchObject({
      status: 'FAILURE',
      failReason: 'Banned prompt detected',
    });
  });
});

describe('imarouter fake: portrait assets', () => {
  it('keeps groups and assets, reviews assets on the second read, and refuses long audio as documented', async () => {
    await start();
    const group = await json(await call('/v1/assets/group/create', { json: { name: 'cast' } }));
    const groupId = (group.data as { Id: string }).Id;
    const asset = await json(
      await call('/v1/assets/create', {
        json: { group_id: groupId, url: 'https://a/face.png', model: 'seedance-upload' },
      }),
    );
    const assetId = (asset.data as { Id: string }).Id;
    expect(assetId).toMatch(/^asset-/);
    expect(await json(await call('/v1/assets/get', { json: { id: assetId } }))).toMatchObject({
      data: { Status: 'Processing' },
    });
    expect(await json(await call('/v1/assets/get', { json: { id: assetId } }))).toMatchObject({
      data: { Status: 'Active', GroupId: groupId },
    });
    const tooLong = await call('/v1/assets/create', {
      json: { group_id: groupId, url: 'https://a/voice.mp3?fake=too-long', asset_type: 'Audio' },
    });
    expect(tooLong.status).toBe(400);
    expect(await json(tooLong)).toMatchObject({ success: false });
    expect(await json(await call('/v1/assets/quota', { json: {} }))).toMatchObject({
      data: { current_count: 1 },
    });
  });
});
