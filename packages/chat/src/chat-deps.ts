import type { GenHub } from '@genhub/core';

/** The parts of a running GenHub the chat layer uses. */
export type ChatGenHub = Pick<
  GenHub,
  | 'config'
  | 'registry'
  | 'generation'
  | 'store'
  | 'artifacts'
  | 'links'
  | 'logger'
  | 'plugins'
  | 'moderation'
  | 'blocklists'
>;
