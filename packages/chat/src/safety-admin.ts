import { GenHubError, type SafetyLevel } from '@genhub/core';
import type { ChatActor, ChatMessage } from './chat-message.js';
import type { ChatSettings } from './chat-settings.js';
import { type CommunitySafety, parseSafetyLevel, placeLevel } from './safety-level.js';
import type { OptionValues } from './settings-command.js';

const refuse = (sentence: string, param: string) =>
  new GenHubError('INVALID_INPUT', sentence, { retryable: false, details: { param } });

/**
 * `/admin safety [level] [where] [spoiler] [exclude_uncontrolled]`, for a community's admins: the
 * level of the whole community (`where: community`, the default) or of this place only (`where:
 * here`, a Discord channel; `level: default` removes it); mature results behind a spoiler; and on
 * `strict`, whether models with no safety control are left out. With no option it shows them.
 * `mature` for this place needs a place the platform marks as adult (an age-restricted channel).
 */
export async function safetyAdminCommand(
  settings: ChatSettings,
  actor: ChatActor & { communityId: string },
  options: OptionValues,
  directMessages: SafetyLevel,
  /** Writes a change to the community's audit log. */
  audit: (detail: string) => Promise<void> = async () => {},
): Promise<ChatMessage> {
  const where = options.where ?? 'community';
  if (where !== 'community' && where !== 'here') throw refuse('Where is "community" or "here".', 'where');
  const asked = options.level === 'default' ? 'default' : parseSafetyLevel(options.level);
  const spoiler = booleanOption(options.spoiler, 'spoiler');
  const exclude = booleanOption(options.exclude_uncontrolled, 'exclude_uncontrolled');
  const placeId = actor.place?.id;
  if (where === 'here' && (placeId === undefined || placeId === actor.communityId)) {
    throw refuse('This place has no level of its own; set the community’s with where: community.', 'where');
  }
  if (asked === 'mature' && where === 'here' && actor.place?.ageRestricted === false) {
    throw refuse(
      'This channel is not age-restricted; mark it age-restricted in the channel’s settings first, then set mature here.',
      'level',
    );
  }
  const changing = asked !== undefined || spoiler !== undefined || exclude !== undefined;
  const saved = changing
    ? await settings.updateCommunity(actor.communityId, (current) => {
        const safety: CommunitySafety = { ...current.safety };
        if (asked !== undefined && where === 'community') {
          if (asked === 'default') delete safety.level;
          else safety.level = asked;
        }
        if (asked !== undefined && where === 'here' && placeId !== undefined) {
          const places = { ...safety.places };
          if (asked === 'default') delete places[placeId];
          else places[placeId] = asked;
          safety.places = places;
        }
        if (spoiler !== undefined) safety.spoilerMature = spoiler;
        if (exclude !== undefined) safety.strictExcludesUncontrolled = exclude;
        return { ...current, safety };
      })
    : await settings.community(actor.communityId);
  if (changing) {
    const changes = [
      asked === undefined ? '' : `level ${asked} ${where === 'here' ? `in ${placeId}` : 'community-wide'}`,
      spoiler === undefined ? '' : `spoiler ${spoiler ? 'on' : 'off'}`,
      exclude === undefined ? '' : `exclude uncontrolled ${exclude ? 'on' : 'off'}`,
    ];
    await audit(changes.filter(Boolean).join(', '));
  }
  const safety = saved.safety ?? {};
  const here = placeLevel({ actor, community: safety, directMessages });
  const lines = [
    `Safety level of the community: ${safety.level ?? 'standard'}${safety.level === 'mature' && actor.place?.ageRestricted !== undefined ? ' (in age-restricted channels; standard elsewhere)' : ''}.`,
    `Here: ${here.level}.`,
    `Mature results behind a spoiler: ${safety.spoilerMature === true ? 'yes' : 'no'}.`,
    `On strict, models with no safety controls are ${safety.strictExcludesUncontrolled === true ? 'left out' : 'allowed'}.`,
  ];
  return { text: `${changing ? 'Saved.\n' : ''}${lines.join('\n')}`, private: true };
}

function booleanOption(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (['on', 'yes', 'true'].includes(word)) return true;
  if (['off', 'no', 'false'].includes(word)) return false;
  throw refuse(`${name} is on or off.`, name);
}
