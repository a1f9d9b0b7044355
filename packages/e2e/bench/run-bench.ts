// How a benchmark process ends: its exit status says whether its checks passed, and it never hangs.

/** How long a finished benchmark may take to exit before what keeps it alive counts as a leak. */
export const EXIT_GRACE_MS = 5_000;

/**
 * Runs a benchmark's `main` and exits with its status: 0 when its checks passed, 1 when they failed,
 * it threw, or it did not finish within `timeoutSeconds` (a job that never ends fails the run instead
 * of hanging it). Once `main` is done the process ends by itself when everything was closed; if
 * something still keeps it alive after EXIT_GRACE_MS, it says what and exits 1, so a leak fails the
 * run instead of hanging `pnpm bench`.
 */
export async function runBench(main: () => Promise<number>, timeoutSeconds: number): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`FAILED: the benchmark did not finish within ${timeoutSeconds} s (BENCH_TIMEOUT_SECONDS)`);
    process.exit(1);
  }, timeoutSeconds * 1000);
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error('FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
  }
  // Unreferenced: it fires only when something else keeps the process alive.
  setTimeout(() => {
    const left = process.getActiveResourcesInfo().join(', ');
    console.error(
      `FAILED: the benchmark finished, but ${EXIT_GRACE_MS / 1000} s later something still kept it running (a leak; active: ${left}).`,
    );
    process.exit(1);
  }, EXIT_GRACE_MS).unref();
}
