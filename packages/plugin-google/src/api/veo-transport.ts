import type { JsonObject } from '@genhub/provider';
import type { VeoOperation } from './operation.js';

/**
 * Where Veo requests go: the Gemini API (an API key) or Vertex AI (a service account). Both start an
 * operation with `:predictLongRunning` and answer the same long-running operation; each transport
 * reads its own answer into the Gemini API's shape (`VeoOperation`).
 */
export interface VeoTransport {
  readonly mode: 'gemini' | 'vertex';
  /** Starts an operation for the vendor's model id; answers its name. */
  start(vendorId: string, body: JsonObject, signal: AbortSignal): Promise<{ name: string }>;
  /** The operation as it is now. */
  poll(name: string, signal: AbortSignal): Promise<VeoOperation>;
  /** A video link as core downloads it: the link, and the headers its download needs. */
  download(uri: string): VideoDownload;
}

/** Where core downloads a video from, with the key header when the link is the API's own file. */
export interface VideoDownload {
  url: string;
  headers?: Readonly<Record<string, string>>;
}
