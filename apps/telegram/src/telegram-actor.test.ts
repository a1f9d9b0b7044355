import { describe, expect, it } from 'vitest';
import type { ChatAdmins } from './chat-admins.js';
import { telegramActor } from './telegram-actor.js';

/** Telegram's GroupAnonymousBot: the `from` of every anonymous admin's message, in every group. */
const ANONYMOUS_ADMIN = { id: 1087968824 };
const nobodyIsAdmin = { isAdmin: async () => false } as unknown as ChatAdmins;

describe('telegramActor', () => {
  it('gives anonymous admins of different groups different users, so they share no jobs or credits', async () => {
    const groupA = { id: -1001, type: 'supergroup' as const };
    const groupB = { id: -1002, type: 'supergroup' as const };
    const a = await telegramActor(nobodyIsAdmin, groupA, ANONYMOUS_ADMIN, { id: groupA.id });
    const b = await telegramActor(nobodyIsAdmin, groupB, ANONYMOUS_ADMIN, { id: groupB.id });
    expect(a.isCommunityAdmin).toBe(true);
    expect(b.isCommunityAdmin).toBe(true);
    expect(a.userId).not.toBe(b.userId);
    expect(a.communityId).toBe('telegram:-1001');
  });

  it('keeps a member who writes as themselves', async () => {
    const actor = await telegramActor(nobodyIsAdmin, { id: -1001, type: 'group' }, { id: 42 });
    expect(actor).toEqual({
      userId: 'telegram:42',
      communityId: 'telegram:-1001',
      isCommunityAdmin: false,
      frontEnd: 'telegram',
    });
  });
});
