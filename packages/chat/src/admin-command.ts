import { GenHubError, usdToMicros } from '@genhub/core';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessage } from './chat-message.js';
import type { ChatSettings } from './chat-settings.js';
import { formatUsd } from './render.js';
import { safetyAdminCommand } from './safety-admin.js';
import { describe, type OptionValues } from './settings-command.js';

const refuse = (sentence: string, param?: string) =>
  new GenHubError('INVALID_INPUT', sentence, param === undefined ? {} : { details: { param } });

/** `/admin limits` options and the community settings they set. */
const LIMIT_OPTIONS = [
  ['member_daily_usd', 'memberDailyUsd'],
  ['confirm_above_usd', 'confirmAboveUsd'],
  ['welcome_usd', 'welcomeUsd'],
  ['daily_free_usd', 'dailyFreeUsd'],
] as const;

/** Whether the user may grant credits: an operator named in the configuration. */
export function isOperator(genhub: ChatGenHub, actor: ChatActor): boolean {
  return genhub.config.chat.operators.includes(actor.userId);
}

/**
 * `/admin`: `grant` (operators: credits to a user), and for a community's admins `models` (allow or
 * block a model, or allow all), `limits` (a member's daily spend, the confirmation price, the free
 * allowances, which may lower the operator's but never raise them),
 * `payer` (the member or the community's credits) and `safety` (levels and spoilers, `safety-admin.ts`).
 */
export async function adminCommand(
  genhub: ChatGenHub,
  settings: ChatSettings,
  actor: ChatActor,
  subcommand: string | undefined,
  options: OptionValues,
): Promise<ChatMessage> {
  if (subcommand === 'grant') {
    if (!isOperator(genhub, actor))
      throw refuse('Only GenHub’s operators can grant credits; ask the person who runs this bot.');
    const target = typeof options.user === 'string' ? options.user.trim() : '';
    const amount = typeof options.amount_usd === 'number' ? options.amount_usd : Number(options.amount_usd);
    if (target === '') throw refuse('Say who gets the credits: /admin grant <user> <amount in USD>.', 'user');
    if (!Number.isFinite(amount) || amount === 0 || Math.abs(amount) > 1_000_000)
      throw refuse('Give the amount in USD, such as 5 or -2.50.', 'amount_usd');
    const userId = target.includes(':') ? target : `${actor.frontEnd}:${target}`;
    const micros = Math.sign(amount) * usdToMicros(Math.abs(amount));
    const balance = await genhub.store.ledger.grant(
      { kind: 'user', id: userId },
      micros,
      `granted by ${actor.userId}`,
    );
    return {
      text: `${amount > 0 ? 'Granted' : 'Took back'} ${formatUsd(Math.abs(amount))} ${amount > 0 ? 'to' : 'from'} ${userId}; their balance is ${formatUsd({ micros: balance.availableMicros })}.`,
      private: true,
    };
  }
  if (actor.communityId === undefined)
    throw refuse('That admin command works in a server or group, not here.');
  if (!actor.isCommunityAdmin && !isOperator(genhub, actor))
    throw refuse('Only this community’s admins can change its settings.');
  const community = actor.communityId;
  switch (subcommand) {
    case 'models': {
      const action = options.action;
      const asked = typeof options.model === 'string' ? options.model : '';
      const saved = await settings.updateCommunity(community, (current) => {
        if (action === 'all') {
          const { allowedModels: _dropped, ...rest } = current;
          return rest;
        }
        if (asked === '') throw refuse('Name the model: /admin models allow <model>.', 'model');
        const id = genhub.registry.resolve(asked).model.id;
        const everything = genhub.registry.list({}).map((model) => model.id);
        const allowed = new Set(current.allowedModels ?? everything);
        if (action === 'allow') allowed.add(id);
        else if (action === 'block') allowed.delete(id);
        else throw refuse('The action is allow, block or all.', 'action');
        return { ...current, allowedModels: [...allowed].sort() };
      });
      return { text: `Saved.\n${describe(saved)}`, private: true };
    }
    case 'limits': {
      const given = LIMIT_OPTIONS.filter(([name]) => options[name] !== undefined);
      for (const [name] of given) {
        const value = options[name];
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          throw refuse(`${name} is an amount in USD of 0 or more.`, name);
      }
      if (given.length === 0)
        throw refuse(
          `Give at least one of ${LIMIT_OPTIONS.map(([name]) => name).join(', ')}.`,
          'member_daily_usd',
        );
      const saved = await settings.updateCommunity(community, (current) => ({
        ...current,
        ...Object.fromEntries(given.map(([name, key]) => [key, options[name]])),
      }));
      const { welcomeUsd, dailyFreeUsd } = genhub.config.billing;
      const capped = [
        ['welcome credit', saved.welcomeUsd, welcomeUsd],
        ['daily free allowance', saved.dailyFreeUsd, dailyFreeUsd],
      ].filter(
        ([, community, operator]) => community !== undefined && (community as number) > (operator as number),
      );
      const note = capped.map(
        ([what, , operator]) =>
          `\nThe ${what} stays at GenHub's own $${operator}: communities can lower it, not raise it.`,
      );
      return { text: `Saved.\n${describe(saved)}${note.join('')}`, private: true };
    }
    case 'payer': {
      const who = options.who;
      if (who !== 'user' && who !== 'community') throw refuse('Who pays is "user" or "community".', 'who');
      const saved = await settings.updateCommunity(community, (current) => ({ ...current, payer: who }));
      return { text: `Saved.\n${describe(saved)}`, private: true };
    }
    case 'safety':
      return safetyAdminCommand(
        settings,
        { ...actor, communityId: community },
        options,
        genhub.config.safety.directMessages,
        (detail) =>
          genhub.moderation
            .record({ actor: actor.userId, action: 'set-safety', community, target: null, detail })
            .then(() => undefined),
      );
    default:
      throw refuse('Use /admin grant, /admin models, /admin limits, /admin payer or /admin safety.');
  }
}
