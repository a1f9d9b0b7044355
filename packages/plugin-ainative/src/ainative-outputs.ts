import { detectMediaType, GenHubError, type JsonValue, type Output } from '@genhub/provider';
import type { ResultKind } from './ainative-models.js';
import { type Json, num, str } from './ainative-wire.js';
import { decodeBase64 } from './decode-base64.js';

const AUDIO_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  mpeg: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
};
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};
const VIDEO_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
};

function typeOf(format: string | undefined, table: Readonly<Record<string, string>>): string | undefined {
  return format === undefined ? undefined : table[format.trim().toLowerCase().replace(/^\./, '')];
}

/** Facts worth keeping with the file, without empty values. */
function metadata(entries: Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * The output a finished generation's fields hold, or undefined when they hold none yet: base64
 * speech and images become bytes (typed by `format`, else by their leading bytes), a video URL is
 * passed on for core to download (resolved against the API's base URL should it be relative).
 */
export async function outputFromResult(
  kind: ResultKind,
  fields: Json,
  baseUrl: string,
): Promise<Output | undefined> {
  const format = str(fields, 'format');
  const accounting = {
    usageId: str(fields, 'usage_id', 'id'),
    creditsUsed: num(fields, 'credits_used'),
    creditsRemaining: num(fields, 'credits_remaining'),
  };
  switch (kind) {
    case 'speech': {
      const encoded = str(fields, 'audio_base64');
      if (encoded === undefined) return undefined;
      const data = decodeBase64(encoded, 'speech audio');
      const mediaType = typeOf(format, AUDIO_TYPES) ?? (await detectMediaType(data)) ?? 'audio/mpeg';
      return {
        kind: 'bytes',
        data,
        mediaType,
        role: 'primary',
        metadata: metadata({ durationMs: num(fields, 'duration_ms'), format, ...accounting }),
      };
    }
    case 'image': {
      const encoded = str(fields, 'image_base64');
      if (encoded === undefined) return undefined;
      const data = decodeBase64(encoded, 'an image');
      const mediaType = typeOf(format, IMAGE_TYPES) ?? (await detectMediaType(data)) ?? 'image/png';
      return {
        kind: 'bytes',
        data,
        mediaType,
        role: 'primary',
        metadata: metadata({
          width: num(fields, 'width'),
          height: num(fields, 'height'),
          format,
          ...accounting,
        }),
      };
    }
    case 'video': {
      const link = str(fields, 'video_url');
      if (link === undefined) return undefined;
      const mediaType = typeOf(format, VIDEO_TYPES);
      return {
        kind: 'url',
        url: absoluteUrl(link, baseUrl),
        ...(mediaType === undefined ? {} : { mediaType }),
        role: 'primary',
        metadata: metadata({ durationSeconds: num(fields, 'duration_seconds'), format, ...accounting }),
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
