import type { ChatFile } from '@genhub/chat';
import { COMMANDS } from '@genhub/chat';
import type { MediaKind } from '@genhub/core';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { botCommands } from '../src/bot-commands.js';
import { inlineKeyboard } from '../src/inline-keyboard.js';
import { imageSource } from '../src/input-image.js';
import { lastCarriesKeyboard, mediaBatches } from '../src/media-batches.js';
import { mediaMethod } from '../src/media-method.js';
import { typedCommand } from '../src/typed-command.js';

const file = (mediaType: string, kind: MediaKind, bytes = 1000): ChatFile => ({
  name: `f.${mediaType.split('/')[1]}`,
  mediaType,
  kind,
  bytes,
  read: async () => new Uint8Array(bytes),
});
const PHOTO_LIMIT = 10 * 1024 * 1024;

describe('typedCommand', () => {
  const command = (text: string) =>
    typedCommand(
      { text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] },
      'GenHub_Bot',
    );

  it('splits a command from what follows it, and knows whom it names', () => {
    expect(command('/imagine a fox --ar 16:9')).toEqual({
      name: 'imagine',
      text: 'a fox --ar 16:9',
      addressed: false,
    });
    expect(command('/Imagine@genhub_bot a fox')).toEqual({ name: 'imagine', text: 'a fox', addressed: true });
    expect(command('/3d')).toEqual({ name: '3d', text: '', addressed: false });
    expect(command('/imagine@other_bot a fox')).toBeUndefined();
  });

  it('reads captions, and commands without entities', () => {
    expect(
      typedCommand(
        { caption: '/edit make it blue', caption_entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
        'genhub_bot',
      ),
    ).toEqual({ name: 'edit', text: 'make it blue', addressed: false });
    expect(typedCommand({ text: '/help' }, 'genhub_bot')?.name).toBe('help');
    expect(typedCommand({ text: 'hello /imagine' }, 'genhub_bot')).toBeUndefined();
    expect(typedCommand({}, 'genhub_bot')).toBeUndefined();
  });
});

describe('botCommands', () => {
  it('keeps names Telegram takes, descriptions within 256 characters', () => {
    expect(
      botCommands([
        { name: 'imagine', description: 'Create images.' },
        { name: '3d', description: 'x'.repeat(300) },
        { name: 'Bad-Name', description: 'no' },
        { name: 'empty', description: '  ' },
      ]),
    ).toEqual([
      { command: 'imagine', description: 'Create images.' },
      { command: '3d', description: `${'x'.repeat(255)}…` },
      { command: 'empty', description: 'empty' },
    ]);
    expect(botCommands(COMMANDS).map((c) => c.command)).toEqual(COMMANDS.map((c) => c.name));
  });
});

describe('media methods and batches', () => {
  it('picks the Bot API method by type and size', () => {
    expect(mediaMethod(file('image/png', 'image'), PHOTO_LIMIT)).toBe('photo');
    expect(mediaMethod(file('image/png', 'image', PHOTO_LIMIT + 1), PHOTO_LIMIT)).toBe('document');
    expect(mediaMethod(file('image/gif', 'image'), PHOTO_LIMIT)).toBe('animation');
    expect(mediaMethod(file('image/svg+xml', 'vector'), PHOTO_LIMIT)).toBe('document');
    expect(mediaMethod(file('video/mp4', 'video'), PHOTO_LIMIT)).toBe('video');
    expect(mediaMethod(file('video/webm', 'video'), PHOTO_LIMIT)).toBe('document');
    expect(mediaMethod(file('audio/mpeg', 'audio'), PHOTO_LIMIT)).toBe('audio');
    expect(mediaMethod(file('audio/ogg; codecs=opus', 'audio'), PHOTO_LIMIT)).toBe('voice');
    expect(mediaMethod(file('audio/wav', 'audio'), PHOTO_LIMIT)).toBe('document');
    expect(mediaMethod(file('model/gltf-binary', 'model3d'), PHOTO_LIMIT)).toBe('document');
  });

  it('groups files of one family, ten at most, and sends mixed files one by one', () => {
    const photos = Array.from({ length: 12 }, () => file('image/png', 'image'));
    expect(mediaBatches(photos, PHOTO_LIMIT).map((batch) => batch.length)).toEqual([10, 2]);
    const mixed = [file('model/gltf-binary', 'model3d'), file('image/png', 'image')];
    const batches = mediaBatches(mixed, PHOTO_LIMIT);
    expect(batches.map((batch) => batch.map((item) => item.method))).toEqual([['document'], ['photo']]);
    expect(lastCarriesKeyboard(batches)).toBe(true);
    expect(
      lastCarriesKeyboard(
        mediaBatches([file('image/png', 'image'), file('video/mp4', 'video')], PHOTO_LIMIT),
      ),
    ).toBe(false);
    expect(mediaBatches([file('image/gif', 'image'), file('image/gif', 'image')], PHOTO_LIMIT)).toHaveLength(
      2,
    );
  });
});

describe('inlineKeyboard', () => {
  it('turns actions into callback buttons and links into URL buttons', () => {
    expect(
      inlineKeyboard([
        [
          { kind: 'action', id: 'gh1:r:abc', label: 'Reroll', style: 'secondary' },
          { kind: 'link', url: 'https://example.com/x', label: 'Open' },
        ],
        [{ kind: 'link', url: 'javascript:alert(1)', label: 'Bad' }],
      ]),
    ).toEqual({
      inline_keyboard: [
        [
          { text: 'Reroll', callback_data: 'gh1:r:abc' },
          { text: 'Open', url: 'https://example.com/x' },
        ],
      ],
    });
    expect(inlineKeyboard([])).toBeUndefined();
    expect(inlineKeyboard(undefined)).toBeUndefined();
  });
});

describe('imageSource', () => {
  const base = { message_id: 1, date: 1, chat: { id: 5, type: 'private', first_name: 'A' } } as const;
  const size = (id: string, width: number) => ({
    file_id: id,
    file_unique_id: id,
    width,
    height: width,
    file_size: width,
  });

  it('takes the largest size of the photo sent with the command, else of the one replied to', () => {
    const photo = { ...base, photo: [size('small', 90), size('large', 800), size('mid', 320)] } as Message;
    expect(imageSource(photo)).toEqual({ fileId: 'large', fileSize: 800, mediaType: 'image/jpeg' });
    const reply = { ...base, text: '/animate', reply_to_message: photo } as Message;
    expect(imageSource(reply)?.fileId).toBe('large');
  });

  it('takes an image sent as a file, but no other file', () => {
    const document = (mime: string) =>
      ({
        ...base,
        document: { file_id: 'doc', file_unique_id: 'doc', mime_type: mime, file_size: 12 },
      }) as Message;
    expect(imageSource(document('image/webp'))).toEqual({
      fileId: 'doc',
      fileSize: 12,
      mediaType: 'image/webp',
    });
    expect(imageSource(document('application/pdf'))).toBeUndefined();
    expect(imageSource({ ...base, text: '/edit' } as Message)).toBeUndefined();
  });
});
