// @genhub/chat: the platform-neutral chat layer (commands, argument parsing, messages, rendering).

export type { ButtonAction, ButtonTarget } from './button-id.js';
export { BUTTON_ACTIONS, decodeButtonId, encodeButtonId } from './button-id.js';
export type { Choice, CommandRequest, CommandSurface } from './chat-controller.js';
export { ChatController } from './chat-controller.js';
export type { ChatGenHub } from './chat-deps.js';
export type {
  ActionButton,
  ButtonStyle,
  ChatActor,
  ChatButton,
  ChatFile,
  ChatMessage,
  ChatMessageHandle,
  ChatPlace,
  ChatSurface,
  InputImage,
  LinkButton,
  SurfaceLimits,
} from './chat-message.js';
export type { CommunitySettings, EffectiveSettings, UserSettings } from './chat-settings.js';
export { ChatSettings } from './chat-settings.js';
export type { CommandDefinition, SubcommandDefinition } from './command-definitions.js';
export { commandDefinitions, IMAGE_OPTION_NAME } from './command-definitions.js';
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
export type { DeliveryLink, DeliveryPlan } from './delivery-plan.js';
export { planDelivery } from './delivery-plan.js';
export type { UserMessageContext } from './error-message.js';
export { SOMETHING_WENT_WRONG, sanitizeSentence, userMessage } from './error-message.js';
export type { DeliveryClaim } from './first-delivery.js';
export { isFirstDelivery } from './first-delivery.js';
export { imageGrid } from './image-grid.js';
export type { InputMedia } from './input-media-params.js';
export { inputMediaParams } from './input-media-params.js';
export { warningText } from './job-message.js';
export { defaultPriceUsd } from './models-screen.js';
export { MODERATION_SUBCOMMANDS } from './moderation-commands.js';
export { noModelSentence } from './no-model-sentence.js';
export type { ParsedFlag, ParsedTextCommand, ResolvedFlags } from './parse-text-command.js';
export { parseTextCommand, resolveFlags } from './parse-text-command.js';
export type { StatusJob, StatusLineOptions } from './render.js';
export { formatDuration, formatUsd, jobStatusLine, progressBar } from './render.js';
export type { ReportOutlet } from './report-outlet.js';
export type { CommunitySafety, PlaceSafety, SafetyContext } from './safety-level.js';
export { placeLevel, resolveSafety } from './safety-level.js';
export { StatusPacer } from './status-pacer.js';
