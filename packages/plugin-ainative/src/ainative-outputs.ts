import {
  detectMediaType,
  GenHubError,
  jsonBody,
  type MediaKind,
  mediaTypeForExtension,
  type Output,
} from '@genhub/provider';
import type { ResultKind } from './ainative-models.js';
import type { ResultFields } from './ainative-wire.js';
import { decodeBase64 } from './decode-base64.js';

/** The kind of media each result is, for reading its `format`. */
const MEDIA_KIND: Readonly<Record<ResultKind, MediaKind>> = {
  speech: 'audio',
  image: 'image',
  video: 'video',
};

/** The media type a result's `format` names, if it is one of the result's kind. */
function typeOf(kind: ResultKind, format: string | undefined): string | undefined {
  return format === undefined ? undefined : mediaTypeForExtension(format, MEDIA_KIND[kind]);
}

/**
 * The output a finished generation's fields hold, or undefined when they hold none yet: base64
 * speech and images become bytes (typed by `format`, else by their leading bytes), a video URL is
 * passed on for core to download (resolved against the API's base URL should it be relative).
 */
export async function outputFromResult(
  kind: ResultKind,
  fields: ResultFields,
  baseUrl: string,
): Promise<Output | undefined> {
  const { format } = fields;
  const declared = typeOf(kind, format);
  const accounting = {
    usageId: fields.usage_id ?? fields.id,
    creditsUsed: fields.credits_used,
    creditsRemaining: fields.credits_remaining,
  };
  switch (kind) {
    case 'speech': {
      if (fields.audio_base64 === undefined) return undefined;
      const data = decodeBase64(fields.audio_base64, 'speech audio');
      return {
        kind: 'bytes',
        data,
        mediaType: declared ?? (await detectMediaType(data)) ?? 'audio/mpeg',
        role: 'primary',
        metadata: jsonBody({ durationMs: fields.duration_ms, format, ...accounting }),
      };
    }
    case 'image': {
      if (fields.image_base64 === undefined) return undefined;
      const data = decodeBase64(fields.image_base64, 'an image');
      return {
        kind: 'bytes',
        data,
        mediaType: declared ?? (await detectMediaType(data)) ?? 'image/png',
        role: 'primary',
        metadata: jsonBody({ width: fields.width, height: fields.height, format, ...accounting }),
      };
    }
    case 'video': {
      if (fields.video_url === undefined) return undefined;
      return {
        kind: 'url',
        url: absoluteUrl(fields.video_url, baseUrl),
        ...(declared === undefined ? {} : { mediaType: declared }),
        role: 'primary',
        metadata: jsonBody({ durationSeconds: fields.duration_seconds, format, ...accounting }),
      };
    }
  }
}

/** A video link as an absolute http(s) URL; a relative one is taken from the API's base URL. */
function absoluteUrl(link: string, baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(link, `${baseUrl}/`);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new GenHubError(
      'PROVIDER_UNAVAILABLE',
      'AINative returned a video link that is not an http(s) URL.',
      {
        provider: 'ainative',
        retryable: false,
      },
    );
  }
  return url.href;
}
