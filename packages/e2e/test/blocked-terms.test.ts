import { GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { settled, startGenHub, user } from './harness.js';

describe('safety.blockedTerms', () => {
  it('refuses a blocked word however it is written, before any price or credit; a clean prompt still runs', async () => {
    const genhub = await startGenHub({ safety: { blockedTerms: ['gore', '/blood\\s*bath/'] } });
    try {
      await genhub.store.ledger.grant(user, 1_000_000);
      const before = await genhub.store.ledger.balance(user);
      for (const prompt of ['a G.O.R.E scene', 'g o r e', 'a Blood Bath']) {
        const request = { userId: 'u1', task: 'text-to-image' as const, params: { prompt } };
        for (const attempt of [
          () => genhub.generation.quote(request),
          () => genhub.generation.request(request),
        ]) {
          let refused: unknown;
          try {
            await attempt();
          } catch (error) {
            refused = error;
          }
          expect(GenHubError.isInstance(refused) && refused.code, prompt).toBe('INVALID_INPUT');
          expect((refused as Error).message).not.toMatch(/gore|blood/i);
        }
      }
      expect(await genhub.store.ledger.balance(user)).toEqual(before);
      expect(await genhub.store.jobs.countActive('u1')).toBe(0);
      const clean = await genhub.generation.request({
        userId: 'u1',
        task: 'text-to-image',
        params: { prompt: 'Gorey Street at dusk' },
      });
      expect((await settled(genhub, clean)).state).toBe('succeeded');
    } finally {
      await genhub.close();
    }
  });
});
