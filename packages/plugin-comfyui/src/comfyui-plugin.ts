import { randomUUID } from 'node:crypto';
import { ConfigError, definePlugin, defineProvider, GenHubError, type TaskRef } from '@genhub/provider';
import { z } from 'zod';
import { ComfyApi } from './api/comfy-api.js';
import { ProgressSocket } from './api/progress-socket.js';
import { comfyuiSettings } from './config.js';
import { workflowModel } from './models/workflow-model.js';
import { workflowProblem } from './workflow/check-workflow.js';
import { BUNDLED_WORKFLOWS_DIR, loadWorkflows, type Workflow } from './workflow/load-workflows.js';

/** What a task reference carries besides the prompt id: which node's files are the result. */
const refData = z.object({ resultNode: z.string().min(1) });

function resultNodeOf(ref: TaskRef): string {
  const parsed = refData.safeParse(ref.data);
  if (!parsed.success) {
    throw new GenHubError('INTERNAL', `The ComfyUI task ${ref.id} has no result node on record.`, {
      retryable: false,
    });
  }
  return parsed.data.resultNode;
}

/**
 * A self-hosted ComfyUI server. Each model is an API-format workflow with a mapping beside it: the
 * bundled examples, then the operator's folder (whose workflows replace bundled ones of the same
 * name). At start every workflow is checked against `/object_info`; one needing a node class or a
 * model file the server lacks is left out, with a warning naming it.
 */
export const comfyuiPlugin = definePlugin({
  id: 'comfyui',
  name: 'ComfyUI',
  description: 'Images and videos from your own ComfyUI server, one model per workflow',
  contract: 1,
  config: comfyuiSettings,
  async setup({ http, logger, signal }, { baseUrl, token, workflowsDir }) {
    const origin = new URL(baseUrl).origin;
    const authHeaders: Record<string, string> =
      token === undefined ? {} : { authorization: `Bearer ${token}` };
    const api = http.withDefaults({
      baseUrl: origin,
      provider: 'comfyui',
      headers: authHeaders,
      secrets: token === undefined ? [] : [token],
    });
    const socketUrl = new URL('/ws', origin);
    socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    const clientId = randomUUID();
    socketUrl.searchParams.set('clientId', clientId);
    const progress = new ProgressSocket(socketUrl.toString(), authHeaders, logger);
    const comfy = new ComfyApi(clientId, api, http, origin, authHeaders, progress);

    const workflows = new Map<string, Workflow>();
    const problems: string[] = [];
    for (const dir of [BUNDLED_WORKFLOWS_DIR, ...(workflowsDir === undefined ? [] : [workflowsDir])]) {
      const loaded = await loadWorkflows(dir).catch(() => {
        throw new ConfigError([
          {
            key: 'providers.comfyui.workflowsDir',
            env: 'GENHUB_COMFYUI_WORKFLOWS_DIR',
            message: `the folder ${dir} cannot be read; give a folder of ComfyUI workflows`,
          },
        ]);
      });
      for (const workflow of loaded.workflows) workflows.set(workflow.slug, workflow);
      problems.push(...loaded.problems);
    }
    try {
      const info = await comfy.objectInfo(signal);
      for (const workflow of [...workflows.values()]) {
        const problem = workflowProblem(workflow, info);
        if (problem !== undefined) {
          workflows.delete(workflow.slug);
          problems.push(problem);
        }
      }
    } catch (error) {
      logger.warn('ComfyUI did not answer /object_info; its workflows are offered unchecked', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    for (const problem of problems) logger.warn(problem);

    const runner = {
      queue: (graph: Record<string, unknown>, jobKey: string, abort: AbortSignal) =>
        comfy.queuePrompt(graph, jobKey, abort),
      uploadImage: (url: string, key: string, abort: AbortSignal) => comfy.uploadImage(url, key, abort),
    };
    return defineProvider({
      models: [...workflows.values()].map((workflow) => workflowModel(workflow, runner)),
      trustedOrigins: [origin],
      poll: (ref, { signal: abort }) => comfy.poll(ref.id, resultNodeOf(ref), abort),
      cancel: (ref, { signal: abort }) => comfy.cancel(ref.id, abort),
      async findSubmitted(request, { signal: abort, idempotencyKey }) {
        const workflow = workflows.get(request.model.replace(/^comfyui\//, ''));
        if (workflow === undefined) return [];
        const ids = await comfy.promptsOf(idempotencyKey, abort);
        return ids.map((id) => ({ id, data: { resultNode: workflow.mapping.result.node } }));
      },
      async health({ signal: abort }) {
        const stats = await comfy.systemStats(abort);
        const device = stats.devices[0]?.name;
        const about = `ComfyUI ${stats.system.comfyui_version ?? ''}${device ? ` on ${device}` : ''}`.replace(
          /\s+/g,
          ' ',
        );
        return problems.length === 0
          ? { ok: true, message: about }
          : { ok: false, message: `${about}. ${problems.join(' ')}` };
      },
      async close() {
        progress.close();
      },
    });
  },
});
