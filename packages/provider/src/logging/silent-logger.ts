import type { Logger } from './logger.js';

const ignore = (): void => {};

/** A Logger that discards everything; its children do too. */
export const silentLogger: Logger = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
  isLevelEnabled: () => false,
};
