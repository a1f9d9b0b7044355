import type { Logger, RecordStore } from '@genhub/core';

/** A kind of delivery a platform may repeat (an update, an interaction) and how long a repeat can come. */
export interface DeliveryClaim {
  namespace: string;
  ttlMs: number;
  /** Named in log lines, such as `Telegram update`. */
  what: string;
}

/**
 * At most once: claims a delivery in the store (an atomic insert, so it holds across restarts and
 * processes) before a front end acts on it. True for the first delivery; false for a repeat, and
 * for one whose claim cannot be written, which is dropped rather than risked twice. Both are logged.
 */
export async function isFirstDelivery(
  records: RecordStore,
  claim: DeliveryClaim,
  key: string,
  logger: Logger,
  fields: Readonly<Record<string, unknown>>,
): Promise<boolean> {
  try {
    if (await records.claimOnce(claim.namespace, key, claim.ttlMs)) return true;
    logger.info(`a ${claim.what} came again; it was handled already`, fields);
  } catch (error) {
    logger.error(`a ${claim.what} was dropped: the store could not record it`, {
      ...fields,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return false;
}
