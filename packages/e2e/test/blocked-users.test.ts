import { BLOCKED_USER_SENTENCE, GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { settled, startGenHub, user } from './harness.js';

describe('blocked users', () => {
  it('refuses a blocked user before any price or credit, only where blocked; unblocked, they run again', async () => {
    const genhub = await startGenHub();
    try {
      await genhub.store.ledger.grant(user, 1_000_000);
      const before = await genhub.store.ledger.balance(user);
      await genhub.moderation.block({ actor: 'discord:admin', userId: 'u1', community: 'discord:g1' });
      const request = {
        userId: 'u1',
        communityId: 'discord:g1',
        task: 'text-to-image' as const,
        params: { prompt: 'a fox' },
      };
      for (const attempt of [
        () => genhub.generation.quote(request),
        () => genhub.generation.request(request),
      ]) {
        const refused = await attempt().then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(GenHubError.isInstance(refused) && refused.code).toBe('INVALID_INPUT');
        expect((refused as Error).message).toBe(BLOCKED_USER_SENTENCE);
      }
      expect(await genhub.store.ledger.balance(user)).toEqual(before);
      expect(await genhub.store.jobs.countActive('u1')).toBe(0);

      // Elsewhere (another community, a direct message) the block does not apply.
      const elsewhere = await genhub.generation.request({ ...request, communityId: 'discord:g2' });
      expect((await settled(genhub, elsewhere)).state).toBe('succeeded');

      await genhub.moderation.unblock({ actor: 'discord:admin', userId: 'u1', community: 'discord:g1' });
      const again = await genhub.generation.request(request);
      expect((await settled(genhub, again)).state).toBe('succeeded');

      // Installation-wide, everywhere.
      await genhub.moderation.block({ actor: 'operator:cli', userId: 'u1', community: null });
      await expect(genhub.generation.request({ ...request, communityId: undefined })).rejects.toThrow(
        BLOCKED_USER_SENTENCE,
      );
      expect((await genhub.moderation.log()).map((entry) => entry.action)).toEqual([
        'block',
        'unblock',
        'block',
      ]);
    } finally {
      await genhub.close();
    }
  });
});
