/**
 * The queue's record of what it lost since the forwarder last reported a gap: the earliest lost
 * change, dated back by a margin (GAP_MARGIN_MS), and how many states were coalesced or dropped.
 * The forwarder sends it as a SYNC's gapSince; a SYNC from a re-list absorbs it instead.
 */

export interface QueueGap {
  readonly sinceMs: number;
  readonly coalesced: number;
  readonly dropped: number;
}

export interface GapRecord {
  /** States committed from `changedAtMs` on were lost: `coalesced` replaced, `dropped` dropped, or neither (a refused batch). */
  note(changedAtMs: number, coalesced: number, dropped: number): void;
  /** The unreported gap, cleared by this call. */
  take(): QueueGap | undefined;
  pending(): boolean;
  /** Puts a taken gap's start back (it could not be reported yet); its counts were counted already. */
  restore(gap: QueueGap): void;
}

export interface GapRecordOptions {
  readonly marginMs: number;
  readonly onCoalesced?: ((count: number) => void) | undefined;
  readonly onDropped?: ((count: number) => void) | undefined;
}

export function createGapRecord(options: GapRecordOptions): GapRecord {
  let gap: QueueGap | undefined;
  const note = (changedAtMs: number, coalesced: number, dropped: number) => {
    const sinceMs = changedAtMs - options.marginMs;
    gap =
      gap === undefined
        ? { sinceMs, coalesced, dropped }
        : {
            sinceMs: Math.min(gap.sinceMs, sinceMs),
            coalesced: gap.coalesced + coalesced,
            dropped: gap.dropped + dropped,
          };
    if (coalesced > 0) options.onCoalesced?.(coalesced);
    if (dropped > 0) options.onDropped?.(dropped);
  };
  return {
    note,
    take() {
      const taken = gap;
      gap = undefined;
      return taken;
    },
    pending: () => gap !== undefined,
    restore(taken) {
      note(taken.sinceMs + options.marginMs, 0, 0);
    },
  };
}
