import { lenient, type Price } from '@genhub/provider';
import { z } from 'zod';

/** Pricing defaults: what to assume where GateAI's cost summary says too little. */
export const DefaultPricing = {
  /** "~$0.00" is GateAI's rounding of less than half a cent; this is reserved per output instead. */
  roundedZeroUsd: 0.005,
  /** Per output, for a cost summary that cannot be read. */
  unknownUsd: 0.1,
  /** "720p" is 1280x720: a resolution's pixels assume 16:9. */
  aspect: 16 / 9,
} as const;

/** How a model's cost summary prices a request. */
export type CostRule =
  /** "~$0.02 per generation", "~$0.003/image": per output. */
  | { kind: 'per-output'; usd: number }
  /** "~$0.01 per 1024×1024 image": per output, in proportion to its pixels. */
  | { kind: 'per-pixels'; usd: number; pixels: number }
  /** "~$0.49/720p 4s, ~$1.85/720p 15s (pixel×duration based)": a line through the points, scaled by pixels. */
  | { kind: 'pixel-seconds'; points: ReadonlyArray<{ pixels: number; seconds: number; usd: number }> }
  | { kind: 'unknown' };

const MONEY = String.raw`\$\s*(\d+(?:\.\d+)?)`;

/** Reads GateAI's cost summary (the `cost` of `/v1/models` and the document's "Cost:" lines). */
export function parseCost(cost: string | undefined): CostRule {
  if (cost === undefined) return { kind: 'unknown' };
  const text = cost.replace(/×/g, 'x');
  const points = [
    ...text.matchAll(new RegExp(`${MONEY}\\s*/\\s*(\\d+)p\\s+(\\d+(?:\\.\\d+)?)\\s*s\\b`, 'gi')),
  ];
  if (points.length > 0) {
    return {
      kind: 'pixel-seconds',
      points: points.map((m) => ({
        usd: Number(m[1]),
        pixels: pixelsOfResolution(Number(m[2])),
        seconds: Number(m[3]),
      })),
    };
  }
  const perPixels = new RegExp(`${MONEY}\\s*per\\s+(\\d+)\\s*x\\s*(\\d+)`, 'i').exec(text);
  if (perPixels) {
    return {
      kind: 'per-pixels',
      usd: Number(perPixels[1]),
      pixels: Number(perPixels[2]) * Number(perPixels[3]),
    };
  }
  const first = new RegExp(MONEY).exec(text);
  if (first) return { kind: 'per-output', usd: Number(first[1]) };
  return { kind: 'unknown' };
}

/** 720 -> 1280 x 720. */
function pixelsOfResolution(p: number): number {
  return Math.round(p * DefaultPricing.aspect) * p;
}

/**
 * Points of the document's "Cost Calculation" table that a model's cost summary does not carry:
 * they replace the estimate for exactly these parameters.
 */
const DOCUMENT_TABLE: ReadonlyArray<{
  model: string;
  usd: number;
  pixels?: number;
  seconds?: number;
  quality?: string;
  /** Per output, in proportion to pixels (per 1024x1024). */
  perMegapixelImage?: boolean;
}> = [
  { model: 'gpt-image-2', quality: 'low', usd: 0.003, perMegapixelImage: true },
  // The document gives no figure for medium; the high price bounds it.
  { model: 'gpt-image-2', quality: 'medium', usd: 0.11, perMegapixelImage: true },
  { model: 'gpt-image-2', quality: 'high', usd: 0.11, perMegapixelImage: true },
  { model: 'seedance-2.0', pixels: 1280 * 720, seconds: 4, usd: 0.49 },
  { model: 'seedance-2.0', pixels: 1280 * 720, seconds: 15, usd: 1.85 },
  { model: 'seedance-2.0', pixels: 1920 * 1080, seconds: 12, usd: 3.33 },
  { model: 'seedance-2.0', pixels: 1920 * 1080, seconds: 15, usd: 11.25 },
];

const finite = lenient(z.number().refine(Number.isFinite));

/** What a price depends on, of the parameters a model has (GateAI's models differ in which). */
const pricedParams = z.object({
  quantity: finite,
  width: finite,
  height: finite,
  duration: finite,
  quality: z.unknown().optional(),
  mode: lenient(z.string()),
  resolution: lenient(z.string()),
});

/**
 * The pixels a request asks for: width x height, else a `RESOLUTION_1080` mode or a `1080p`
 * resolution (at 16:9), else undefined (the model's reference size is assumed).
 */
export function requestedPixels(params: Readonly<Record<string, unknown>>): number | undefined {
  const { width, height, mode, resolution } = pricedParams.parse(params);
  if (width !== undefined && height !== undefined && width > 0 && height > 0) return width * height;
  for (const value of [mode, resolution]) {
    const match = value === undefined ? null : /(?:RESOLUTION_)?(\d{3,4})p?$/i.exec(value);
    if (match) return pixelsOfResolution(Number(match[1]));
  }
  return undefined;
}

/** The line through two points (or the proportion through one), in seconds, at the points' pixels. */
function lineThrough(
  points: ReadonlyArray<{ pixels: number; seconds: number; usd: number }>,
  seconds: number,
): { usd: number; pixels: number } {
  const [a, b] = points;
  if (!a) return { usd: 0, pixels: 1 };
  if (!b || b.seconds === a.seconds || b.pixels !== a.pixels) {
    return { usd: (a.usd * seconds) / a.seconds, pixels: a.pixels };
  }
  const slope = (b.usd - a.usd) / (b.seconds - a.seconds);
  return { usd: Math.max(0, a.usd + slope * (seconds - a.seconds)), pixels: a.pixels };
}

function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/**
 * A model's local price estimate, for `ModelSpec.estimatePrice` (which must answer at once, so it
 * cannot ask `/api/estimate`). From the cost summary: per output times quantity; per reference
 * image size scaled by the requested pixels; "pixel×duration based" along the line through the
 * summary's two points, scaled by pixels. The document's cost table wins where it has the exact
 * case (GPT Image 2 by quality, Seedance 2.0 by resolution and length). "~$0.00" is reserved as
 * half a cent per output; an unreadable summary as 10 cents per output. Always approximate:
 * the job is settled to the cost GateAI reports.
 */
export function priceEstimator(
  modelId: string,
  cost: string | undefined,
): (params: Readonly<Record<string, unknown>>) => Price {
  const rule = parseCost(cost);
  const table = DOCUMENT_TABLE.filter((row) => row.model === modelId);
  return (params) => {
    const read = pricedParams.parse(params);
    const quantity = Math.max(1, read.quantity ?? 1);
    const pixels = requestedPixels(params);
    const seconds = read.duration;

    for (const row of table) {
      if (row.quality !== undefined && row.quality !== read.quality) continue;
      if (row.perMegapixelImage) {
        const scale = pixels === undefined ? 1 : pixels / (1024 * 1024);
        return { usd: roundUsd(row.usd * scale * quantity), approximate: true };
      }
      if (row.pixels !== undefined && row.pixels !== pixels) continue;
      if (row.seconds !== undefined && row.seconds !== seconds) continue;
      return { usd: roundUsd(row.usd * quantity), approximate: true };
    }

    const atLeast = (usd: number) => (usd === 0 ? DefaultPricing.roundedZeroUsd : usd);
    let perOutput: number;
    switch (rule.kind) {
      case 'per-output':
        perOutput = atLeast(rule.usd);
        break;
      case 'per-pixels':
        perOutput = atLeast(rule.usd) * ((pixels ?? rule.pixels) / rule.pixels);
        break;
      case 'pixel-seconds': {
        const line = lineThrough(rule.points, seconds ?? rule.points[0]?.seconds ?? 1);
        perOutput = atLeast(line.usd) * ((pixels ?? line.pixels) / line.pixels);
        break;
      }
      case 'unknown':
        perOutput = DefaultPricing.unknownUsd;
        break;
    }
    return { usd: roundUsd(perOutput * quantity), approximate: true };
  };
}
