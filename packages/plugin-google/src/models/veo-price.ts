import type { Price } from '@genhub/provider';
import { EXTENSION_SECONDS, type VeoModelFacts, type VeoResolution } from './veo-catalogue.js';
import type { VeoParams } from './veo-params.js';

/** What the price depends on; `resolution` and `extendVideo` only some models have. */
type PricedParams = Partial<VeoParams> & { resolution?: VeoResolution; extendVideo?: string };

/**
 * The published price of a request: per second of new video, by resolution, times the videos asked
 * for. An extension makes 7 new seconds.
 */
export function veoPrice(facts: VeoModelFacts, params: Partial<VeoParams>): Price {
  const { resolution, extendVideo, duration, quantity } = params as PricedParams;
  const tier = resolution ?? facts.resolutions[0] ?? 'default';
  const perSecond = facts.usdPerSecond[tier] ?? facts.usdPerSecond.default ?? 0;
  const defaultDuration = facts.durations[facts.durations.length - 1] ?? 8;
  const seconds = extendVideo === undefined ? (duration ?? defaultDuration) : EXTENSION_SECONDS;
  return { usd: perSecond * seconds * (quantity ?? 1), approximate: true };
}
