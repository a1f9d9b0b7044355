/** Something the caller asked for that was not done exactly as asked. Never dropped silently. */
export type Warning =
  /** The model or provider does not support this option; it was ignored. */
  | { type: 'unsupported'; feature: string; details?: string }
  /** A value was changed to one the model accepts (snapping, clamping, a provider's budget downgrade). */
  | { type: 'adjusted'; param: string; from: unknown; to: unknown; reason: string }
  | { type: 'other'; message: string };
