/**
 * The simulator's sense of time, injected everywhere pod lifecycles are played. Times are ms since
 * the epoch in *simulated* time: pod timestamps (creationTimestamp, startedAt…) use it, so an
 * accelerated clock lets local mode play three minutes of a cluster's life in one minute of wall time.
 * Network behaviour (watch timeouts, bookmarks, outages) stays on the wall clock: it is what clients see.
 */
export interface SimClock {
  /** Simulated now, ms since the epoch. */
  now(): number;
  /** Runs `fn` once `delayMs` of simulated time has passed; returns a cancel function. */
  setTimeout(fn: () => void, delayMs: number): () => void;
}

export interface AcceleratedClockOptions {
  /** Simulated ms per wall ms (1 = real time). */
  readonly speed: number;
  /** Simulated time at the moment the clock is created (default: the wall clock). */
  readonly startMs?: number;
  /** Wall clock source (default Date.now). */
  readonly wallNow?: () => number;
}

export function acceleratedClock(options: AcceleratedClockOptions): SimClock {
  if (!(options.speed > 0)) throw new RangeError(`clock speed must be > 0, got ${options.speed}`);
  const wallNow = options.wallNow ?? Date.now;
  const wallStart = wallNow();
  const simStart = options.startMs ?? wallStart;
  const speed = options.speed;
  return {
    now: () => simStart + (wallNow() - wallStart) * speed,
    setTimeout(fn, delayMs) {
      const timer = setTimeout(fn, Math.max(0, delayMs / speed));
      return () => clearTimeout(timer);
    },
  };
}

export function realClock(): SimClock {
  return acceleratedClock({ speed: 1 });
}

/** A clock that moves only when told to: exact, for unit tests of scripts and kubelet timings. */
export interface ManualClock extends SimClock {
  /** Moves simulated time forward, firing due timers in time order (timers may schedule more). */
  advance(ms: number): void;
  /** Number of timers not yet fired. */
  pending(): number;
}

export function manualClock(startMs = Date.UTC(2026, 10, 23, 10, 0, 0)): ManualClock {
  let now = startMs;
  let nextId = 0;
  const timers = new Map<number, { at: number; seq: number; fn: () => void }>();
  const takeDue = (limit: number) => {
    let due: { id: number; at: number; seq: number; fn: () => void } | undefined;
    for (const [id, timer] of timers) {
      if (timer.at > limit) continue;
      if (due === undefined || timer.at < due.at || (timer.at === due.at && timer.seq < due.seq)) {
        due = { id, ...timer };
      }
    }
    if (due !== undefined) timers.delete(due.id);
    return due;
  };
  return {
    now: () => now,
    setTimeout(fn, delayMs) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, delayMs), seq: id, fn });
      return () => timers.delete(id);
    },
    advance(ms) {
      const target = now + ms;
      for (let due = takeDue(target); due !== undefined; due = takeDue(target)) {
        now = due.at;
        due.fn();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}
