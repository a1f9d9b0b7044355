import { type FakeServer, solidPng, startFakeServer, withBearer } from '@genhub/testkit';

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

const unauthorized = { status: 401, json: { error: { code: 'unauthorized', message: 'Invalid API key' } } };

/**
 * A fake of the Acme Images API on 127.0.0.1, with the same routes and answers: tasks are queued by
 * `POST /v1/images`, polled at `GET /v1/images/:id` and cancelled at `POST /v1/images/:id/cancel`;
 * a finished task's image is served by the fake itself. By default a task runs for one poll, then succeeds.
 */
export async function startFakeApi(): Promise<FakeImageApi> {
  const server = await startFakeServer();
  const tasks = new Map<string, { polls: number; plan: FakeTaskPlan; cancelled: boolean }>();
  let current: FakeTaskPlan = { runningPolls: 1, ending: 'succeeded' };

  const task = (id: string | undefined) => (id === undefined ? undefined : tasks.get(id));
  const notFound = { status: 404, json: { error: { code: 'not_found', message: 'No such task' } } };

  const routes = () => {
    server.route(
      'POST /v1/images',
      withBearer(
        FAKE_API_KEY,
        () => {
          const id = `img_${tasks.size + 1}`;
          tasks.set(id, { polls: 0, plan: current, cancelled: false });
          return { status: 202, json: { id, status: 'queued' } };
        },
        unauthorized,
      ),
    );
    server.route(
      'GET /v1/images/:id',
      withBearer(
        FAKE_API_KEY,
        ({ params: { id } }) => {
          const found = task(id);
          if (found === undefined) return notFound;
          if (found.cancelled) return { json: { id, status: 'cancelled' } };
          found.polls += 1;
          if (found.polls <= found.plan.runningPolls)
            return { json: { id, status: 'running', progress: 50 } };
          if (found.plan.ending !== 'succeeded')
            return { json: { id, status: 'failed', error: found.plan.ending } };
          return { json: { id, status: 'succeeded', image_url: `${server.url}/files/${id}.png` } };
        },
        unauthorized,
      ),
    );
    server.route(
      'POST /v1/images/:id/cancel',
      withBearer(
        FAKE_API_KEY,
        ({ params: { id } }) => {
          const found = task(id);
          if (found === undefined) return notFound;
          found.cancelled = true;
          return { json: { id, status: 'cancelled' } };
        },
        unauthorized,
      ),
    );
    server.route('GET /files/:name', {
      headers: { 'content-type': 'image/png' },
      body: solidPng(64, 64, [230, 120, 40]),
    });
  };
  routes();

  return {
    url: server.url,
    server,
    plan(plan) {
      current = plan;
      routes();
    },
    close: () => server.close(),
  };
}
