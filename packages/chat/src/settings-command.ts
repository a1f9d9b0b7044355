import { GenHubError, tryParseAspectRatio } from '@genhub/core';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessage } from './chat-message.js';
import type { ChatSettings, CommunitySettings, UserSettings } from './chat-settings.js';

export type OptionValues = Readonly<Record<string, string | number | boolean>>;

/**
 * `/settings`: with no options shows the settings that apply; with options changes the user's own
 * (or, `scope: community`, the community's, for its admins). `reset` forgets them.
 */
export async function settingsCommand(
  genhub: ChatGenHub,
  settings: ChatSettings,
  actor: ChatActor,
  options: OptionValues,
): Promise<ChatMessage> {
  const scope = options.scope === 'community' ? 'community' : 'me';
  if (scope === 'community' && (actor.communityId === undefined || !actor.isCommunityAdmin)) {
    throw new GenHubError(
      'INVALID_INPUT',
      actor.communityId === undefined
        ? 'Community settings only exist in a server or group; use scope "me" here.'
        : 'Only community admins can change the community’s settings.',
      { details: { param: 'scope' } },
    );
  }
  const changes = Object.keys(options).filter((key) => key !== 'scope');
  const apply = (current: UserSettings): UserSettings => {
    if (options.reset === true) return { models: {} };
    const next: UserSettings = { ...current, models: { ...current.models } };
    if (typeof options.model === 'string' && options.model !== '') {
      const model = genhub.registry.resolve(options.model).model;
      for (const task of model.tasks) next.models[task] = model.id;
    }
    if (typeof options.aspect_ratio === 'string') {
      if (!tryParseAspectRatio(options.aspect_ratio)) {
        throw new GenHubError(
          'INVALID_INPUT',
          `"${options.aspect_ratio}" is not an aspect ratio; use W:H, such as 16:9.`,
          {
            details: { param: 'aspect_ratio' },
          },
        );
      }
      next.aspectRatio = options.aspect_ratio;
    }
    if (typeof options.quality === 'string') next.quality = options.quality;
    if (options.privacy === 'public' || options.privacy === 'private') next.privacy = options.privacy;
    if (options.delivery === 'here' || options.delivery === 'dm') next.delivery = options.delivery;
    return next;
  };
  if (scope === 'community' && actor.communityId !== undefined) {
    const community = actor.communityId;
    const saved =
      changes.length > 0
        ? await settings.updateCommunity(community, (c) => ({ ...c, ...apply(c) }))
        : await settings.community(community);
    return {
      text: `Community settings${changes.length > 0 ? ' saved' : ''}:\n${describe(saved)}`,
      private: true,
    };
  }
  const saved =
    changes.length > 0 ? await settings.updateUser(actor.userId, apply) : await settings.user(actor.userId);
  return { text: `Your settings${changes.length > 0 ? ' saved' : ''}:\n${describe(saved)}`, private: true };
}

/** Settings as lines people read. */
export function describe(settings: UserSettings | CommunitySettings): string {
  const models = Object.entries(settings.models).map(([task, id]) => `${task} -> ${id}`);
  const lines = [
    `Models: ${models.length > 0 ? models.join(', ') : 'the first available for each task'}`,
    `Aspect ratio: ${settings.aspectRatio ?? 'the model’s default'}`,
    `Quality: ${settings.quality ?? 'the model’s default'}`,
    `Privacy: ${settings.privacy ?? 'public'}`,
    `Delivery: ${settings.delivery === 'dm' ? 'direct messages' : 'where you ask'}`,
  ];
  if (
    !('payer' in settings) &&
    !('allowedModels' in settings) &&
    !('memberDailyUsd' in settings) &&
    !('confirmAboveUsd' in settings) &&
    !('welcomeUsd' in settings) &&
    !('dailyFreeUsd' in settings)
  )
    return lines.join('\n');
  const community = settings as CommunitySettings;
  if (community.allowedModels !== undefined)
    lines.push(`Allowed models: ${community.allowedModels.join(', ') || 'none'}`);
  if (community.payer !== undefined)
    lines.push(`Who pays: ${community.payer === 'community' ? 'the community' : 'each member'}`);
  if (community.memberDailyUsd !== undefined) lines.push(`Member daily limit: $${community.memberDailyUsd}`);
  if (community.confirmAboveUsd !== undefined) lines.push(`Confirm above: $${community.confirmAboveUsd}`);
  if (community.welcomeUsd !== undefined) lines.push(`Welcome credit: $${community.welcomeUsd}`);
  if (community.dailyFreeUsd !== undefined) lines.push(`Daily free allowance: $${community.dailyFreeUsd}`);
  return lines.join('\n');
}
