import { Readable } from 'node:stream';
import type { ChatButton, ButtonStyle as ChatButtonStyle, ChatFile, ChatMessage } from '@genhub/chat';
import { ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { DISCORD_LIMITS } from './discord-limits.js';

/** A message in discord.js's terms, good for sending and editing alike. */
export interface DiscordMessageBody {
  content: string;
  files: AttachmentBuilder[];
  /** Always empty: an edit then replaces the files instead of adding to them. */
  attachments: [];
  /** Always given: an edit without buttons removes the old ones. */
  components: ActionRowBuilder<ButtonBuilder>[];
  /** Nobody is pinged, whatever a prompt says (`@everyone`). */
  allowedMentions: { parse: [] };
}

const STYLES: Readonly<Record<ChatButtonStyle, ButtonStyle>> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/**
 * Says a chat message in discord.js's terms: text within 2000 characters, files as attachments
 * (streamed from the artifact store where they can be), button rows as action rows (at most 5 of 5), link buttons with the Link style.
 */
export async function discordMessageBody(message: ChatMessage): Promise<DiscordMessageBody> {
  const files = await Promise.all(
    (message.files ?? []).slice(0, DISCORD_LIMITS.filesPerMessage).map(
      async (file) =>
        // Discord hides an attachment whose name starts with SPOILER_ until it is clicked.
        new AttachmentBuilder(await attachmentSource(file), {
          name: file.spoiler ? `SPOILER_${file.name}` : file.name,
        }),
    ),
  );
  const components = (message.buttons ?? [])
    .filter((row) => row.length > 0)
    .slice(0, DISCORD_LIMITS.buttonRows)
    .map((row) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        row.slice(0, DISCORD_LIMITS.buttonsPerRow).map(discordButton),
      ),
    );
  return {
    content: clip(message.text, DISCORD_LIMITS.textLength),
    files,
    attachments: [],
    components,
    allowedMentions: { parse: [] },
  };
}

function discordButton(button: ChatButton): ButtonBuilder {
  const built = new ButtonBuilder().setLabel(clip(button.label, DISCORD_LIMITS.buttonLabel));
  return button.kind === 'link'
    ? built.setStyle(ButtonStyle.Link).setURL(button.url)
    : built.setStyle(STYLES[button.style]).setCustomId(button.id);
}

/** At most `max` characters, with an ellipsis where it was cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * What discord.js uploads: a stream from the artifact store where there is one (discord.js still
 * gathers it into one buffer for its multipart body, but GenHub holds no copy of its own).
 */
function attachmentSource(file: ChatFile): Readable | Promise<Buffer> {
  if (file.stream) return Readable.from(file.stream());
  return file.read().then((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
