/**
 * Actions are independent streams, so 32 are written at once (the plan's own stream one command at
 * a time): SQLite commits concurrent appends in one group, and 10,000 actions took 17 s with 8 at
 * once, 10 s with 32, no better with 64.
 */
const CONCURRENCY = 32;

/**
 * Runs `work` on a few items at once. On the first failure no further item starts, and the
 * failure is thrown only once the items under way have finished: an import that answers has
 * stopped writing, so the same sheet can be imported again straight away.
 */
export async function inParallel<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      results[index] = await work(items[index]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}
