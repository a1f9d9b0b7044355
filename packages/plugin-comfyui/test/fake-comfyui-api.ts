/*
 * A fake ComfyUI server on 127.0.0.1, from ComfyUI's `server.py` and its websocket example:
 *   POST /prompt { prompt, client_id }  -> { prompt_id, number, node_errors } | 400 { error: { type, message, details }, node_errors }
 *   GET  /history/{prompt_id}           -> {} until finished, then { [id]: { prompt, outputs, status: { status_str, completed, messages } } }
 *   GET  /queue                         -> { queue_running: [[number, id, prompt, extra, outputs]], queue_pending: [...] }
 *   POST /queue { delete: [ids] }, POST /interrupt { prompt_id? }, POST /upload/image (multipart `image`)
 *   GET  /view?filename&subfolder&type, GET /object_info, GET /system_stats
 *   GET  /ws?clientId=                  -> status, execution_start, execution_cached, executing, progress,
 *                                          executed, execution_error, execution_interrupted, execution_success
 * ComfyUI has no authentication of its own; given a token, the fake stands for a proxy that wants it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';
import { WebSocket, WebSocketServer } from 'ws';

export const FAKE_COMFYUI_TOKEN = 'comfy-proxy-token-5c7e1b';

/** The model files the fake server has, by the loader input that lists them. */
export const FAKE_MODEL_FILES = {
  ckpt_name: ['sd_xl_base_1.0.safetensors'],
  unet_name: ['mochi_preview_bf16.safetensors'],
  clip_name: ['t5xxl_fp16.safetensors'],
  vae_name: ['mochi_vae.safetensors'],
} as const;

type InputSpec = readonly unknown[];
interface NodeClass {
  required: Record<string, InputSpec>;
  outputNode?: boolean;
}

const link = (type: string): InputSpec => [type];
/** The node classes of a stock ComfyUI (those the bundled workflows use), in `/object_info`'s shape. */
function stockNodeClasses(inputFiles: string[]): Record<string, NodeClass> {
  const int = (min: number, max: number): InputSpec => ['INT', { default: min, min, max }];
  return {
    CheckpointLoaderSimple: { required: { ckpt_name: [[...FAKE_MODEL_FILES.ckpt_name]] } },
    UNETLoader: {
      required: { unet_name: [[...FAKE_MODEL_FILES.unet_name]], weight_dtype: [['default', 'fp8_e4m3fn']] },
    },
    CLIPLoader: {
      required: { clip_name: [[...FAKE_MODEL_FILES.clip_name]], type: [['stable_diffusion', 'mochi']] },
    },
    VAELoader: { required: { vae_name: [[...FAKE_MODEL_FILES.vae_name]] } },
    CLIPTextEncode: { required: { text: ['STRING', { multiline: true }], clip: link('CLIP') } },
    EmptyLatentImage: {
      required: { width: int(16, 16384), height: int(16, 16384), batch_size: int(1, 4096) },
    },
    EmptyMochiLatentVideo: {
      required: {
        width: int(16, 16384),
        height: int(16, 16384),
        length: int(7, 16384),
        batch_size: int(1, 4096),
      },
    },
    KSampler: {
      required: {
        model: link('MODEL'),
        seed: ['INT', { min: 0, max: Number.MAX_SAFE_INTEGER }],
        steps: int(1, 10000),
        cfg: ['FLOAT', { min: 0, max: 100 }],
        sampler_name: [['euler', 'dpmpp_2m']],
        scheduler: [['normal', 'simple', 'karras']],
        positive: link('CONDITIONING'),
        negative: link('CONDITIONING'),
        latent_image: link('LATENT'),
        denoise: ['FLOAT', { min: 0, max: 1 }],
      },
    },
    VAEDecode: { required: { samples: link('LATENT'), vae: link('VAE') } },
    VAEEncode: { required: { pixels: link('IMAGE'), vae: link('VAE') } },
    LoadImage: { required: { image: [inputFiles, { image_upload: true }] } },
    SaveImage: {
      required: { images: link('IMAGE'), filename_prefix: ['STRING', { default: 'ComfyUI' }] },
      outputNode: true,
    },
    CreateVideo: { required: { images: link('IMAGE'), fps: ['FLOAT', { min: 1, max: 120 }] } },
    SaveVideo: {
      required: {
        video: link('VIDEO'),
        filename_prefix: ['STRING', {}],
        format: [['auto', 'mp4']],
        codec: [['auto', 'h264']],
      },
      outputNode: true,
    },
  };
}

/** How the next queued prompt goes. Counts are `/history` polls; `readyAfterMs` (on the fake's clock) wins over them. */
export interface PromptPlan {
  /** Polls answered while the prompt waits in the queue. */
  queuedPolls?: number;
  /** Polls answered while it runs (each sends a `progress` message). */
  runningPolls?: number;
  /** How long after it was queued it finishes, on the fake's clock. */
  readyAfterMs?: number;
  ending?: 'success' | { exceptionType: string; exceptionMessage: string; nodeType?: string };
}

interface FakePrompt {
  id: string;
  number: number;
  graph: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
  clientId?: string;
  /** `extra_data` as sent, with `client_id` added, as ComfyUI keeps it. */
  extraData: Record<string, unknown>;
  plan: PromptPlan;
  createdAt: number;
  /** `/history` calls for this prompt. */
  polls: number;
  state: 'queued' | 'running' | 'success' | 'error' | 'interrupted';
  outputs: Record<string, unknown>;
  messages: Array<[string, Record<string, unknown>]>;
}

export interface FakeComfyuiApi {
  readonly url: string;
  /** Records every HTTP call (the WebSocket upgrade aside). */
  readonly server: FakeServer;
  readonly prompts: ReadonlyMap<string, FakePrompt>;
  /** Every JSON message sent on the WebSocket, in order. */
  readonly socketMessages: ReadonlyArray<{ type: string; data: Record<string, unknown> }>;
  /** Scripts every prompt queued from now on, and restores `POST /prompt` should a test have replaced it. */
  plan(plan: PromptPlan): void;
  /** Queues the next prompt but drops the connection instead of answering (a lost submit answer). */
  loseNextAnswer(): void;
  /** Takes a node class off `/object_info` (a custom node not installed). */
  removeNodeClass(name: string): void;
  /** Forgets every prompt, queue and history, as a restarted ComfyUI does. */
  restart(): void;
  close(): Promise<void>;
}

export interface FakeComfyuiOptions {
  /** When given, every call must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** The fake's notion of now, for `readyAfterMs` plans (a virtual clock's `now`). */
  now?: () => number;
  /** False: `/ws` is refused, as by a proxy that does not pass WebSockets on. */
  socket?: boolean;
}

const PNG = solidPng(8, 8, [40, 160, 90]);
const MP4 = minimalMp4();

export async function startFakeComfyuiApi(options: FakeComfyuiOptions = {}): Promise<FakeComfyuiApi> {
  const now = options.now ?? Date.now;
  const inputFiles: string[] = ['example.png'];
  const nodeClasses = stockNodeClasses(inputFiles);
  const prompts = new Map<string, FakePrompt>();
  const socketMessages: Array<{ type: string; data: Record<string, unknown> }> = [];
  const sockets = new Map<string, WebSocket>();
  let plan: PromptPlan = { ending: 'success' };
  let number = 0;

  const send = (type: string, data: Record<string, unknown>, clientId?: string) => {
    socketMessages.push({ type, data });
    const text = JSON.stringify({ type, data });
    const targets =
      clientId === undefined ? [...sockets.values()] : [sockets.get(clientId)].filter((s) => s !== undefined);
    for (const socket of targets) if (socket.readyState === WebSocket.OPEN) socket.send(text);
  };
  const remaining = () =>
    [...prompts.values()].filter((p) => p.state === 'queued' || p.state === 'running').length;
  const status = () => send('status', { status: { exec_info: { queue_remaining: remaining() } } });
  const history = (prompt: FakePrompt, event: string, data: Record<string, unknown>) => {
    const full = { prompt_id: prompt.id, timestamp: now(), ...data };
    prompt.messages.push([event, full]);
    send(event, full, prompt.clientId);
  };

  const start = (prompt: FakePrompt) => {
    prompt.state = 'running';
    history(prompt, 'execution_start', {});
    history(prompt, 'execution_cached', { nodes: [] });
    const sampler = Object.keys(prompt.graph).find((id) => prompt.graph[id]?.class_type === 'KSampler');
    send(
      'executing',
      { node: sampler ?? null, display_node: sampler ?? null, prompt_id: prompt.id },
      prompt.clientId,
    );
  };
  const finish = (prompt: FakePrompt) => {
    const ending = prompt.plan.ending ?? 'success';
    if (ending === 'success') {
      const saver = Object.entries(prompt.graph).find(([, node]) => nodeClasses[node.class_type]?.outputNode);
      if (saver) {
        const [nodeId, node] = saver;
        const video = node.class_type === 'SaveVideo';
        const file = {
          filename: `genhub_${prompt.number}_.${video ? 'mp4' : 'png'}`,
          subfolder: video ? 'video' : '',
          type: 'output',
        };
        const output = video ? { images: [file], animated: [true] } : { images: [file] };
        prompt.outputs[nodeId] = output;
        send('executing', { node: nodeId, display_node: nodeId, prompt_id: prompt.id }, prompt.clientId);
        send(
          'executed',
          { node: nodeId, display_node: nodeId, output, prompt_id: prompt.id },
          prompt.clientId,
        );
      }
      prompt.state = 'success';
      history(prompt, 'execution_success', {});
      send('executing', { node: null, prompt_id: prompt.id }, prompt.clientId);
    } else {
      prompt.state = 'error';
      history(prompt, 'execution_error', {
        node_id: '3',
        node_type: ending.nodeType ?? 'KSampler',
        executed: [],
        exception_message: ending.exceptionMessage,
        exception_type: ending.exceptionType,
        traceback: ['Traceback (most recent call last):'],
        current_inputs: {},
        current_outputs: {},
      });
    }
    status();
  };
  /** One `/history` poll moves the prompt on by its plan. */
  const advance = (prompt: FakePrompt) => {
    if (prompt.state !== 'queued' && prompt.state !== 'running') return;
    prompt.polls += 1;
    const { queuedPolls = 0, runningPolls = 0, readyAfterMs } = prompt.plan;
    if (readyAfterMs !== undefined) {
      if (prompt.state === 'queued') start(prompt);
      if (now() >= prompt.createdAt + readyAfterMs) finish(prompt);
      else send('progress', { value: 1, max: 2, prompt_id: prompt.id, node: '3' }, prompt.clientId);
      return;
    }
    if (prompt.polls <= queuedPolls) return;
    if (prompt.state === 'queued') start(prompt);
    if (prompt.polls <= queuedPolls + runningPolls) {
      const value = prompt.polls - queuedPolls;
      send('progress', { value, max: runningPolls + 1, prompt_id: prompt.id, node: '3' }, prompt.clientId);
      return;
    }
    finish(prompt);
  };

  const invalid = (
    type: string,
    message: string,
    details = '',
    nodeErrors: Record<string, unknown> = {},
  ): FakeResponse => ({
    status: 400,
    json: { error: { type, message, details, extra_info: {} }, node_errors: nodeErrors },
  });
  /** What ComfyUI's `validate_prompt` refuses: unknown classes, missing or out-of-list inputs, no output node. */
  const validate = (graph: FakePrompt['graph']): FakeResponse | undefined => {
    let outputs = 0;
    for (const [id, node] of Object.entries(graph)) {
      const nodeClass = typeof node?.class_type === 'string' ? nodeClasses[node.class_type] : undefined;
      if (nodeClass === undefined) {
        return invalid(
          'invalid_prompt',
          `Cannot execute because node ${String(node?.class_type)} does not exist.`,
          `Node ID '#${id}'`,
        );
      }
      if (nodeClass.outputNode) outputs += 1;
      for (const [input, spec] of Object.entries(nodeClass.required)) {
        const value = node.inputs?.[input];
        const problem =
          value === undefined
            ? { type: 'required_input_missing', message: 'Required input is missing' }
            : Array.isArray(spec[0]) && !Array.isArray(value) && !(spec[0] as unknown[]).includes(value)
              ? { type: 'value_not_in_list', message: 'Value not in list' }
              : undefined;
        if (problem) {
          const error = {
            ...problem,
            details: `${input}: '${String(value)}' not in list`,
            extra_info: { input_name: input },
          };
          return invalid('prompt_outputs_failed_validation', 'Prompt outputs failed validation', '', {
            [id]: { errors: [error], dependent_outputs: [], class_type: node.class_type },
          });
        }
      }
    }
    return outputs === 0 ? invalid('prompt_no_outputs', 'Prompt has no outputs', '') : undefined;
  };

  /** `/history` entries of the prompts that have ended, oldest first. */
  const historyEntries = (list: FakePrompt[]) =>
    list
      .filter((p) => p.state !== 'queued' && p.state !== 'running')
      .map((p) => [
        p.id,
        {
          prompt: queueItem(p),
          outputs: p.outputs,
          status: {
            status_str: p.state === 'success' ? 'success' : 'error',
            completed: p.state === 'success',
            messages: p.messages,
          },
          meta: {},
        },
      ]);
  const queueItem = (p: FakePrompt) => [p.number, p.id, p.graph, p.extraData, []];
  /** ComfyUI's `POST /prompt`: validates the workflow and queues it. */
  const acceptPrompt = (call: FakeCall): FakeResponse => {
    const body = call.bodyJson as
      | { prompt?: unknown; client_id?: string; extra_data?: Record<string, unknown> }
      | undefined;
    if (typeof body?.prompt !== 'object' || body.prompt === null)
      return invalid('no_prompt', 'No prompt provided', '');
    const graph = body.prompt as FakePrompt['graph'];
    const refused = validate(graph);
    if (refused) return refused;
    const prompt: FakePrompt = {
      id: randomUUID(),
      number: number++,
      graph,
      ...(body.client_id === undefined ? {} : { clientId: body.client_id }),
      extraData: {
        ...body.extra_data,
        ...(body.client_id === undefined ? {} : { client_id: body.client_id }),
      },
      plan,
      createdAt: now(),
      polls: 0,
      state: 'queued',
      outputs: {},
      messages: [],
    };
    prompts.set(prompt.id, prompt);
    status();
    return { json: { prompt_id: prompt.id, number: prompt.number, node_errors: {} } };
  };

  const inner = await startFakeServer(
    {
      'POST /prompt': acceptPrompt,
      'GET /history/:id': (call) => {
        const prompt = prompts.get(call.params.id ?? '');
        if (prompt === undefined) return { json: {} };
        advance(prompt);
        return { json: Object.fromEntries(historyEntries([prompt])) };
      },
      'GET /history': (call) => {
        const finished = historyEntries([...prompts.values()]);
        const maxItems = Number(call.query.max_items ?? finished.length);
        return { json: Object.fromEntries(finished.slice(-maxItems)) };
      },
      'GET /queue': () => ({
        json: {
          queue_running: [...prompts.values()].filter((p) => p.state === 'running').map(queueItem),
          queue_pending: [...prompts.values()].filter((p) => p.state === 'queued').map(queueItem),
        },
      }),
      'POST /queue': (call) => {
        const body = call.bodyJson as { delete?: string[]; clear?: boolean } | undefined;
        for (const id of body?.delete ?? []) if (prompts.get(id)?.state === 'queued') prompts.delete(id);
        status();
        return { status: 200 };
      },
      'POST /interrupt': (call) => {
        const wanted = (call.bodyJson as { prompt_id?: string } | undefined)?.prompt_id;
        const running = [...prompts.values()].find(
          (p) => p.state === 'running' && (wanted === undefined || p.id === wanted),
        );
        if (running) {
          running.state = 'interrupted';
          history(running, 'execution_interrupted', { node_id: '3', node_type: 'KSampler', executed: [] });
          status();
        }
        return { status: 200 };
      },
      'POST /upload/image': (call) => {
        const image = call.multipart?.files.image;
        if (image === undefined || image.filename === '') return { status: 400 };
        const subfolder = call.multipart?.fields.subfolder ?? '';
        if (!inputFiles.includes(image.filename))
          inputFiles.push(subfolder ? `${subfolder}/${image.filename}` : image.filename);
        return { json: { name: image.filename, subfolder, type: call.multipart?.fields.type ?? 'input' } };
      },
      'GET /view': (call) => {
        const { filename = '' } = call.query;
        if (filename.startsWith('/') || filename.includes('..')) return { status: 400 };
        const made = [...prompts.values()].some((p) => JSON.stringify(p.outputs).includes(`"${filename}"`));
        if (!made) return { status: 404 };
        return filename.endsWith('.mp4')
          ? { body: MP4, headers: { 'content-type': 'video/mp4' } }
          : { body: PNG, headers: { 'content-type': 'image/png' } };
      },
      'GET /object_info': () => ({
        json: Object.fromEntries(
          Object.entries(nodeClasses).map(([name, nodeClass]) => [
            name,
            {
              input: { required: nodeClass.required },
              input_order: { required: Object.keys(nodeClass.required) },
              output: [],
              name,
              display_name: name,
              output_node: nodeClass.outputNode === true,
              category: 'sd',
            },
          ]),
        ),
      }),
      'GET /system_stats': {
        json: {
          system: {
            os: 'posix',
            comfyui_version: '0.3.75',
            python_version: '3.12.3',
            embedded_python: false,
          },
          devices: [
            {
              name: 'cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync',
              type: 'cuda',
              index: 0,
              vram_total: 25_757_220_864,
            },
          ],
        },
      },
    },
    options.token === undefined
      ? {}
      : {
          auth: {
            check: (headers) => headers.authorization === `Bearer ${options.token}`,
            failure: { status: 401, body: '401: Unauthorized' },
          },
        },
  );

  // ComfyUI serves HTTP and `/ws` on one origin: this front forwards HTTP to the recording fake and
  // answers the WebSocket upgrade itself.
  const socketServer = new WebSocketServer({ noServer: true });
  const front: Server = createServer((req, res) => {
    const forward = httpRequest(
      `${inner.url}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  front.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorized = options.token === undefined || req.headers.authorization === `Bearer ${options.token}`;
    if (url.pathname !== '/ws' || !authorized || options.socket === false) {
      socket.end(`HTTP/1.1 ${authorized ? '404 Not Found' : '401 Unauthorized'}\r\n\r\n`);
      return;
    }
    socketServer.handleUpgrade(req, socket, head, (ws) => {
      const sid = url.searchParams.get('clientId') || randomUUID().replaceAll('-', '');
      sockets.set(sid, ws);
      ws.on('close', () => sockets.delete(sid));
      ws.send(
        JSON.stringify({
          type: 'status',
          data: { status: { exec_info: { queue_remaining: remaining() } }, sid },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;

  return {
    url,
    server: inner,
    prompts,
    socketMessages,
    plan(next) {
      plan = next;
      // A test may have replaced the route (a proxy's 429); a new plan means ComfyUI answers again.
      inner.route('POST /prompt', acceptPrompt);
    },
    loseNextAnswer() {
      inner.route('POST /prompt', (call) => {
        inner.route('POST /prompt', acceptPrompt);
        acceptPrompt(call);
        return { fault: 'reset' };
      });
    },
    removeNodeClass(name) {
      delete nodeClasses[name];
    },
    restart() {
      prompts.clear();
    },
    async close() {
      for (const socket of sockets.values()) socket.terminate();
      socketServer.close();
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await inner.close();
    },
  };
}
