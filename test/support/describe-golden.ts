import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePod, encodeDescribeText } from '../../functions/domain/describe/index.js';
import {
  type DescribeHarness,
  type DescribeInput,
  type KubectlDescribe,
  startDescribeHarness,
} from './kubectl-describe.js';

/**
 * Table-driven golden tests: every case's pod (and events) is described by the real kubectl
 * v1.35.2 against the simulator, then by `describePod` with the same `now`, and the two must be
 * the same bytes. The expected text is never written by hand.
 */
export interface GoldenCase {
  /** The rule the case pins, as the test name. */
  readonly rule: string;
  readonly build: (now: number) => DescribeInput;
  /** kubectl's TZ and describePod's timeZone (default UTC). */
  readonly timeZone?: string;
  /** What podtrail renders instead of what kubectl was served (the same facts in another shape). */
  readonly render?: (input: DescribeInput) => DescribeInput;
  /** The text podtrail must print, from kubectl's (default: kubectl's, unchanged). */
  readonly expected?: (kubectlText: string) => string;
}

export function describeGoldenCases(title: string, cases: readonly GoldenCase[]): void {
  describe(title, () => {
    let harness: DescribeHarness | undefined;
    const results = new Map<string, KubectlDescribe>();

    beforeAll(async () => {
      harness = await startDescribeHarness();
      const h = harness;
      await Promise.all(
        cases.map(async (c) => {
          results.set(
            c.rule,
            await h.describe(c.build, c.timeZone === undefined ? {} : { timeZone: c.timeZone }),
          );
        }),
      );
    });
    afterAll(async () => {
      await harness?.close();
    });

    it.each(cases)('$rule', (c) => {
      const result = results.get(c.rule);
      if (result === undefined) throw new Error(`no kubectl output for "${c.rule}"`);
      const input = c.render?.(result.input) ?? result.input;
      const ours = Buffer.from(
        encodeDescribeText(
          describePod(input.pod, input.events ?? [], {
            now: result.now,
            ...(c.timeZone === undefined ? {} : { timeZone: c.timeZone }),
          }),
        ),
      );
      const kubectlText = result.stdout.toString('utf8');
      const expected =
        c.expected === undefined ? result.stdout : Buffer.from(c.expected(kubectlText), 'utf8');
      expect(kubectlText).toMatch(/^Name: {2,}/);
      expect(ours.toString('utf8')).toBe(expected.toString('utf8'));
      expect(ours.equals(expected)).toBe(true);
    });
  });
}
