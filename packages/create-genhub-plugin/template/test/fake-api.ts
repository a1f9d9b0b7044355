import { type FakeHandler, type FakeServer, solidPng, startFakeServer, withBearer } from '@genhub/testkit';

/** The only key the fake accepts; any other gets Acme's 401. */
export const FAKE_API_KEY = 'acme-fake-key-0123456789';

/** How the fake's next tasks go: polls answered `running` first, then the ending. */
export interface FakeTaskPlan {
  runningPolls: number;
  /** `succeeded` (an image), or the error a `failed` task carries. */
  ending: 'succeeded' | { code: string; message: string };
}

export interface FakeImageApi {
  /** `http://127.0.0.1:<port>`: the plugin's `baseUrl`. */
  readonly url: string;
  /** The server underneath: replace a route to script any other answer, read `calls` to assert on requests. */
  readonly server: FakeServer;
  /** Sets how new tasks go and puts back the API's own routes. */
  plan(plan: FakeTaskPlan): void;
  close(): Promise<void>;
}

interface FakeTask {
  id: string;
  plan: FakeTaskPlan;
  polls: number;
  cancelled: boolean;
}

const unauthorized = { status: 401, json: { error: { code: 'unauthorized', message: 'Invalid API key' } } };
const notFound = { status: 404, json: { error: { code: 'not_found', message: 'No such task' } } };
const image = solidPng(64, 64, [230, 120, 40]);

/** Answers only requests with the fake's key, as the API does. */
const authorized = (handler: FakeHandler) => withBearer(FAKE_API_KEY, handler, unauthorized);

/** What the API says about a task at this point of its plan. */
function taskAnswer(task: FakeTask, baseUrl: string) {
  const { id, plan, polls } = task;
  if (task.cancelled) return { id, status: 'cancelled' };
  if (polls <= plan.runningPolls) return { id, status: 'running', progress: 50 };
  if (plan.ending === 'succeeded')
    return { id, status: 'succeeded', image_url: `${baseUrl}/files/${id}.png` };
  return { id, status: 'failed', error: plan.ending };
}

/**
 * A fake of the Acme Images API on 127.0.0.1, with the same routes and answers: tasks are queued by
 * `POST /v1/images`, polled at `GET /v1/images/:id` and cancelled at `POST /v1/images/:id/cancel`;
 * a finished task's image is served by the fake itself. By default a task runs for one poll, then succeeds.
 */
export async function startFakeApi(): Promise<FakeImageApi> {
  const server = await startFakeServer();
  const tasks = new Map<string, FakeTask>();
  let plan: FakeTaskPlan = { runningPolls: 1, ending: 'succeeded' };

  const routes = () => {
    server.route(
      'POST /v1/images',
      authorized(() => {
        const id = `img_${tasks.size + 1}`;
        tasks.set(id, { id, plan, polls: 0, cancelled: false });
        return { status: 202, json: { id, status: 'queued' } };
      }),
    );
    server.route(
      'GET /v1/images/:id',
      authorized(({ params }) => {
        const task = tasks.get(params.id ?? '');
        if (task === undefined) return notFound;
        task.polls += 1;
        return { json: taskAnswer(task, server.url) };
      }),
    );
    server.route(
      'POST /v1/images/:id/cancel',
      authorized(({ params }) => {
        const task = tasks.get(params.id ?? '');
        if (task === undefined) return notFound;
        task.cancelled = true;
        return { json: taskAnswer(task, server.url) };
      }),
    );
    server.route('GET /files/:name', { headers: { 'content-type': 'image/png' }, body: image });
  };
  routes();

  return {
    url: server.url,
    server,
    plan(next) {
      plan = next;
      routes();
    },
    close: () => server.close(),
  };
}
