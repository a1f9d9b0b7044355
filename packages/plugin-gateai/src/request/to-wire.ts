import { type JsonValue, type MediaInput, mediaInput } from '@genhub/provider';
import type { GateAiModel } from '../models/build-model.js';
import { MEDIA_KEYS, type MediaKey } from '../models/param-roles.js';
import type { MediaKind, MediaResolver } from './media-resolver.js';

/**
 * How each media key reaches GateAI when it is not already a reference GateAI takes: `images` and
 * `referenceVideo` are uploaded and sent as file ids in `images` / `videos` (as the document says);
 * a first or last frame and reference audio become `data:` URIs in their own field, since a list of
 * file ids cannot say which frame a file is, and the document names no list for audio.
 */
const MEDIA_ROUTES: Readonly<Record<MediaKey, { kind: MediaKind; upload?: 'images' | 'videos' }>> = {
  images: { kind: 'image', upload: 'images' },
  firstFrame: { kind: 'image' },
  lastFrame: { kind: 'image' },
  referenceVideo: { kind: 'video', upload: 'videos' },
  referenceAudio: { kind: 'audio' },
};

function mediaList(value: unknown): MediaInput[] {
  const items: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item) => mediaInput.safeParse(item).data ?? []);
}

/**
 * A request's validated parameters under GateAI's names, ready for `POST /api/generate`: shared
 * names translated back (`firstFrame` -> `start_frame`, `duration` -> `durationSeconds`, ...),
 * GateAI's own names untouched, media resolved (`resolve`: passed through, uploaded or inlined).
 * With `resolve` absent (an estimate) media links are sent as they are.
 */
export async function toWireParams(
  model: GateAiModel,
  params: Readonly<Record<string, unknown>>,
  resolver: MediaResolver | undefined,
  signal: AbortSignal,
): Promise<Record<string, JsonValue>> {
  const out: Record<string, JsonValue> = {};
  const files: Record<'images' | 'videos', string[]> = { images: [], videos: [] };
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const role = model.roles.byKey.get(key);
    const wire = role?.wire ?? key;
    if (!role?.vocabulary || !MEDIA_KEYS.has(key)) {
      out[wire] = value as JsonValue;
      continue;
    }
    const route = MEDIA_ROUTES[key as MediaKey];
    const inline: string[] = [];
    for (const input of mediaList(value)) {
      if (!resolver) {
        inline.push(input.url);
        continue;
      }
      const resolved = await resolver.resolve(input, route.upload ? 'upload' : 'inline', route.kind, signal);
      if (resolved.kind === 'inline') inline.push(resolved.value);
      else files[route.upload ?? 'images'].push(resolved.id);
    }
    if (inline.length > 0) out[wire] = role.list ? inline : inline[0]!;
  }
  for (const field of ['images', 'videos'] as const) {
    if (files[field].length > 0) out[field] = files[field];
  }
  return out;
}
