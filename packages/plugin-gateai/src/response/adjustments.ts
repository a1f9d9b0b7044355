import { lenient, nonBlank, type Warning } from '@genhub/provider';
import { z } from 'zod';
import type { ParamRoles } from '../models/param-roles.js';

const REASON = "GateAI changed it to fit the key's daily budget";

/** One change, under any of the spellings GateAI might use for its parameter, old and new values. */
const change = z.looseObject({}).transform((entry: Record<string, unknown>) => ({
  param: entry.param ?? entry.parameter ?? entry.field ?? entry.name ?? entry.key,
  from: entry.from ?? entry.original ?? entry.requested ?? entry.old ?? entry.before,
  to: entry.to ?? entry.adjusted ?? entry.new ?? entry.value ?? entry.after ?? entry.now,
  reason: lenient(nonBlank).parse(entry.reason),
}));

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
  const warning = (wire: string, from: unknown, to: unknown, reason = REASON): Warning => ({
    type: 'adjusted',
    param: roles.byWire.get(wire)?.key ?? wire,
    from: from ?? null,
    to: to ?? null,
    reason,
  });
  const fromSentence = (text: string): Warning => {
    const named = Object.keys(sent).find((wire) => new RegExp(`\\b${wire}\\b`, 'i').test(text));
    return named === undefined
      ? { type: 'adjusted', param: 'params', from: null, to: null, reason: `${REASON}: ${text}` }
      : warning(named, sent[named], null, `${REASON}: ${text}`);
  };
  const fromListed = (entry: unknown): Warning[] => {
    const sentence = nonBlank.safeParse(entry);
    if (sentence.success) return [fromSentence(sentence.data)];
    const listed = change.safeParse(entry).data;
    if (typeof listed?.param !== 'string') return [];
    return [warning(listed.param, listed.from ?? sent[listed.param], listed.to, listed.reason)];
  };

  if (Array.isArray(adjustments)) return adjustments.flatMap(fromListed);
  if (typeof adjustments === 'string') return fromListed(adjustments);
  const byParam = z.record(z.string(), z.unknown()).safeParse(adjustments);
  if (!byParam.success) return [];
  return Object.entries(byParam.data).map(([wire, value]) => {
    const changed = change.safeParse(value).data;
    return changed !== undefined && (changed.from !== undefined || changed.to !== undefined)
      ? warning(wire, changed.from ?? sent[wire], changed.to, changed.reason)
      : warning(wire, sent[wire], value);
  });
}
