import type { Price } from '@genhub/provider';
import type { VeoModelFacts } from './veo-catalogue.js';
import type { VeoParams } from './veo-params.js';

/** The published price of a request: per second of video, by resolution, times the videos asked for. */
export function veoPrice(facts: VeoModelFacts, params: Partial<VeoParams>): Price {
  const resolution = params && 'resolution' in params ? params.resolution : undefined;
  const perSecond =
    facts.usdPerSecond[
      (resolution ?? facts.resolutions[0] ?? 'default') as keyof VeoModelFacts['usdPerSecond']
    ] ??
    facts.usdPerSecond.default ??
    0;
  const seconds = params.duration ?? facts.durations[facts.durations.length - 1] ?? 8;
  return { usd: perSecond * seconds * (params.quantity ?? 1), approximate: true };
}
