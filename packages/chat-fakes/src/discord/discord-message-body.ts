import type { FakeCall } from '@genhub/testkit/fake-server';
import {
  ButtonStyle,
  ComponentType,
  type DiscordComponent,
  type JsonObject,
  MessageFlag,
} from './discord-api-shapes.js';
import { DiscordErrors, DiscordFailure, type FormProblem, invalidForm } from './discord-errors.js';
import type {
  DiscordFakeAttachment,
  DiscordFakeMessageState,
  DiscordFakeState,
} from './discord-fake-state.js';
import { mediaInfo } from './discord-media.js';

/** A file field of a multipart request. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A request body: its JSON (or `payload_json`) and its files by field name (`files[0]`, ...). */
export interface RequestBody {
  json: JsonObject;
  files: UploadedFile[];
}

/** Reads a JSON or multipart body the way Discord does: `payload_json` plus `files[n]` fields. */
export function readRequestBody(call: FakeCall): RequestBody | DiscordFailure {
  if (call.multipart) {
    const files: UploadedFile[] = [];
    let json: JsonObject = {};
    for (const entry of call.multipart.entries) {
      if (typeof entry.value !== 'string') {
        files.push({
          field: entry.name,
          filename: entry.value.filename,
          contentType: entry.value.type,
          bytes: entry.value.bytes,
        });
      } else if (entry.name === 'payload_json') {
        const parsed = parseObject(entry.value);
        if (!parsed) return new DiscordFailure(DiscordErrors.invalidFormBody(jsonError('payload_json')));
        json = { ...json, ...parsed };
      } else {
        json[entry.name] = parseField(entry.value);
      }
    }
    return { json, files };
  }
  if (call.bodyText.trim() === '') return { json: {}, files: [] };
  const parsed = parseObject(call.bodyText);
  if (!parsed)
    return new DiscordFailure({
      status: 400,
      json: { message: 'The request body contains invalid JSON.', code: 50109 },
    });
  return { json: parsed, files: [] };
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseField(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function jsonError(field: string): JsonObject {
  return { [field]: { _errors: [{ code: 'BASE_TYPE_BAD_JSON', message: 'Invalid JSON.' }] } };
}

/** Documented message limits. */
export const DiscordMessageLimits = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  attachments: 10,
  actionRows: 5,
  rowWidth: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
} as const;

/** Flags a message may be created with; anything else is silently dropped, as Discord does. */
const CREATE_FLAGS =
  MessageFlag.SuppressEmbeds |
  MessageFlag.Ephemeral |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsComponentsV2;
/** Flags an edit may change. */
const EDIT_FLAGS = MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;

export interface MessageBodyContext {
  state: DiscordFakeState;
  channelId: string;
  /** Files larger than this answer 413. */
  sizeLimit: number;
  /** The message being edited; absent when one is created. */
  current?: DiscordFakeMessageState | undefined;
  /** Whether `flags: 64` (ephemeral) is allowed: only in interaction responses and followups. */
  allowEphemeral: boolean;
  /** Prefix of problem paths, such as `['data']` inside an interaction callback. */
  at?: readonly string[];
}

/**
 * The message a create or edit body describes, or Discord's error answer: 413 for a file over the
 * limit, 50035 for broken content, embeds or components, 50006 for an empty message.
 */
export function messageFromBody(
  body: JsonObject,
  files: readonly UploadedFile[],
  context: MessageBodyContext,
): DiscordFakeMessageState | DiscordFailure {
  if (files.some((file) => file.bytes.byteLength > context.sizeLimit))
    return new DiscordFailure(DiscordErrors.tooLarge());
  const at = context.at ?? [];
  const problems: FormProblem[] = [];
  const { current } = context;

  const content = 'content' in body || !current ? stringOr(body.content, '') : current.content;
  if (content.length > DiscordMessageLimits.content) {
    problems.push(maxLength([...at, 'content'], DiscordMessageLimits.content));
  }
  const embeds = 'embeds' in body || !current ? objects(body.embeds) : [...current.embeds];
  problems.push(...embedProblems(embeds, [...at, 'embeds']));

  let flags: number;
  const given = typeof body.flags === 'number' ? body.flags : undefined;
  if (current) {
    const kept = current.flags & ~EDIT_FLAGS & ~MessageFlag.Loading;
    flags = kept | ((given ?? current.flags) & EDIT_FLAGS);
  } else {
    const allowed = context.allowEphemeral ? CREATE_FLAGS : CREATE_FLAGS & ~MessageFlag.Ephemeral;
    flags = (given ?? 0) & allowed;
  }
  const componentsV2 = (flags & MessageFlag.IsComponentsV2) !== 0;
  const components =
    'components' in body || !current
      ? (objects(body.components) as DiscordComponent[])
      : [...current.components];
  if (!componentsV2) problems.push(...componentProblems(components, [...at, 'components']));

  const attachments: Array<
    DiscordFakeAttachment | (UploadedFile & { description?: string; title?: string })
  > = [];
  const unclaimed = new Map(files.map((file) => [file.field, file]));
  if (Array.isArray(body.attachments)) {
    body.attachments.forEach((entry: unknown, index: number) => {
      const item = (typeof entry === 'object' && entry !== null ? entry : {}) as JsonObject;
      const id = item.id === undefined ? undefined : String(item.id);
      const kept = current?.attachments.find((attachment) => attachment.id === id);
      const upload = id === undefined ? undefined : unclaimed.get(`files[${id}]`);
      if (kept) attachments.push(kept);
      else if (upload) {
        unclaimed.delete(upload.field);
        attachments.push({
          ...upload,
          filename: typeof item.filename === 'string' ? item.filename : upload.filename,
          ...(typeof item.description === 'string' ? { description: item.description } : {}),
          ...(typeof item.title === 'string' ? { title: item.title } : {}),
        });
      } else {
        problems.push({
          path: [...at, 'attachments', index, 'id'],
          code: 'ATTACHMENT_NOT_FOUND',
          message: `Attachment "${id}" is neither an existing attachment nor an uploaded files[${id}].`,
        });
      }
    });
  } else if (current) {
    attachments.push(...current.attachments);
  }
  attachments.push(...unclaimed.values());
  if (attachments.length > DiscordMessageLimits.attachments) {
    problems.push(maxLength([...at, 'attachments'], DiscordMessageLimits.attachments));
  }

  const failed = invalidForm(problems);
  if (failed) return new DiscordFailure(failed);

  const hasPoll = typeof body.poll === 'object' && body.poll !== null;
  const hasStickers = Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0;
  const empty =
    content.trim() === '' && embeds.length === 0 && components.length === 0 && attachments.length === 0;
  if (empty && !hasPoll && !hasStickers) return new DiscordFailure(DiscordErrors.emptyMessage());
  const stored = attachments.map((attachment) => {
    if (!('field' in attachment)) return attachment;
    const info = mediaInfo(attachment.bytes, attachment.filename, attachment.contentType || undefined);
    return context.state.addAttachment({
      folder: 'attachments',
      channelId: context.channelId,
      filename: attachment.filename,
      bytes: attachment.bytes,
      contentType: info.contentType,
      width: info.width,
      height: info.height,
      description: attachment.description,
      title: attachment.title,
    });
  });
  return { content, embeds, components, attachments: stored, flags };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value)
    ? value.filter((item): item is JsonObject => typeof item === 'object' && item !== null)
    : [];
}

function maxLength(path: readonly (string | number)[], limit: number): FormProblem {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` };
}

function required(path: readonly (string | number)[]): FormProblem {
  return { path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
}

function embedProblems(embeds: readonly JsonObject[], at: readonly (string | number)[]): FormProblem[] {
  const L = DiscordMessageLimits;
  const problems: FormProblem[] = [];
  if (embeds.length > L.embeds) problems.push(maxLength(at, L.embeds));
  let total = 0;
  embeds.forEach((embed, index) => {
    const check = (value: unknown, path: (string | number)[], limit: number) => {
      if (typeof value !== 'string') return;
      total += value.length;
      if (value.length > limit) problems.push(maxLength([...at, index, ...path], limit));
    };
    check(embed.title, ['title'], L.embedTitle);
    check(embed.description, ['description'], L.embedDescription);
    check(record(embed.footer).text, ['footer', 'text'], L.embedFooter);
    check(record(embed.author).name, ['author', 'name'], L.embedAuthor);
    const fields = objects(embed.fields);
    if (fields.length > L.embedFields) problems.push(maxLength([...at, index, 'fields'], L.embedFields));
    fields.forEach((field, fieldIndex) => {
      if (typeof field.name !== 'string')
        problems.push(required([...at, index, 'fields', fieldIndex, 'name']));
      if (typeof field.value !== 'string')
        problems.push(required([...at, index, 'fields', fieldIndex, 'value']));
      check(field.name, ['fields', fieldIndex, 'name'], L.embedFieldName);
      check(field.value, ['fields', fieldIndex, 'value'], L.embedFieldValue);
    });
  });
  if (total > L.embedTotal) {
    problems.push({
      path: at,
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Embed size exceeds maximum size of 6000',
    });
  }
  return problems;
}

function record(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null ? (value as JsonObject) : {};
}

/**
 * Checks classic components: at most 5 action rows of at most 5 buttons or one select menu; buttons
 * need a `custom_id` (1-100 characters, unique in the message) unless they are links, which need a `url`.
 */
function componentProblems(
  components: readonly DiscordComponent[],
  at: readonly (string | number)[],
): FormProblem[] {
  const L = DiscordMessageLimits;
  const problems: FormProblem[] = [];
  const seen = new Set<string>();
  if (components.length > L.actionRows) problems.push(maxLength(at, L.actionRows));
  components.forEach((row, rowIndex) => {
    const rowAt = [...at, rowIndex];
    if (row.type !== ComponentType.ActionRow) {
      problems.push({
        path: [...rowAt, 'type'],
        code: 'BASE_TYPE_CHOICES',
        message: 'Value must be one of {1}.',
      });
      return;
    }
    const children = row.components ?? [];
    const buttons = children.filter((child) => child.type === ComponentType.Button).length;
    const width = buttons + (children.length - buttons) * L.rowWidth;
    if (children.length === 0) {
      problems.push({
        path: [...rowAt, 'components'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 5 in length.',
      });
    } else if (width > L.rowWidth) {
      problems.push({
        path: [...rowAt, 'components'],
        code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        message: 'The specified component exceeds the maximum width',
      });
    }
    children.forEach((child, index) => {
      const childAt = [...rowAt, 'components', index];
      const isLink = child.type === ComponentType.Button && child.style === ButtonStyle.Link;
      const isPremium = child.type === ComponentType.Button && child.style === ButtonStyle.Premium;
      if (child.type === ComponentType.Button) {
        if (typeof child.style !== 'number' || child.style < 1 || child.style > 6) {
          problems.push({
            path: [...childAt, 'style'],
            code: 'BASE_TYPE_CHOICES',
            message: 'Value must be one of {1, 2, 3, 4, 5, 6}.',
          });
        }
        if (typeof child.label === 'string' && child.label.length > L.buttonLabel) {
          problems.push(maxLength([...childAt, 'label'], L.buttonLabel));
        }
        if (isLink && typeof child.url !== 'string') problems.push(required([...childAt, 'url']));
        if (isLink && child.custom_id !== undefined) {
          problems.push({
            path: [...childAt, 'custom_id'],
            code: 'BUTTON_COMPONENT_INVALID_CUSTOM_ID',
            message: 'Link buttons cannot have a custom_id',
          });
        }
        if (!isLink && !isPremium && typeof child.url === 'string') {
          problems.push({
            path: [...childAt, 'url'],
            code: 'BUTTON_COMPONENT_INVALID_URL',
            message: 'Only link buttons can have a url',
          });
        }
        if (!isLink && !isPremium && child.label === undefined && child.emoji === undefined) {
          problems.push(required([...childAt, 'label']));
        }
      }
      if (isLink || isPremium) return;
      if (typeof child.custom_id !== 'string' || child.custom_id.length === 0) {
        problems.push(required([...childAt, 'custom_id']));
      } else if (child.custom_id.length > L.customId) {
        problems.push(maxLength([...childAt, 'custom_id'], L.customId));
      } else if (seen.has(child.custom_id)) {
        problems.push({
          path: [...childAt, 'custom_id'],
          code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
          message: 'Component custom id was already specified',
        });
      } else {
        seen.add(child.custom_id);
      }
      if (child.type === ComponentType.StringSelect) {
        const options = child.options ?? [];
        if (options.length === 0 || options.length > L.selectOptions) {
          problems.push({
            path: [...childAt, 'options'],
            code: 'BASE_TYPE_BAD_LENGTH',
            message: 'Must be between 1 and 25 in length.',
          });
        }
      }
    });
  });
  return problems;
}
