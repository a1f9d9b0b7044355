import type { JsonObject, JsonValue, SizePreset, SizeRange } from '@genhub/provider';

/** What GateAI generates: the `type` of its models and of a generate request. */
export type WireModelType = 'image' | 'video' | '3d';

/** One parameter of a GateAI model, as its schema endpoints describe it. */
export interface WireParam {
  /** `string`, `integer`, `number`, `boolean`, `array`, `object`; absent when unknown (`?` in the document). */
  type?: string;
  required?: boolean;
  enum?: readonly (string | number | boolean)[];
  default?: JsonValue;
  min?: number;
  max?: number;
  step?: number;
  minLen?: number;
  maxLen?: number;
  description?: string;
}

/**
 * One GateAI model as `GET /v1/models/:modelId` describes it (`id`, `type`, `cost`, `params`,
 * `example`), plus what only the document's prose gives: a display name and valid sizes.
 */
export interface WireModel {
  /** As GateAI spells it, such as `gpt-image-2` or `hailuo-2_3`. */
  id: string;
  name?: string;
  type: WireModelType;
  /** The cost summary, such as `~$0.02 per generation`. */
  cost?: string;
  params: Readonly<Record<string, WireParam>>;
  sizes?: { presets?: readonly SizePreset[]; range?: SizeRange };
  /** Informational: sizes a model that takes a `resolution` rather than width/height produces. */
  validWidths?: readonly number[];
  validHeights?: readonly number[];
  /** A request body that works: `{ model, type, params }`. */
  example?: { model?: string; type?: string; params: JsonObject };
}
