import type { Warning } from '@genhub/provider';
import type { ParamRoles } from '../models/param-roles.js';

const REASON = "GateAI changed it to fit the key's daily budget";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function first(record: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (record[key] !== undefined) return record[key];
  return undefined;
}

const FROM = ['from', 'original', 'requested', 'old', 'before'];
const TO = ['to', 'adjusted', 'new', 'value', 'after', 'now'];
const PARAM = ['param', 'parameter', 'field', 'name', 'key'];

/**
 * The `adjustments` GateAI reports when it downgrades a request to fit the daily budget, as
 * `adjusted` warnings under GenHub's parameter names. The document shows the field but not its
 * shape, so each of these is read: `{ duration: { from: 15, to: 8 } }`, `{ duration: 8 }` (the
 * new value; the old one is what was sent), a list of `{ param, from, to, reason }`, and plain
 * sentences (`"duration shortened to 8s"`, matched to a parameter that was sent when one is named).
 */
export function adjustmentWarnings(
  adjustments: unknown,
  sent: Readonly<Record<string, unknown>>,
  roles: ParamRoles,
): Warning[] {
  const keyOf = (wire: string) => roles.byWire.get(wire)?.key ?? wire;
  const warning = (wire: string, from: unknown, to: unknown, reason?: unknown): Warning => ({
    type: 'adjusted',
    param: keyOf(wire),
    from: from ?? null,
    to: to ?? null,
    reason: typeof reason === 'string' && reason.trim() !== '' ? reason : REASON,
  });
  const fromSentence = (text: string): Warning => {
    const named = Object.keys(sent).find((wire) => new RegExp(`\\b${wire}\\b`, 'i').test(text));
    return named === undefined
      ? { type: 'adjusted', param: 'params', from: null, to: null, reason: `${REASON}: ${text}` }
      : warning(named, sent[named], null, `${REASON}: ${text}`);
  };

  if (adjustments === undefined || adjustments === null || adjustments === false) return [];
  if (typeof adjustments === 'string') return adjustments.trim() === '' ? [] : [fromSentence(adjustments)];
  if (Array.isArray(adjustments)) {
    return adjustments.flatMap((entry): Warning[] => {
      if (typeof entry === 'string') return entry.trim() === '' ? [] : [fromSentence(entry)];
      if (!isRecord(entry)) return [];
      const param = first(entry, PARAM);
      if (typeof param !== 'string') return [];
      return [warning(param, first(entry, FROM) ?? sent[param], first(entry, TO), entry.reason)];
    });
  }
  if (!isRecord(adjustments)) return [];
  return Object.entries(adjustments).map(([wire, change]) =>
    isRecord(change) && (first(change, FROM) !== undefined || first(change, TO) !== undefined)
      ? warning(wire, first(change, FROM) ?? sent[wire], first(change, TO), change.reason)
      : warning(wire, sent[wire], change),
  );
}
