export type { FormattedText } from './telegram-entities.js';
export { detectEntities, parseFormatted } from './telegram-entities.js';
export { TelegramApiError, TelegramErrors, TelegramLimits } from './telegram-errors.js';
export type {
  InjectedCallbackQuery,
  InjectedMessage,
  PressButtonInput,
  SendPhotoInput,
  SendTextInput,
  TelegramCall,
  TelegramDownload,
  TelegramFailure,
  TelegramFake,
  TelegramFakeOptions,
  TelegramWebhookState,
  WaitForOptions,
} from './telegram-fake.js';
export { startTelegramFake } from './telegram-fake.js';
export type { TelegramCallbackAnswer, TelegramChatAction } from './telegram-methods.js';
export type { TelegramRateLimits } from './telegram-rate-limiter.js';
export type { TelegramTransport } from './telegram-request.js';
export type * from './telegram-types.js';
export type { WebhookResponse } from './telegram-webhook-sender.js';
export type {
  TelegramAdminRights,
  TelegramFakeFile,
  TelegramFakeMessage,
  TelegramFileKind,
  TelegramGroupOptions,
} from './telegram-world.js';
