// @genhub/telegram: GenHub on Telegram, with grammY.

export type { StartTelegramBotOptions, TelegramBot } from './start-telegram-bot.js';
export { startTelegramBot } from './start-telegram-bot.js';
export type { TelegramConfig, TelegramWebhookConfig } from './telegram-config.js';
export {
  CLOUD_UPLOAD_LIMIT_BYTES,
  LOCAL_UPLOAD_LIMIT_BYTES,
  PHOTO_LIMIT_BYTES,
  TELEGRAM_ENV_VARS,
  telegramConfigFromEnv,
} from './telegram-config.js';
