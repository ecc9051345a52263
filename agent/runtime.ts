/**
 * Time and randomness, injected (house style: no hidden clocks). `sleep` resolves early, without
 * throwing, when its signal aborts, so loops check their own stop flag after every wait.
 */
export interface AgentRuntime {
  /** Wall clock, ms since the epoch. */
  now(): number;
  /** Uniform in [0, 1). */
  random(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemRuntime: AgentRuntime = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};
