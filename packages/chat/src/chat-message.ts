import type { JsonObject, MediaKind } from '@genhub/core';

export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

/** A button that comes back to GenHub when pressed; `id` is a short button id (see `button-id.ts`). */
export interface ActionButton {
  kind: 'action';
  id: string;
  label: string;
  style: ButtonStyle;
}

/** A button that opens a web page. */
export interface LinkButton {
  kind: 'link';
  url: string;
  label: string;
}

export type ChatButton = ActionButton | LinkButton;

/** A file to send, read only when the front end uploads it. */
export interface ChatFile {
  name: string;
  /** Shown behind the platform's spoiler (Discord's `SPOILER_` names, Telegram's `has_spoiler`). */
  spoiler?: boolean;
  mediaType: string;
  kind: MediaKind;
  bytes: number;
  /** The whole file in memory; for small files and for work on the bytes (grids, previews). */
  read(): Promise<Uint8Array>;
  /**
   * The file streamed from where it is stored, a fresh stream each call, where it comes from the
   * artifact store: front ends upload from it so a large video is never held whole.
   */
  stream?(): AsyncIterable<Uint8Array>;
}

/** A message as GenHub means it; each front end says it in its platform's terms. */
export interface ChatMessage {
  /** Plain text, no markup. */
  text: string;
  files?: ChatFile[];
  /** Rows of buttons. */
  buttons?: ChatButton[][];
  /** Only the user who asked should see it, where the platform can do that (Discord's ephemeral). */
  private?: boolean;
}

/** A message already sent, which GenHub may change or remove. */
export interface ChatMessageHandle {
  /** What finds the message again after a restart; kept in the job's `origin`. */
  readonly ref: JsonObject;
  edit(message: ChatMessage): Promise<void>;
  delete(): Promise<void>;
}

/** What a platform allows, for GenHub to plan messages within. */
export interface SurfaceLimits {
  /** The largest file one message may carry. */
  maxUploadBytes: number;
  maxFilesPerMessage: number;
  maxTextLength: number;
  maxButtonsPerRow: number;
  maxButtonRows: number;
  /** The least time between two edits of one message. */
  editIntervalMs: number;
}

/** Where GenHub answers one command or button press. */
export interface ChatSurface {
  readonly limits: SurfaceLimits;
  /** Sends the answer (or fills in the acknowledgement a platform already sent). */
  reply(message: ChatMessage): Promise<ChatMessageHandle>;
  /** Says a file is on its way (Telegram's upload action); optional. */
  showUploading?(kind: MediaKind): Promise<void>;
  /** The user's direct messages, for results a user asked to receive there; absent when unavailable. */
  direct?(): Promise<ChatSurface | undefined>;
}

/** Who is asking, as the front end knows them. */
export interface ChatActor {
  /** Prefixed by the platform: `discord:123`, `telegram:456`, `console`. */
  userId: string;
  /** The community (Discord guild, Telegram group) the request came from, prefixed likewise. */
  communityId?: string;
  /** Whether the user may manage that community's settings (Manage Server, a chat administrator). */
  isCommunityAdmin: boolean;
  /** `discord`, `telegram`, `console`: kept with each job to find its message again. */
  frontEnd: string;
  /** The place inside the community (a Discord channel), for its safety level; absent when unknown. */
  place?: ChatPlace;
}

/** Where in a community a request came from. */
export interface ChatPlace {
  /** Prefixed by the platform: `discord:<channel id>`, `telegram:<chat id>`. */
  id: string;
  /**
   * Whether the platform marks the place as adult (Discord's age-restricted channels; a thread
   * takes its parent's); absent where the platform has no such mark (Telegram).
   */
  ageRestricted?: boolean;
}

/** An input image a user gave: an attachment's address, or a `data:` URI of its bytes. */
export interface InputImage {
  url: string;
  mediaType?: string;
}
