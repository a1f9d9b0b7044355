import type { Price } from '@genhub/provider';

/** A job on the operator's own GPU is paid to no vendor, so users are charged nothing for it. */
export const NO_CHARGE: Price = { usd: 0 };
