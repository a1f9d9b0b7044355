import { type AuditEntry, GenHubError } from '@genhub/core';
import { encodeButtonId } from './button-id.js';
import type { ChatGenHub } from './chat-deps.js';
import type { ChatActor, ChatMessage } from './chat-message.js';
import type { SubcommandDefinition } from './command-definitions.js';
import type { CommandOption } from './commands.js';
import { fit } from './models-screen.js';
import type { ReportFlow } from './report-flow.js';
import type { OptionValues } from './settings-command.js';

const LOG_PAGE = 10;

const refuse = (sentence: string, param?: string) =>
  new GenHubError('INVALID_INPUT', sentence, param === undefined ? {} : { details: { param } });

const option = (fields: Pick<CommandOption, 'name' | 'description' | 'type'> & Partial<CommandOption>) => ({
  param: fields.name,
  aliases: [],
  required: false,
  ...fields,
});

/** `/admin` subcommands that keep a community safe. */
export const MODERATION_SUBCOMMANDS: SubcommandDefinition[] = [
  {
    name: 'blocklist',
    description: 'Words this community refuses in prompts: add, remove or list.',
    options: [
      option({
        name: 'action',
        description: 'What to do',
        type: 'string',
        required: true,
        choices: ['add', 'remove', 'list'],
      }),
      option({
        name: 'entry',
        description: 'Words or phrases, comma-separated; * at an end for more',
        type: 'string',
      }),
    ],
  },
  {
    name: 'block',
    description: 'Stop a member generating in this community.',
    options: [
      option({ name: 'user', description: 'Who', type: 'user', required: true }),
      option({ name: 'reason', description: 'Why, for the log', type: 'string' }),
    ],
  },
  {
    name: 'unblock',
    description: 'Let a blocked member generate here again.',
    options: [option({ name: 'user', description: 'Who', type: 'user', required: true })],
  },
  {
    name: 'log',
    description: 'Recent moderation actions in this community.',
    options: [],
  },
  {
    name: 'reports',
    description: 'Where reports go: a channel, or admins in private when left out.',
    options: [
      option({ name: 'channel', description: 'The channel (or chat id) for reports', type: 'channel' }),
    ],
  },
];

const NAMES = new Set(MODERATION_SUBCOMMANDS.map((sub) => sub.name));

export function isModerationSubcommand(name: string | undefined): boolean {
  return name !== undefined && NAMES.has(name);
}

/** `/admin blocklist|block|unblock|log|reports`, for the community's admins and GenHub's operators. */
export async function moderationCommand(
  genhub: ChatGenHub,
  reports: ReportFlow,
  actor: ChatActor,
  subcommand: string,
  options: OptionValues,
  maxLength: number,
): Promise<ChatMessage> {
  const community = await moderatedCommunity(reports, actor);
  switch (subcommand) {
    case 'blocklist': {
      const action = options.action;
      if (action === 'list' || action === undefined) {
        const entries = await genhub.blocklists.list(community);
        return {
          text:
            entries.length === 0
              ? 'This community’s blocklist is empty (GenHub’s own still applies).'
              : fit([`This community’s blocklist (${entries.length}):`, ...entries], maxLength),
          private: true,
        };
      }
      const entries = String(options.entry ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      if (entries.length === 0)
        throw refuse(`Give the words: /admin blocklist ${String(action)} <word, phrase>.`, 'entry');
      const change = { actor: actor.userId, community, entries };
      if (action === 'add') {
        const list = await genhub.blocklists.add(change);
        return {
          text: `Saved; the blocklist has ${list.length} ${list.length === 1 ? 'entry' : 'entries'}.`,
          private: true,
        };
      }
      if (action === 'remove') {
        const list = await genhub.blocklists.remove(change);
        return {
          text: `Saved; the blocklist has ${list.length} ${list.length === 1 ? 'entry' : 'entries'}.`,
          private: true,
        };
      }
      throw refuse('The action is add, remove or list.', 'action');
    }
    case 'block':
    case 'unblock': {
      const userId = targetUser(actor, options.user);
      if (subcommand === 'block') {
        const reason =
          typeof options.reason === 'string' && options.reason.trim() !== ''
            ? options.reason.trim()
            : undefined;
        await genhub.moderation.block({
          actor: actor.userId,
          userId,
          community,
          ...(reason ? { reason } : {}),
        });
        return { text: `Blocked ${userId} from generating in this community.`, private: true };
      }
      await genhub.moderation.unblock({ actor: actor.userId, userId, community });
      return { text: `${userId} may generate in this community again.`, private: true };
    }
    case 'log':
      return auditLogMessage(genhub, community, undefined, maxLength);
    case 'reports': {
      const given = typeof options.channel === 'string' ? options.channel.trim() : '';
      if (given === '' || given === 'admins') {
        await reports.setPlace(actor, community, undefined);
        return { text: 'Saved; reports go to this community’s admins in private.', private: true };
      }
      const place = given.replace(/^<#(\d+)>$/, '$1');
      const outlet = reports.outlet(actor.frontEnd);
      const checked = outlet
        ? await outlet.checkPlace(community, place)
        : 'Reports cannot be sent from here.';
      if (checked !== true) throw refuse(checked, 'channel');
      await reports.setPlace(actor, community, place);
      return { text: `Saved; reports go to ${place}.`, private: true };
    }
    default:
      throw refuse('Use /admin blocklist, block, unblock, log or reports.');
  }
}

/** One page of the community's audit log, newest first, with an Older button while there is more. */
export async function auditLogMessage(
  genhub: ChatGenHub,
  community: string,
  before: number | undefined,
  maxLength: number,
): Promise<ChatMessage> {
  const entries = await genhub.moderation.log({
    community,
    limit: LOG_PAGE + 1,
    ...(before === undefined ? {} : { before }),
  });
  if (entries.length === 0)
    return {
      text: before === undefined ? 'Nothing in this community’s log yet.' : 'No older entries.',
      private: true,
    };
  const page = entries.slice(0, LOG_PAGE);
  const last = page.at(-1) as AuditEntry;
  const more = entries.length > LOG_PAGE;
  return {
    text: fit(page.map(auditLine), maxLength),
    private: true,
    ...(more
      ? {
          buttons: [
            [
              {
                kind: 'action' as const,
                id: encodeButtonId({ action: 'logPage', ref: String(last.id) }),
                label: 'Older',
                style: 'secondary' as const,
              },
            ],
          ],
        }
      : {}),
  };
}

/** The community an admin command acts on: the actor's, if they may moderate it. */
export async function moderatedCommunity(reports: ReportFlow, actor: ChatActor): Promise<string> {
  if (actor.communityId === undefined)
    throw refuse('That admin command works in a server or group, not here.');
  if (!(await reports.mayModerate(actor, actor.communityId)))
    throw refuse('Only this community’s admins can do that.');
  return actor.communityId;
}

function auditLine(entry: AuditEntry): string {
  const when = new Date(entry.at).toISOString().slice(0, 16).replace('T', ' ');
  const parts = [when, entry.actor, entry.action, entry.target, entry.detail].filter(
    (part): part is string => part !== null && part !== '',
  );
  return parts.join(' · ');
}

function targetUser(actor: ChatActor, value: unknown): string {
  const given = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (given === '') throw refuse('Say who: /admin block <user>.', 'user');
  const userId = given.includes(':') ? given : `${actor.frontEnd}:${given}`;
  if (!/^[a-z]+:[\w-]{1,64}$/.test(userId))
    throw refuse('Give the user as a mention or their numeric id.', 'user');
  return userId;
}
