import { type HttpClient, lenient, nonBlank, requestJson } from '@genhub/provider';
import { z } from 'zod';
import { requestErrors } from '../api/errors.js';
import { ELEVENLABS_ID, ElevenLabsDefaults } from '../config.js';

/** One voice of the account, as `GET /v2/voices` lists it. */
export interface AccountVoice {
  id: string;
  name: string;
  /** `premade`, `cloned`, `generated`, `professional`, ... */
  category?: string;
}

const voicesPage = z.object({
  voices: z.array(
    z.object({
      voice_id: nonBlank,
      name: lenient(nonBlank),
      category: lenient(nonBlank),
    }),
  ),
  has_more: lenient(z.boolean()),
  next_page_token: lenient(nonBlank.nullable()),
});

/** Every voice the account can speak with (its own, its workspace's and the default ones), page by page. */
export async function listVoices(api: HttpClient, signal: AbortSignal): Promise<AccountVoice[]> {
  const voices: AccountVoice[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < ElevenLabsDefaults.maxVoicePages; page += 1) {
    const answer = await requestJson(
      api,
      {
        url: '/v2/voices',
        query: { page_size: ElevenLabsDefaults.voicePageSize, next_page_token: pageToken },
        // Read at start: a slow or unreachable API must not hold GenHub up (the plugin then takes ids).
        retry: false,
        timeouts: ElevenLabsDefaults.voiceListTimeouts,
        signal,
      },
      voicesPage,
      { provider: ELEVENLABS_ID, errors: requestErrors },
    );
    for (const voice of answer.voices) {
      voices.push({
        id: voice.voice_id,
        name: voice.name ?? voice.voice_id,
        ...(voice.category === undefined ? {} : { category: voice.category }),
      });
    }
    pageToken = answer.next_page_token ?? undefined;
    if (answer.has_more !== true || pageToken === undefined) break;
  }
  return voices;
}
