import {
  type HttpClient,
  lenient,
  looseNumber,
  nonBlank,
  type ProviderBalance,
  requestJson,
} from '@genhub/provider';
import { z } from 'zod';
import { ELEVENLABS_ID } from '../config.js';
import { requestErrors } from './errors.js';

const subscription = z.object({
  tier: lenient(nonBlank),
  character_count: looseNumber,
  character_limit: looseNumber,
  next_character_count_reset_unix: lenient(looseNumber.nullable()),
});

/**
 * The account's quota as GenHub's balance (`GET /v1/user/subscription`): characters (credits) left
 * this billing period, with the tier and when the count resets.
 */
export async function readBalance(api: HttpClient, signal: AbortSignal): Promise<ProviderBalance> {
  const answer = await requestJson(api, { url: '/v1/user/subscription', signal }, subscription, {
    provider: ELEVENLABS_ID,
    errors: requestErrors,
  });
  const resetUnix = answer.next_character_count_reset_unix;
  return {
    credits: Math.max(0, answer.character_limit - answer.character_count),
    details: {
      characterCount: answer.character_count,
      characterLimit: answer.character_limit,
      ...(answer.tier === undefined ? {} : { tier: answer.tier }),
      ...(resetUnix == null ? {} : { resetsAt: new Date(resetUnix * 1000).toISOString() }),
    },
  };
}
