import { userMessage } from '@genhub/chat';
import { GenHubError } from '@genhub/core';

/**
 * The chat layer's sentence for an error, for someone at the terminal: where the chat says "ask an
 * admin for credits", the operator is told how to grant them (the console user has no free credits).
 */
export function cliErrorSentence(error: unknown, userId: string): string {
  const sentence = userMessage(error);
  const short =
    GenHubError.isInstance(error) &&
    error.code === 'INSUFFICIENT_FUNDS' &&
    error.details.reason === 'balance';
  if (!short || !sentence.endsWith('; ask an admin for credits.')) return sentence;
  return `${sentence.slice(0, -'; ask an admin for credits.'.length)}; add credits with "genhub credits grant ${userId} <amount-usd>".`;
}
