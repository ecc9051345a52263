import { describe, expect, it } from 'vitest';
import { nextSummary, QUIET_SUMMARY_MS, type SummaryCounts } from '../../agent/ops/summary-log.js';
import { agentTest, eventually, touchPod } from '../support/sim-agent.js';
import { runningPods } from '../support/sim-client.js';

/**
 * The agent's periodic `summary` line (issue 16: the docs send people to `kubectl logs` for
 * "listed, then batches"): what it says, when it is logged, and that the real agent logs it.
 */

const zero: SummaryCounts = { forwarded: 0, batches: 0, errors: 0, dropped: 0 };
const at = (counts: Partial<SummaryCounts>): SummaryCounts => ({ ...zero, ...counts });

describe('when a summary line is due', () => {
  it.each([
    ['events forwarded since the last line', at({ forwarded: 40, batches: 2 }), 0, 60_000, true],
    ['only failed POSTs', at({ errors: 3 }), 0, 60_000, true],
    ['only events dropped', at({ dropped: 1 }), 0, 60_000, true],
    ['nothing sent but events waiting (the ingest is down)', zero, 12, 60_000, true],
    ['nothing at all, a minute after the last line', zero, 0, 60_000, false],
    ['nothing at all, ten minutes after the last line (still alive)', zero, 0, QUIET_SUMMARY_MS, true],
  ])('%s: %s', (_case, current, queued, quietForMs, due) => {
    expect(nextSummary(zero, current, queued, quietForMs) !== undefined).toBe(due);
  });

  it('counts what happened since the previous line, and what is queued now', () => {
    expect(
      nextSummary(at({ forwarded: 10, batches: 1 }), at({ forwarded: 25, batches: 3, errors: 1 }), 4, 60_000),
    ).toEqual({ forwarded: 15, batches: 2, errors: 1, dropped: 0, queued: 4 });
  });
});

describe('the running agent', () => {
  agentTest(
    '[wall-clock] logs a summary with what it forwarded, and no forwarding while nothing happens',
    async ({ startHarness }) => {
      const h = await startHarness({
        env: { PODTRAIL_LOG_SUMMARY: '300ms' },
        before: (sim) => sim.store.seed(runningPods(5, { seed: 5 })),
      });
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1, 10_000, 'the SYNC');
      const summaries = () => h.log.lines.filter((l) => l.msg === 'summary');
      const sum = (field: string) => summaries().reduce((n, l) => n + Number(l.fields[field] ?? 0), 0);
      await eventually(() => sum('forwarded') === h.agent.metrics.eventsForwarded, 5_000, 'summaries');
      expect(sum('forwarded')).toBe(5);
      expect(sum('batches')).toBe(h.agent.metrics.batches.ok);
      expect([sum('errors'), sum('dropped')]).toEqual([0, 0]);
      expect(summaries().every((l) => l.level === 'info')).toBe(true);

      // Quiet: over several intervals, no line says anything was forwarded (on a loaded machine a
      // watch may end and be re-listed, whose SYNC is a batch; the rule itself is tabled above).
      const quiet = summaries().length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(
        summaries()
          .slice(quiet)
          .filter((l) => l.fields.forwarded !== 0),
      ).toEqual([]);

      // A change, then a line that counts it.
      touchPod(h.sim, h.sim.store.uids()[0] as string, 'changed');
      await eventually(() => sum('forwarded') === 6, 5_000, 'the next summary');
    },
  );

  agentTest('[wall-clock] counts failed POSTs as errors', async ({ startHarness }) => {
    const h = await startHarness({
      env: { PODTRAIL_LOG_SUMMARY: '200ms' },
      before: (sim, sink) => {
        sim.store.seed(runningPods(2, { seed: 2 }));
        sink.fail({ status: 503, times: 2 });
      },
    });
    await h.sink.waitFor(() => h.sink.syncs().length === 1, 10_000, 'the SYNC');
    const errors = () =>
      h.log.lines.filter((l) => l.msg === 'summary').reduce((n, l) => n + Number(l.fields.errors ?? 0), 0);
    await eventually(() => errors() === 2, 5_000, 'two errors summarised');
  });
});
