// @genhub/chat: the platform-neutral chat layer (commands, argument parsing, messages, rendering).

export type {
  CommandKind,
  CommandOption,
  CommandSpec,
  ModelChoice,
  ModelLister,
  OptionType,
} from './commands.js';
export {
  COMMANDS,
  findCommand,
  generationOptions,
  MAX_CHOICES,
  MAX_OPTIONS,
  MODEL_OPTION,
  modelChoices,
  snakeCase,
  taskFor,
} from './commands.js';
export type { UserMessageContext } from './error-message.js';
export { SOMETHING_WENT_WRONG, sanitizeSentence, userMessage } from './error-message.js';
export type { ParsedFlag, ParsedTextCommand, ResolvedFlags } from './parse-text-command.js';
export { parseTextCommand, resolveFlags } from './parse-text-command.js';
export type { StatusJob, StatusLineOptions } from './render.js';
export { formatDuration, formatUsd, jobStatusLine, progressBar } from './render.js';
