/** A mistake on the command line: its message is one sentence for the user, and genhub exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
