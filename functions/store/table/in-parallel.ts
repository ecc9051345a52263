/** Runs `run` over `items` with at most `width` calls in flight; rejects with the first failure. */
export async function inParallel<T>(items: readonly T[], width: number, run: (item: T) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
