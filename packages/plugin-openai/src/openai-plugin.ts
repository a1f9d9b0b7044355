import { definePlugin, defineProvider } from '@genhub/provider';
import { openaiApi } from './api/openai-api.js';
import { openaiSettings } from './config.js';
import { imageModels } from './models/image-models.js';
import { speechModels } from './models/speech-models.js';

/** Room for several large base64 images in one answer (GPT Image answers base64, up to 10 images). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * OpenAI (platform.openai.com): GPT Image generation and edits, and text to speech. Every call
 * answers at once, so there is nothing to poll or cancel. Its moderation endpoint is GenHub's content
 * check when the operator sets `safety.moderationProvider` to `openai`.
 */
export const openaiPlugin = definePlugin({
  id: 'openai',
  name: 'OpenAI',
  description: 'GPT Image generation and edits, and speech (gpt-4o-mini-tts, tts-1, tts-1-hd) from OpenAI',
  contract: 1,
  config: openaiSettings,
  setup({ http }, { apiKey, baseUrl }) {
    const api = openaiApi(
      http.withDefaults({
        baseUrl,
        provider: 'openai',
        headers: { authorization: `Bearer ${apiKey}` },
        secrets: [apiKey],
        maxResponseBytes: MAX_RESPONSE_BYTES,
      }),
    );
    return defineProvider({
      models: [...imageModels(api, http), ...speechModels(api)],
      async moderate(text, { signal }) {
        const [result] = (await api.moderate(text, signal)).results;
        const categories = Object.entries(result?.categories ?? {})
          .filter(([, flagged]) => flagged === true)
          .map(([name]) => name);
        return { flagged: result?.flagged ?? false, categories };
      },
    });
  },
});
