import type { ChatButton } from '@genhub/chat';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';

/**
 * GenHub's buttons as an inline keyboard: an action button's id is its `callback_data` (GenHub keeps
 * ids within Telegram's 64 bytes), a link button opens its URL. Undefined when there are none.
 */
export function inlineKeyboard(
  rows: readonly (readonly ChatButton[])[] | undefined,
): InlineKeyboardMarkup | undefined {
  const keyboard = (rows ?? [])
    .map((row) =>
      row.flatMap((button): InlineKeyboardButton[] => {
        if (button.kind === 'action') return [{ text: button.label, callback_data: button.id }];
        // Telegram refuses anything but http(s) (and tg:) links; leaving one off beats losing the keyboard.
        return /^(https?|tg):/i.test(button.url) ? [{ text: button.label, url: button.url }] : [];
      }),
    )
    .filter((row) => row.length > 0);
  return keyboard.length > 0 ? { inline_keyboard: keyboard } : undefined;
}
