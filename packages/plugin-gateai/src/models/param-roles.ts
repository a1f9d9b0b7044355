import type { VocabularyKey } from '@genhub/provider';
import type { WireParam } from '../catalogue/wire-model.js';

/** The vocabulary keys that carry media (`{ url, mediaType? }` values). */
export type MediaKey = 'images' | 'firstFrame' | 'lastFrame' | 'referenceVideo' | 'referenceAudio';

export const MEDIA_KEYS: ReadonlySet<string> = new Set<MediaKey>([
  'images',
  'firstFrame',
  'lastFrame',
  'referenceVideo',
  'referenceAudio',
]);

/**
 * GateAI's parameter names for each vocabulary meaning, in order of preference: the document's
 * inline reference fields (`image`, `input_image`, `first_frame`, ...) and the per-model names its
 * tables use for the same things (`start_frame`, `durationSeconds`, `reference_image_urls`, ...).
 * A model's first present name takes the vocabulary key; any other keeps its GateAI name.
 */
export const VOCABULARY_NAMES: ReadonlyArray<readonly [VocabularyKey, readonly string[]]> = [
  ['prompt', ['prompt']],
  ['negativePrompt', ['negative_prompt']],
  ['aspectRatio', ['aspect_ratio']],
  ['width', ['width']],
  ['height', ['height']],
  ['duration', ['duration', 'durationSeconds', 'duration_seconds']],
  ['fps', ['fps']],
  ['seed', ['seed']],
  ['quantity', ['quantity']],
  ['style', ['style']],
  ['voice', ['voice']],
  ['images', ['image_urls', 'reference_images', 'reference_image_urls', 'image', 'input_image', 'image_url']],
  ['firstFrame', ['first_frame', 'start_frame', 'start_image_url']],
  ['lastFrame', ['last_frame', 'end_frame', 'end_image_url']],
  ['referenceVideo', ['video_url', 'reference_video_url', 'reference_video_urls']],
  ['referenceAudio', ['audio_url', 'reference_audio_url', 'reference_audio_urls']],
];

/** GateAI fields that hold a list of references; the others hold one. */
const LIST_FIELDS = new Set([
  'image_urls',
  'reference_images',
  'reference_image_urls',
  'reference_video_urls',
  'reference_audio_urls',
]);

/** Where one of a model's parameters lives on each side. */
export interface ParamRole {
  /** The name in GenHub's parameters: a vocabulary key, or GateAI's own name. */
  key: string;
  /** The name in GateAI's request. */
  wire: string;
  vocabulary: boolean;
  /** For media keys: whether GateAI's field holds a list. */
  list: boolean;
}

/** A model's parameter names both ways. */
export interface ParamRoles {
  /** By GenHub key. */
  byKey: ReadonlyMap<string, ParamRole>;
  /** By GateAI name. */
  byWire: ReadonlyMap<string, ParamRole>;
}

/**
 * Names a model's parameters: each vocabulary meaning goes to the first of its GateAI names the
 * model has; every other parameter keeps its GateAI name, unless that name is itself a vocabulary
 * key taken by another parameter (then it is left out and returned in `dropped`).
 */
export function assignRoles(params: Readonly<Record<string, WireParam>>): ParamRoles & { dropped: string[] } {
  const byKey = new Map<string, ParamRole>();
  const byWire = new Map<string, ParamRole>();
  const add = (role: ParamRole) => {
    byKey.set(role.key, role);
    byWire.set(role.wire, role);
  };
  for (const [key, names] of VOCABULARY_NAMES) {
    const wire = names.find((name) => Object.hasOwn(params, name));
    if (wire === undefined) continue;
    const list = LIST_FIELDS.has(wire) || (MEDIA_KEYS.has(key) && params[wire]?.type === 'array');
    add({ key, wire, vocabulary: true, list });
  }
  const dropped: string[] = [];
  for (const wire of Object.keys(params)) {
    if (byWire.has(wire)) continue;
    if (byKey.has(wire)) {
      dropped.push(wire);
      continue;
    }
    add({ key: wire, wire, vocabulary: false, list: false });
  }
  return { byKey, byWire, dropped };
}

/** Adds a vocabulary role the document leaves implicit (a 3D model's input images). */
export function withRole(roles: ParamRoles, role: ParamRole): ParamRoles {
  return {
    byKey: new Map([...roles.byKey, [role.key, role]]),
    byWire: new Map([...roles.byWire, [role.wire, role]]),
  };
}

/** A request's parameters under GateAI's names (media values untouched). */
export function renameToWire(
  roles: ParamRoles,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out[roles.byKey.get(key)?.wire ?? key] = value;
  }
  return out;
}

/** GateAI parameters (an example, an adjustment) under GenHub's names; media values become `{ url }`. */
export function renameFromWire(
  roles: ParamRoles,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [wire, value] of Object.entries(params)) {
    const role = roles.byWire.get(wire);
    if (!role) {
      out[wire] = value;
      continue;
    }
    out[role.key] = role.vocabulary && MEDIA_KEYS.has(role.key) ? mediaFromWire(role, value) : value;
  }
  return out;
}

function mediaFromWire(role: ParamRole, value: unknown): unknown {
  const urls = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const inputs = urls.map((url) => ({ url }));
  return role.key === 'images' ? inputs : inputs[0];
}
