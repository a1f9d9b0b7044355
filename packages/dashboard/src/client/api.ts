import type { ActionResult, DashboardEvent } from '../api-types.js';

/** GETs one of the dashboard's data endpoints; throws an Error holding the server's sentence. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (response.status === 401)
    throw new Error('Your session ended; run "genhub dashboard-link" to sign in again.');
  if (!response.ok) throw new Error(await sentenceOf(response));
  return (await response.json()) as T;
}

/** POSTs a change; the answer always says what happened. */
export async function postJson(path: string, body: unknown): Promise<ActionResult> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.headers.get('content-type')?.startsWith('application/json'))
    return (await response.json()) as ActionResult;
  return { ok: false, message: await response.text() };
}

async function sentenceOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    return text.trim() || `The server answered ${response.status}.`;
  }
}

type Listener = (event: DashboardEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | undefined;

/** Follows the server's live events (one stream for the whole page); returns a function that stops. */
export function onDashboardEvent(listener: Listener): () => void {
  listeners.add(listener);
  if (source === undefined) {
    source = new EventSource('/api/events');
    for (const type of ['job', 'providers'] as const) {
      source.addEventListener(type, (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as DashboardEvent;
        for (const each of listeners) each(event);
      });
    }
  }
  return () => {
    listeners.delete(listener);
  };
}
