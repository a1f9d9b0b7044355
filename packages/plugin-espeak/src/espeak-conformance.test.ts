import { testProvider } from '@genhub/testkit/vitest';
import { espeakPlugin } from './espeak-plugin.js';

// espeak-ng runs in-process: no API (so no request bodies), no key, no rate limit, no task to poll
// or cancel. The suite checks those absences are real and runs everything else.
const speech = (prompt: string) => ({
  model: 'espeak/tts',
  task: 'text-to-speech' as const,
  params: { prompt },
});

testProvider({
  plugin: espeakPlugin,
  supports: { http: false, rateLimit: false, poll: false, cancel: false },
  fake: {
    start: async () => ({ config: {}, close: async () => {} }),
    scenarios: {
      success: { request: speech('Hello from the conformance suite.') },
      failure: { request: speech('?!'), expect: { code: 'INVALID_INPUT' } },
    },
  },
});
