import type { JsonObject } from '@genhub/core';
import type { ChatMessageHandle, ChatSurface } from './chat-message.js';

/**
 * What a front end lends the chat layer for reports, beyond the conversation at hand: reaching a
 * community's admins, telling whether someone administers a community (a button pressed in a
 * direct message says nothing about that), and finding a result's message again to delete it.
 */
export interface ReportOutlet {
  /**
   * Where a community's reports go: the chosen place (a channel or chat id) when given, else its
   * admins in private. Empty when nothing can be reached; each front end logs why.
   */
  adminSurfaces(communityId: string, place: string | undefined): Promise<ChatSurface[]>;
  /** Whether the user administers the community, as the platform says now; false when it cannot say. */
  isAdmin(communityId: string, userId: string): Promise<boolean>;
  /** A stored message (a job's `origin.message`) found again, or undefined when out of reach. */
  restore(message: JsonObject): ChatMessageHandle | undefined;
  /** Whether reports can be sent to `place` for that community; a refusal names what to do. */
  checkPlace(communityId: string, place: string): Promise<true | string>;
}
