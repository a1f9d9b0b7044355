import type { ChatFile } from '@genhub/chat';
import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { redactRoute } from '../src/describe-discord-error.js';
import { clip, discordMessageBody } from '../src/discord-message-body.js';

const file = (name: string): ChatFile => ({
  name,
  mediaType: 'image/png',
  kind: 'image',
  bytes: 3,
  read: async () => new Uint8Array([1, 2, 3]),
});

describe('discordMessageBody', () => {
  it('says a chat message in discord.js terms: text, files, action and link buttons, no pings', async () => {
    const body = await discordMessageBody({
      text: 'Done @everyone',
      files: [file('a.png')],
      buttons: [
        [
          { kind: 'action', id: 'gh1:r:job1', label: 'Reroll', style: 'secondary' },
          { kind: 'action', id: 'gh1:d:job1', label: 'Delete', style: 'danger' },
        ],
        [{ kind: 'link', url: 'https://example.com/file', label: 'Open' }],
      ],
    });
    expect(body.content).toBe('Done @everyone');
    expect(body.allowedMentions).toEqual({ parse: [] });
    expect(body.attachments).toEqual([]);
    expect(body.files.map((attachment) => [attachment.name, attachment.attachment])).toEqual([
      ['a.png', Buffer.from([1, 2, 3])],
    ]);
    expect(body.components.map((row) => row.toJSON())).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            custom_id: 'gh1:r:job1',
            label: 'Reroll',
            style: ButtonStyle.Secondary,
          },
          { type: ComponentType.Button, custom_id: 'gh1:d:job1', label: 'Delete', style: ButtonStyle.Danger },
        ],
      },
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            url: 'https://example.com/file',
            label: 'Open',
            style: ButtonStyle.Link,
          },
        ],
      },
    ]);
  });

  it("keeps within Discord's limits: 2000 characters, 10 files, 5 rows of 5 buttons", async () => {
    const body = await discordMessageBody({
      text: 'x'.repeat(2500),
      files: Array.from({ length: 12 }, (_, index) => file(`${index}.png`)),
      buttons: Array.from({ length: 7 }, (_, row) =>
        Array.from({ length: 7 }, (_, index) => ({
          kind: 'action' as const,
          id: `gh1:r:r${row}b${index}`,
          label: 'L'.repeat(90),
          style: 'primary' as const,
        })),
      ),
    });
    expect([...body.content]).toHaveLength(2000);
    expect(body.content.endsWith('…')).toBe(true);
    expect(body.files).toHaveLength(10);
    expect(body.components).toHaveLength(5);
    for (const row of body.components) {
      const json = row.toJSON();
      expect(json.components).toHaveLength(5);
      for (const button of json.components) expect('label' in button && button.label?.length).toBe(80);
    }
    expect(clip('short', 10)).toBe('short');
  });
});

describe('redactRoute', () => {
  it('blanks interaction tokens out of routes', () => {
    expect(redactRoute('https://discord.com/api/v10/webhooks/123/aW50ZXJh-token_x/messages/@original')).toBe(
      'https://discord.com/api/v10/webhooks/123/[token]/messages/@original',
    );
    expect(redactRoute('/interactions/456/secret.token/callback?with_response=true')).toBe(
      '/interactions/456/[token]/callback?with_response=true',
    );
  });
});
