/** Discord's permission bits, by the names discord.js uses. */
export const DiscordPermission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  PrioritySpeaker: 1n << 8n,
  Stream: 1n << 9n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  SendTTSMessages: 1n << 12n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ViewGuildInsights: 1n << 19n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  MuteMembers: 1n << 22n,
  DeafenMembers: 1n << 23n,
  MoveMembers: 1n << 24n,
  UseVAD: 1n << 25n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  ManageGuildExpressions: 1n << 30n,
  UseApplicationCommands: 1n << 31n,
  RequestToSpeak: 1n << 32n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  UseExternalStickers: 1n << 37n,
  SendMessagesInThreads: 1n << 38n,
  UseEmbeddedActivities: 1n << 39n,
  ModerateMembers: 1n << 40n,
  ViewCreatorMonetizationAnalytics: 1n << 41n,
  UseSoundboard: 1n << 42n,
  CreateGuildExpressions: 1n << 43n,
  CreateEvents: 1n << 44n,
  UseExternalSounds: 1n << 45n,
  SendVoiceMessages: 1n << 46n,
  SetVoiceChannelStatus: 1n << 48n,
  SendPolls: 1n << 49n,
  UseExternalApps: 1n << 50n,
  PinMessages: 1n << 51n,
  BypassSlowmode: 1n << 52n,
} as const;

export type DiscordPermissionName = keyof typeof DiscordPermission;

/** Permissions as a test writes them: a bitfield string (`"8"`), a bigint, or names. */
export type DiscordPermissionsInput = string | bigint | readonly DiscordPermissionName[];

/** Every bit; what an administrator (or the guild owner) has everywhere. */
export const DISCORD_ALL_PERMISSIONS = Object.values(DiscordPermission).reduce((all, bit) => all | bit, 0n);

/** What `@everyone` may do in a new guild. */
export const EVERYONE_PERMISSIONS = discordPermissionBits([
  'CreateInstantInvite',
  'ChangeNickname',
  'ViewChannel',
  'SendMessages',
  'SendMessagesInThreads',
  'CreatePublicThreads',
  'CreatePrivateThreads',
  'EmbedLinks',
  'AttachFiles',
  'AddReactions',
  'UseExternalEmojis',
  'UseExternalStickers',
  'ReadMessageHistory',
  'UseApplicationCommands',
  'Connect',
  'Speak',
  'Stream',
  'UseVAD',
  'UseEmbeddedActivities',
  'SendVoiceMessages',
  'SendPolls',
  'UseExternalApps',
  'UseSoundboard',
  'UseExternalSounds',
  'RequestToSpeak',
  'CreateEvents',
]);

/** What the bot's own role grants unless the fake is told otherwise. */
export const BOT_PERMISSIONS =
  EVERYONE_PERMISSIONS | discordPermissionBits(['ManageMessages', 'MentionEveryone', 'ManageThreads']);

/** What `app_permissions` says in a DM with the bot. */
export const DM_APP_PERMISSIONS = discordPermissionBits([
  'AddReactions',
  'ViewChannel',
  'SendMessages',
  'SendTTSMessages',
  'EmbedLinks',
  'AttachFiles',
  'ReadMessageHistory',
  'MentionEveryone',
  'UseExternalEmojis',
  'UseApplicationCommands',
  'UseExternalStickers',
  'SendVoiceMessages',
  'SendPolls',
  'UseExternalApps',
]);

/** The bits of a permissions input. */
export function discordPermissionBits(input: DiscordPermissionsInput): bigint {
  if (typeof input === 'bigint') return input;
  if (typeof input === 'string') {
    if (!/^\d+$/.test(input)) throw new TypeError(`A permissions bitfield string is digits, got "${input}".`);
    return BigInt(input);
  }
  let bits = 0n;
  for (const name of input) {
    const bit = DiscordPermission[name];
    if (bit === undefined) throw new TypeError(`Unknown Discord permission "${name}".`);
    bits |= bit;
  }
  return bits;
}

/** What a holder of `bits` can do: everything when Administrator is among them. */
export function effectivePermissions(bits: bigint): bigint {
  return (bits & DiscordPermission.Administrator) === 0n ? bits : DISCORD_ALL_PERMISSIONS;
}
