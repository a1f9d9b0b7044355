import {
  type ClosableHttpClient,
  createHttpClient,
  Redactor,
  silentLogger,
  startPlugin,
  systemClock,
} from '@genhub/core';
import { type ImarouterProvider, imarouterPlugin } from '../imarouter-plugin.js';

/** The plugin started the way core starts it, against `baseUrl`, without retries. */
export async function startProvider(
  baseUrl: string,
  apiKey: string,
): Promise<{
  provider: ImarouterProvider;
  http: ClosableHttpClient;
  signal: AbortSignal;
  close(): Promise<void>;
}> {
  const http = createHttpClient({ retry: { retries: 0 }, logger: silentLogger });
  const abort = new AbortController();
  const started = await startPlugin(
    imarouterPlugin,
    { apiKey, baseUrl },
    { http, logger: silentLogger, clock: systemClock, redactor: new Redactor(), signal: abort.signal },
  );
  return {
    provider: started.provider as ImarouterProvider,
    http,
    signal: abort.signal,
    async close() {
      abort.abort();
      await http.close();
    },
  };
}
