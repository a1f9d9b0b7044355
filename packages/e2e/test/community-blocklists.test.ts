import { BLOCKED_PROMPT_SENTENCE, CommunityBlocklistLimits, GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import { settled, startGenHub, user } from './harness.js';

const g1 = 'discord:g1';

describe('community blocklists', () => {
  it('refuses a listed word only in that community, before any price or credit, and logs it for its admins', async () => {
    const genhub = await startGenHub({ safety: { blockedTerms: ['gore'] } });
    try {
      await genhub.store.ledger.grant(user, 1_000_000);
      expect(
        await genhub.blocklists.add({
          actor: 'discord:admin',
          community: g1,
          entries: ['bad', ' nud* ', 'bad'],
        }),
      ).toEqual(['bad', 'nud*']);
      const before = await genhub.store.ledger.balance(user);
      for (const prompt of ['a B.A.D dog', 'b a d', 'NUDITY', 'g-o-r-e']) {
        const request = { userId: 'u1', communityId: g1, task: 'text-to-image' as const, params: { prompt } };
        for (const attempt of [
          () => genhub.generation.quote(request),
          () => genhub.generation.request(request),
        ]) {
          const refused = await attempt().then(
            () => undefined,
            (error: unknown) => error,
          );
          expect(GenHubError.isInstance(refused) && refused.message, prompt).toBe(BLOCKED_PROMPT_SENTENCE);
        }
      }
      expect(await genhub.store.ledger.balance(user)).toEqual(before);
      expect(await genhub.store.jobs.countActive('u1')).toBe(0);

      // Another community, and a clean prompt here, still run.
      const elsewhere = await genhub.generation.request({
        userId: 'u1',
        communityId: 'discord:g2',
        task: 'text-to-image',
        params: { prompt: 'a bad dog' },
      });
      expect((await settled(genhub, elsewhere)).state).toBe('succeeded');
      const clean = await genhub.generation.request({
        userId: 'u1',
        communityId: g1,
        task: 'text-to-image',
        params: { prompt: 'a badger on a nubby rug' },
      });
      expect((await settled(genhub, clean)).state).toBe('succeeded');

      const log = await genhub.moderation.log({ community: g1, limit: 50 });
      const refusals = log.filter((entry) => entry.action === 'prompt-refused');
      expect(refusals).toHaveLength(8);
      expect(refusals.every((entry) => entry.target === 'u1')).toBe(true);
      // The operator's own entries are not named to a community's admins.
      expect(refusals.map((entry) => entry.detail).join(' ')).not.toMatch(/gore/);
      expect(log.at(-1)).toMatchObject({
        action: 'set-blocklist',
        actor: 'discord:admin',
        detail: 'added "bad", "nud*"',
      });

      expect(
        await genhub.blocklists.remove({ actor: 'discord:admin', community: g1, entries: ['bad'] }),
      ).toEqual(['nud*']);
      const after = await genhub.generation.request({
        userId: 'u1',
        communityId: g1,
        task: 'text-to-image',
        params: { prompt: 'a bad dog' },
      });
      expect((await settled(genhub, after)).state).toBe('succeeded');
    } finally {
      await genhub.close();
    }
  });

  it('refuses entries past its limits with one sentence', async () => {
    const genhub = await startGenHub();
    try {
      await expect(
        genhub.blocklists.add({
          actor: 'a',
          community: g1,
          entries: ['x'.repeat(CommunityBlocklistLimits.maxEntryChars + 1)],
        }),
      ).rejects.toThrow(/at most/);
      await expect(genhub.blocklists.add({ actor: 'a', community: g1, entries: ['  '] })).rejects.toThrow(
        /Give/,
      );
      const many = Array.from({ length: CommunityBlocklistLimits.maxEntries + 1 }, (_, i) => `w${i}`);
      await expect(genhub.blocklists.add({ actor: 'a', community: g1, entries: many })).rejects.toThrow(
        /at most/,
      );
      expect(await genhub.blocklists.list(g1)).toEqual([]);
    } finally {
      await genhub.close();
    }
  });
});
