import { describe, expect, it } from 'vitest';
import { DOCUMENT_CATALOGUE } from '../catalogue/document-catalogue.js';
import { assignRoles } from '../models/param-roles.js';
import { adjustmentWarnings } from './adjustments.js';

const roles = assignRoles(DOCUMENT_CATALOGUE.find((m) => m.id === 'kling-3.0')!.params);
const sent = { prompt: 'p', durationSeconds: 15, mode: 'RESOLUTION_2160', width: 3840, height: 2160 };
const reason = "GateAI changed it to fit the key's daily budget";

describe('adjustmentWarnings', () => {
  it('reads { param: { from, to } } under GenHub names', () => {
    expect(adjustmentWarnings({ durationSeconds: { from: 15, to: 8 } }, sent, roles)).toEqual([
      { type: 'adjusted', param: 'duration', from: 15, to: 8, reason },
    ]);
  });

  it('reads { param: newValue }, taking the old value from what was sent', () => {
    expect(adjustmentWarnings({ mode: 'RESOLUTION_1080', durationSeconds: 5 }, sent, roles)).toEqual([
      { type: 'adjusted', param: 'mode', from: 'RESOLUTION_2160', to: 'RESOLUTION_1080', reason },
      { type: 'adjusted', param: 'duration', from: 15, to: 5, reason },
    ]);
  });

  it('reads a list of changes, with their own reasons', () => {
    expect(
      adjustmentWarnings(
        [
          { field: 'width', original: 3840, adjusted: 1920, reason: 'budget' },
          { param: 'height', to: 1080 },
        ],
        sent,
        roles,
      ),
    ).toEqual([
      { type: 'adjusted', param: 'width', from: 3840, to: 1920, reason: 'budget' },
      { type: 'adjusted', param: 'height', from: 2160, to: 1080, reason },
    ]);
  });

  it('reads sentences, naming a sent parameter when one is mentioned', () => {
    expect(adjustmentWarnings(['durationSeconds shortened to 8s', 'lowered the cost'], sent, roles)).toEqual([
      {
        type: 'adjusted',
        param: 'duration',
        from: 15,
        to: null,
        reason: `${reason}: durationSeconds shortened to 8s`,
      },
      { type: 'adjusted', param: 'params', from: null, to: null, reason: `${reason}: lowered the cost` },
    ]);
  });

  it('is empty when nothing was adjusted', () => {
    for (const none of [undefined, null, false, {}, [], ''])
      expect(adjustmentWarnings(none, sent, roles)).toEqual([]);
  });
});
