import { GenHubError } from '@genhub/core';
import { describe, expect, it } from 'vitest';
import type { ChatActor } from './chat-message.js';
import { parseSafetyLevel, resolveSafety } from './safety-level.js';

const discord = (ageRestricted: boolean): ChatActor => ({
  userId: 'discord:1',
  communityId: 'discord:9',
  isCommunityAdmin: false,
  frontEnd: 'discord',
  place: { id: 'discord:50', ageRestricted },
});
const telegramGroup: ChatActor = {
  userId: 'telegram:1',
  communityId: 'telegram:-100',
  isCommunityAdmin: false,
  frontEnd: 'telegram',
};
const direct: ChatActor = { userId: 'telegram:1', isCommunityAdmin: false, frontEnd: 'telegram' };

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (GenHubError.isInstance(error)) return error.message;
    throw error;
  }
  return undefined;
}

describe('resolveSafety', () => {
  it('is standard by default everywhere, and the operator’s level in direct messages', () => {
    for (const actor of [discord(false), discord(true), telegramGroup]) {
      expect(resolveSafety({ actor, directMessages: 'strict' }).request).toEqual({ level: 'standard' });
    }
    expect(resolveSafety({ actor: direct, directMessages: 'strict' }).request).toEqual({ level: 'strict' });
    expect(resolveSafety({ actor: direct, directMessages: 'mature' }).request).toEqual({ level: 'mature' });
  });

  it('gives mature only where the platform marks the place adult, or on Telegram where the admins chose it', () => {
    const community = { level: 'mature' as const, spoilerMature: true };
    expect(resolveSafety({ actor: discord(true), community, directMessages: 'standard' })).toEqual({
      request: { level: 'mature' },
      spoiler: true,
    });
    expect(resolveSafety({ actor: discord(false), community, directMessages: 'standard' })).toEqual({
      request: { level: 'standard' },
      spoiler: false,
    });
    expect(resolveSafety({ actor: telegramGroup, community, directMessages: 'standard' }).request.level).toBe(
      'mature',
    );
  });

  it('takes a place’s own level over the community’s', () => {
    const community = { level: 'strict' as const, places: { 'discord:50': 'mature' as const } };
    expect(resolveSafety({ actor: discord(true), community, directMessages: 'standard' }).request.level).toBe(
      'mature',
    );
  });

  it('lets a user ask for a stricter level, never a looser one, each refusal one sentence', () => {
    const community = { strictExcludesUncontrolled: true };
    expect(
      resolveSafety({ actor: discord(false), community, directMessages: 'standard', asked: 'strict' })
        .request,
    ).toEqual({ level: 'strict', excludeUncontrolled: true });
    expect(
      refusal(() => resolveSafety({ actor: discord(false), directMessages: 'standard', asked: 'mature' })),
    ).toBe(
      'Mature generations are only made in an age-restricted channel, and this one is not; use one marked age-restricted.',
    );
    expect(
      refusal(() => resolveSafety({ actor: discord(true), directMessages: 'standard', asked: 'mature' })),
    ).toBe(
      'The safety level here is standard; ask for standard or stricter, or ask an admin to change it with /admin safety.',
    );
    expect(
      refusal(() => resolveSafety({ actor: direct, directMessages: 'standard', asked: 'mature' })),
    ).toMatch(/^Mature generations are off in direct messages/);
  });

  it('reads a typed level in any case, and refuses anything else', () => {
    expect(parseSafetyLevel(' Strict ')).toBe('strict');
    expect(parseSafetyLevel(undefined)).toBeUndefined();
    expect(refusal(() => parseSafetyLevel('nsfw'))).toBe('The safety level is strict, standard or mature.');
  });
});
