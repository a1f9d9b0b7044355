import {
  GenHubError,
  type HttpClient,
  type HttpRequest,
  mediaTypeForExtension,
  type Output,
  type PollResult,
  requestJson,
} from '@genhub/provider';
import type { z } from 'zod';
import { comfyRequestErrors, comfyTaskFailure } from './comfy-errors.js';
import {
  type HistoryEntry,
  history,
  objectInfo,
  queue,
  queuedPrompt,
  queueItem,
  type SavedFile,
  savedFile,
  systemStats,
  uploadedImage,
} from './comfy-schemas.js';
import type { ProgressSocket } from './progress-socket.js';

/** The `extra_data` field that carries GenHub's job key. */
const JOB_KEY = 'genhub_job';
/** How far back in `/history` a lost prompt is looked for. */
const RECENT_HISTORY = 64;

/** ComfyUI's HTTP API, as its server (`server.py`) defines it. */
export class ComfyApi {
  /** Prompts this process took off the queue: ComfyUI forgets them entirely, so a poll must not call them lost. */
  readonly #dequeued = new Set<string>();

  constructor(
    /** Sent with every prompt, so the progress socket (`/ws?clientId=`) receives its messages. */
    private readonly clientId: string,
    private readonly api: HttpClient,
    /** The plain client, for fetching input images from anywhere; never carries the token. */
    private readonly plain: HttpClient,
    private readonly baseUrl: string,
    private readonly downloadHeaders: Readonly<Record<string, string>>,
    private readonly progress: ProgressSocket,
  ) {}

  #call<Schema extends z.ZodType>(request: HttpRequest, schema: Schema): Promise<z.output<Schema>> {
    return requestJson(this.api, request, schema, { provider: 'comfyui', errors: comfyRequestErrors });
  }

  /** Asked once at start; one retry, so a server that is down does not hold GenHub's start for long. */
  objectInfo(signal: AbortSignal) {
    return this.#call({ url: '/object_info', signal, retry: { retries: 1 } }, objectInfo);
  }

  systemStats(signal: AbortSignal) {
    return this.#call({ url: '/system_stats', signal }, systemStats);
  }

  /**
   * Queues a filled workflow; returns its prompt id. The job's key rides in `extra_data`, which
   * ComfyUI keeps with the queue and history item, so a prompt whose answer was lost can be found.
   */
  async queuePrompt(graph: Record<string, unknown>, jobKey: string, signal: AbortSignal): Promise<string> {
    this.progress.connect();
    const answer = await this.#call(
      {
        method: 'POST',
        url: '/prompt',
        json: { prompt: graph, client_id: this.clientId, extra_data: { [JOB_KEY]: jobKey } },
        signal,
      },
      queuedPrompt,
    );
    return answer.prompt_id;
  }

  /** The prompts, queued, running or finished lately, that were sent with this job key. */
  async promptsOf(jobKey: string, signal: AbortSignal): Promise<string[]> {
    const current = await this.#call({ url: '/queue', signal }, queue);
    const recent = await this.#call(
      { url: '/history', query: { max_items: RECENT_HISTORY }, signal },
      history,
    );
    const items = [
      ...current.queue_running,
      ...current.queue_pending,
      ...Object.values(recent).flatMap((entry) => (entry.prompt === undefined ? [] : [entry.prompt])),
    ];
    const ids = items.flatMap((item) => {
      const parsed = queueItem.safeParse(item);
      return parsed.success && parsed.data[3]?.[JOB_KEY] === jobKey ? [parsed.data[1]] : [];
    });
    return [...new Set(ids)];
  }

  /** Uploads an input image (a `data:` URI or a link) to ComfyUI's input folder; returns the name LoadImage takes. */
  async uploadImage(url: string, key: string, signal: AbortSignal): Promise<string> {
    const { bytes, mediaType } = await this.#fetchInput(url, signal);
    const form = new FormData();
    const extension = mediaType === 'image/jpeg' ? 'jpg' : mediaType === 'image/webp' ? 'webp' : 'png';
    form.append(
      'image',
      new Blob([bytes], { type: mediaType }),
      `genhub-${key.replace(/[^a-zA-Z0-9-]/g, '')}.${extension}`,
    );
    form.append('type', 'input');
    form.append('overwrite', 'true');
    const uploaded = await this.#call(
      { method: 'POST', url: '/upload/image', body: form, signal },
      uploadedImage,
    );
    return uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name;
  }

  async #fetchInput(url: string, signal: AbortSignal): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const dataUri = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(url);
    if (dataUri) {
      const payload = dataUri[3] ?? '';
      const bytes = dataUri[2] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
      return { bytes, mediaType: dataUri[1] ?? 'image/png' };
    }
    const response = await this.plain.request({ url, signal });
    if (response.status < 200 || response.status >= 300) {
      await response.dump();
      throw new GenHubError(
        'INVALID_INPUT',
        `The input image could not be fetched (status ${response.status}); send another image.`,
        {
          provider: 'comfyui',
          retryable: false,
          details: { param: 'images' },
        },
      );
    }
    return {
      bytes: await response.bytes(),
      mediaType: response.headers['content-type']?.split(';')[0] ?? 'image/png',
    };
  }

  /** Where a prompt stands: finished (from `/history`), queued or running (from `/queue`), or unknown. */
  async poll(promptId: string, resultNode: string, signal: AbortSignal): Promise<PollResult> {
    const finished = await this.#history(promptId, signal);
    if (finished) return this.#ended(promptId, finished, resultNode);
    const current = await this.#call({ url: '/queue', signal }, queue);
    const running = current.queue_running.findIndex((item) => item[1] === promptId);
    if (running >= 0) {
      this.progress.connect();
      const percent = this.progress.progressOf(promptId)?.percent;
      return { status: 'pending', ...(percent === undefined ? {} : { percent }) };
    }
    const pending = [...current.queue_pending]
      .sort((a, b) => Number(a[0]) - Number(b[0]))
      .findIndex((item) => item[1] === promptId);
    if (pending >= 0) return { status: 'pending', queuePosition: pending + 1 };
    // Between the two reads the prompt may have finished; ask once more before giving up on it.
    const late = await this.#history(promptId, signal);
    if (late) return this.#ended(promptId, late, resultNode);
    if (this.#dequeued.has(promptId)) return { status: 'cancelled' };
    return {
      status: 'failed',
      error: new GenHubError(
        'PROVIDER_UNAVAILABLE',
        `ComfyUI no longer knows prompt ${promptId} (was the server restarted?); please try again.`,
        { provider: 'comfyui', retryable: true, details: { taskId: promptId } },
      ),
    };
  }

  async #history(promptId: string, signal: AbortSignal): Promise<HistoryEntry | undefined> {
    const entries = await this.#call({ url: `/history/${encodeURIComponent(promptId)}`, signal }, history);
    return entries[promptId];
  }

  #ended(promptId: string, entry: HistoryEntry, resultNode: string): PollResult {
    this.progress.forget(promptId);
    const messages = entry.status?.messages ?? [];
    if (messages.some(([event]) => event === 'execution_interrupted')) return { status: 'cancelled' };
    const failure = messages.find(([event]) => event === 'execution_error')?.[1];
    if (failure !== undefined || entry.status?.status_str === 'error') {
      const words = failure
        ? `${String(failure.node_type ?? 'a node')} raised ${String(failure.exception_type ?? 'an error')}: ${String(failure.exception_message ?? '')}`
        : undefined;
      return {
        status: 'failed',
        error: comfyTaskFailure({
          summary: 'ComfyUI could not finish the workflow',
          ...(words === undefined ? {} : { words }),
          ...(typeof failure?.exception_type === 'string' ? { providerCode: failure.exception_type } : {}),
          details: { taskId: promptId },
        }),
      };
    }
    const outputs = this.#outputs(entry, resultNode);
    if (outputs.length === 0) {
      return {
        status: 'failed',
        error: comfyTaskFailure({
          summary: `ComfyUI finished the workflow but its result node ${resultNode} saved no file; check the workflow's mapping`,
          details: { taskId: promptId },
        }),
      };
    }
    return { status: 'succeeded', outputs };
  }

  /** The result node's saved files as `/view` links. */
  #outputs(entry: HistoryEntry, resultNode: string): Output[] {
    const node = entry.outputs[resultNode];
    const listed = [...(node?.images ?? []), ...(node?.gifs ?? []), ...(node?.videos ?? [])];
    return listed.flatMap((item): Output[] => {
      const parsed = savedFile.safeParse(item);
      return parsed.success ? [this.#viewLink(parsed.data)] : [];
    });
  }

  #viewLink(file: SavedFile): Output {
    const url = new URL('/view', this.baseUrl);
    url.searchParams.set('filename', file.filename);
    url.searchParams.set('subfolder', file.subfolder);
    url.searchParams.set('type', file.type);
    const mediaType = mediaTypeForExtension(file.filename.split('.').pop() ?? '');
    return {
      kind: 'url',
      url: url.toString(),
      name: file.filename,
      ...(mediaType === undefined ? {} : { mediaType }),
      ...(Object.keys(this.downloadHeaders).length === 0 ? {} : { headers: this.downloadHeaders }),
    };
  }

  /** Takes a prompt off the queue, or interrupts it when it is running. */
  async cancel(promptId: string, signal: AbortSignal): Promise<void> {
    const current = await this.#call({ url: '/queue', signal }, queue);
    if (current.queue_running.some((item) => item[1] === promptId)) {
      // Recent servers interrupt only the named prompt; older ones interrupt what runs, which is this one.
      await this.#send({ method: 'POST', url: '/interrupt', json: { prompt_id: promptId }, signal });
    } else {
      await this.#send({ method: 'POST', url: '/queue', json: { delete: [promptId] }, signal });
      this.#dequeued.add(promptId);
    }
  }

  /** A call whose answer has no body worth reading (`/interrupt`, `/queue`). */
  async #send(request: HttpRequest): Promise<void> {
    const response = await this.api.request(request);
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      throw comfyRequestErrors(response.status, response.headers, text, {
        request: `${request.method} ${request.url}`,
      });
    }
  }
}
