import type { Logger } from '@genhub/core';
import type { Transformer } from 'grammy';
import { hideToken } from './telegram-errors.js';

/**
 * An API transformer that logs every call Telegram refuses or that does not reach it (method,
 * code and description; never the payload or the token). "Message is not modified" and calls
 * aborted on purpose (stopping long polling) are left out.
 */
export function apiFailureLog(logger: Logger, token: string): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok && !/message is not modified/i.test(result.description)) {
        const fields = {
          method,
          code: result.error_code,
          description: hideToken(result.description, token),
          ...(result.parameters?.retry_after !== undefined
            ? { retryAfter: result.parameters.retry_after }
            : {}),
        };
        if (result.error_code === 429 || result.error_code >= 500)
          logger.warn('Telegram asked us to wait', fields);
        else logger.warn('Telegram refused a call', fields);
      }
      return result;
    } catch (error) {
      if (!signal?.aborted)
        logger.warn('a Telegram call failed', {
          method,
          error: hideToken(
            error instanceof Error ? `${error.message}${causeText(error)}` : String(error),
            token,
          ),
        });
      throw error;
    }
  };
}

function causeText(error: Error): string {
  const cause = (error as { error?: unknown }).error ?? error.cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}
