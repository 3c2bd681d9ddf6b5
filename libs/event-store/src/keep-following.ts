/**
 * Runs a reader of the log until `signal` aborts, starting it again after `retryMs` whenever it
 * fails (the database restarting): the reader resumes from wherever it records its progress.
 */
export async function keepFollowing(
  signal: AbortSignal,
  follow: (signal: AbortSignal) => Promise<void>,
  onFailure: (error: Error) => void,
  retryMs = 1_000,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await follow(signal);
    } catch (error) {
      if (signal.aborted) return;
      onFailure(error as Error);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}
