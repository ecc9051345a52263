import { describe, expect, it } from 'vitest';
import { createBackoff, FORWARDER_BACKOFF, REFLECTOR_BACKOFF } from '../../agent/backoff.js';

describe('back-off', () => {
  it('doubles from 800 ms with up to 2× jitter, capped at 30 s', () => {
    let t = 0;
    const noJitter = createBackoff(
      REFLECTOR_BACKOFF,
      () => t,
      () => 0,
    );
    const waits = Array.from({ length: 8 }, () => {
      t += 1_000;
      return noJitter.next();
    });
    expect(waits).toEqual([800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000]);
    const fullJitter = createBackoff(
      REFLECTOR_BACKOFF,
      () => t,
      () => 0.999,
    );
    expect(fullJitter.next()).toBeCloseTo(1_599.2);
  });

  it('starts over after two minutes without failures', () => {
    let t = 0;
    const backoff = createBackoff(
      REFLECTOR_BACKOFF,
      () => t,
      () => 0,
    );
    backoff.next();
    backoff.next();
    t += 120_000;
    expect(backoff.next()).toBe(800);
  });

  it('never comes back sooner than Retry-After', () => {
    const backoff = createBackoff(
      REFLECTOR_BACKOFF,
      () => 0,
      () => 0,
    );
    expect(backoff.next(45_000)).toBe(45_000);
  });

  it('runs the same schedule for deliveries to the ingest', () => {
    let t = 0;
    const noJitter = createBackoff(
      FORWARDER_BACKOFF,
      () => t,
      () => 0,
    );
    const waits = Array.from({ length: 8 }, () => {
      t += 1_000;
      return noJitter.next();
    });
    expect(waits).toEqual([800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000]);
  });
});
