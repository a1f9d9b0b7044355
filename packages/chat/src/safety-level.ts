import { GenHubError, isStricter, SAFETY_LEVELS, type SafetyLevel, type SafetyRequest } from '@genhub/core';
import { z } from 'zod';
import type { ChatActor } from './chat-message.js';

export const safetyLevelSchema = z.enum(SAFETY_LEVELS);

/** A community's safety settings, chosen by its admins with `/admin safety`. */
export const communitySafetySchema = z.object({
  /** The level everywhere in the community; `standard` when unset. */
  level: safetyLevelSchema.optional(),
  /** Levels of single places (Discord channels), by place id; over the community's level. */
  places: z.record(z.string(), safetyLevelSchema).optional(),
  /** Mature results are posted behind the platform's spoiler. */
  spoilerMature: z.boolean().optional(),
  /** On `strict`, models with no safety control are refused. */
  strictExcludesUncontrolled: z.boolean().optional(),
});
export type CommunitySafety = z.output<typeof communitySafetySchema>;

/** The safety one generation runs at, and how its results are posted. */
export interface PlaceSafety {
  request: SafetyRequest;
  /** Post the results behind the platform's spoiler. */
  spoiler: boolean;
}

/** Where a level comes from, for `resolveSafety`. */
export interface SafetyContext {
  actor: ChatActor;
  /** The community's safety settings; absent in direct messages or when unset. */
  community?: CommunitySafety | undefined;
  /** The operator's level for direct messages (`safety.directMessages`). */
  directMessages: SafetyLevel;
  /** The level the user asked for (`--safety`); at most the place's. */
  asked?: SafetyLevel | undefined;
}

/**
 * The level of the place a request comes from: in direct messages the operator's; in a community
 * the place's own level (Discord channel), else the community's, else `standard`. `mature` holds
 * only where the platform marks the place as adult (a Discord channel with the age-restricted flag,
 * a thread of one); where the platform has no such mark (Telegram) only when the community's admins
 * chose it; elsewhere it falls to `standard`.
 */
export function placeLevel(context: Omit<SafetyContext, 'asked'>): { level: SafetyLevel; adult: boolean } {
  const { actor, community } = context;
  if (actor.communityId === undefined) {
    return { level: context.directMessages, adult: context.directMessages === 'mature' };
  }
  const placeId = actor.place?.id;
  const configured =
    (placeId === undefined ? undefined : community?.places?.[placeId]) ?? community?.level ?? 'standard';
  const adult = actor.place?.ageRestricted ?? configured === 'mature';
  return { level: configured === 'mature' && !adult ? 'standard' : configured, adult };
}

/**
 * The safety a generation runs at: the user's asked level when it is no looser than the place's,
 * else the place's. Asking for more than the place allows is refused with one sentence, before any
 * price is shown or money reserved.
 */
export function resolveSafety(context: SafetyContext): PlaceSafety {
  const place = placeLevel(context);
  const asked = context.asked;
  if (asked !== undefined && isStricter(place.level, asked)) throw tooLoose(context, place, asked);
  const level = asked ?? place.level;
  const community = context.actor.communityId === undefined ? undefined : context.community;
  return {
    request: {
      level,
      ...(level === 'strict' && community?.strictExcludesUncontrolled === true
        ? { excludeUncontrolled: true }
        : {}),
    },
    spoiler: level === 'mature' && community?.spoilerMature === true,
  };
}

function tooLoose(
  context: SafetyContext,
  place: { level: SafetyLevel; adult: boolean },
  asked: SafetyLevel,
): GenHubError {
  const { actor } = context;
  let sentence: string;
  if (asked === 'mature' && actor.communityId === undefined) {
    sentence = `Mature generations are off in direct messages with this bot; its operator has set them to ${place.level}.`;
  } else if (asked === 'mature' && actor.place?.ageRestricted === false) {
    sentence =
      'Mature generations are only made in an age-restricted channel, and this one is not; use one marked age-restricted.';
  } else if (asked === 'mature' && !place.adult) {
    sentence = 'Mature generations are off here; a group admin can turn them on with /admin safety mature.';
  } else {
    sentence = `The safety level here is ${place.level}; ask for ${place.level === 'strict' ? 'strict' : `${place.level} or stricter`}, or ask an admin to change it with /admin safety.`;
  }
  return new GenHubError('INVALID_INPUT', sentence, {
    retryable: false,
    details: { param: 'safety', reason: 'safety-level', level: place.level },
  });
}

/** Reads a level a user typed; undefined when absent, a one-sentence refusal when not a level. */
export function parseSafetyLevel(value: unknown): SafetyLevel | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = safetyLevelSchema.safeParse(typeof value === 'string' ? value.trim().toLowerCase() : value);
  if (parsed.success) return parsed.data;
  throw new GenHubError('INVALID_INPUT', 'The safety level is strict, standard or mature.', {
    retryable: false,
    details: { param: 'safety' },
  });
}
