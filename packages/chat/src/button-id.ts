/** What a button does. Each has a one-letter code so ids stay short. */
export const BUTTON_ACTIONS = {
  confirm: 'c',
  abort: 'x',
  reroll: 'r',
  vary: 'v',
  upscale: 'u',
  animate: 'a',
  info: 'i',
  delete: 'd',
  cancel: 'k',
  followUp: 'f',
  usagePage: 'p',
  report: 'q',
  reportDelete: 'y',
  reportBlock: 'b',
  logPage: 'l',
} as const;

export type ButtonAction = keyof typeof BUTTON_ACTIONS;

/** A decoded button: the action, what it acts on (a job id, a confirmation id, a cursor) and an index. */
export interface ButtonTarget {
  action: ButtonAction;
  ref: string;
  index?: number;
}

const PREFIX = 'gh1';
const MAX_ID_BYTES = 64; // Telegram's callback_data limit; Discord allows 100.
const byCode = new Map<string, ButtonAction>(
  Object.entries(BUTTON_ACTIONS).map(([action, code]) => [code, action as ButtonAction]),
);

/** `gh1:r:<jobId>` or `gh1:f:<jobId>:3`: short, and pointing at stored state, so it works after a restart. */
export function encodeButtonId(target: ButtonTarget): string {
  if (!/^[A-Za-z0-9_-]+$/.test(target.ref)) throw new Error(`A button ref must be URL-safe: ${target.ref}`);
  const id = `${PREFIX}:${BUTTON_ACTIONS[target.action]}:${target.ref}${target.index === undefined ? '' : `:${target.index}`}`;
  if (Buffer.byteLength(id) > MAX_ID_BYTES)
    throw new Error(`A button id is at most ${MAX_ID_BYTES} bytes: ${id}`);
  return id;
}

/** The button an id stands for, or undefined for ids GenHub did not make (or made by an older version). */
export function decodeButtonId(id: string): ButtonTarget | undefined {
  const match = /^gh1:([a-z]):([A-Za-z0-9_-]+)(?::(\d{1,3}))?$/.exec(id);
  if (!match) return undefined;
  const action = byCode.get(match[1] ?? '');
  if (!action || match[2] === undefined) return undefined;
  return { action, ref: match[2], ...(match[3] === undefined ? {} : { index: Number(match[3]) }) };
}
