import type { FakeResponse } from '@genhub/testkit/fake-server';
import type { JsonObject } from './discord-api-shapes.js';

/** Discord's JSON error answers, with the bodies and codes Discord documents. */
export const DiscordErrors = {
  unauthorized: (): FakeResponse => error(401, 0, '401: Unauthorized'),
  notFound: (): FakeResponse => error(404, 0, '404: Not Found'),
  methodNotAllowed: (): FakeResponse => error(405, 0, '405: Method Not Allowed'),
  unknownChannel: (): FakeResponse => error(404, 10003, 'Unknown Channel'),
  unknownGuild: (): FakeResponse => error(404, 10004, 'Unknown Guild'),
  unknownMember: (): FakeResponse => error(404, 10007, 'Unknown Member'),
  unknownMessage: (): FakeResponse => error(404, 10008, 'Unknown Message'),
  unknownUser: (): FakeResponse => error(404, 10013, 'Unknown User'),
  unknownWebhook: (): FakeResponse => error(404, 10015, 'Unknown Webhook'),
  unknownInteraction: (): FakeResponse => error(404, 10062, 'Unknown interaction'),
  unknownCommand: (): FakeResponse => error(404, 10063, 'Unknown application command'),
  missingAccess: (): FakeResponse => error(403, 50001, 'Missing Access'),
  missingPermissions: (): FakeResponse => error(403, 50013, 'Missing Permissions'),
  cannotEditOthers: (): FakeResponse => error(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: (): FakeResponse => error(400, 50006, 'Cannot send an empty message'),
  invalidWebhookToken: (): FakeResponse => error(401, 50027, 'Invalid Webhook Token'),
  alreadyAcknowledged: (): FakeResponse => error(400, 40060, 'Interaction has already been acknowledged.'),
  tooLarge: (): FakeResponse => error(413, 40005, 'Request entity too large'),
  /** 50035 Invalid Form Body, with `errors` shaped like Discord's (`{ field: { _errors: [...] } }`). */
  invalidFormBody: (errors: JsonObject): FakeResponse => ({
    status: 400,
    json: { message: 'Invalid Form Body', code: 50035, errors },
  }),
  rateLimited: (retryAfter: number, global: boolean, bucket: string): FakeResponse => ({
    status: 429,
    headers: {
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': String(retryAfter),
      'x-ratelimit-bucket': bucket,
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    },
    json: { message: 'You are being rate limited.', retry_after: retryAfter, global },
  }),
};

/** An error answer travelling back from a helper to the route handler. */
export class DiscordFailure {
  constructor(readonly response: FakeResponse) {}
}

function error(status: number, code: number, message: string): FakeResponse {
  return { status, json: { message, code } };
}

/** One problem found in a form body, at a path such as `['0', 'options', '1', 'name']`. */
export interface FormProblem {
  path: readonly (string | number)[];
  code: string;
  message: string;
}

/** Folds problems into Discord's nested `errors` object. */
export function formErrors(problems: readonly FormProblem[]): JsonObject {
  const root: JsonObject = {};
  for (const problem of problems) {
    let node = root;
    for (const part of problem.path) {
      const key = String(part);
      const next = node[key];
      if (typeof next === 'object' && next !== null) node = next as JsonObject;
      else {
        const created: JsonObject = {};
        node[key] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code: problem.code, message: problem.message });
    node._errors = list;
  }
  return root;
}

/** A 50035 answer for these problems, or undefined when there are none. */
export function invalidForm(problems: readonly FormProblem[]): FakeResponse | undefined {
  return problems.length === 0 ? undefined : DiscordErrors.invalidFormBody(formErrors(problems));
}
