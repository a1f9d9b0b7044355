import { GrammyError, HttpError } from 'grammy';

/** Telegram's answer to an edit that changes nothing; harmless, so never an error for GenHub. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

/** Telegram's answer to an edit or reply whose message is gone (deleted by a user or an admin). */
export function isMessageGone(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message to edit not found|message can't be edited|message to delete not found/i.test(error.description)
  );
}

/** A Bot API refusal of one particular file (too big for a photo, a type it cannot show), not of the request. */
export function isFileRefused(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400;
}

/** An error in a few words for a log line: method, code and Telegram's description, never a payload. */
export function describeTelegramError(error: unknown, token: string): string {
  let text: string;
  if (error instanceof GrammyError) text = `${error.method}: ${error.error_code} ${error.description}`;
  else if (error instanceof HttpError) text = `${error.message} (${String(causeOf(error.error))})`;
  else text = error instanceof Error ? error.message : String(error);
  return hideToken(text, token);
}

/** Never let the bot token through (file URLs and request URLs carry it). */
export function hideToken(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('[token]');
}

function causeOf(error: unknown): unknown {
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : error;
}
