/*
 * Fakes of the Discord and Telegram APIs, built from their documentation, for the bots' tests. Not
 * published: a plugin author needs none of this (see @genhub/testkit).
 */
export * from './discord/index.js';
export * from './telegram/index.js';
