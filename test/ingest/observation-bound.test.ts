import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../functions/ingest/parse-batch.js';
import { batch, podEvent, podObject } from '../support/event-builders.js';

/** A pod whose describe card could not be one DynamoDB item is refused alone, before any write. */
describe('the describe card is bounded', () => {
  it('a pod whose spec is over 256 KiB as recorded is rejected per event; the good pod beside it is kept', () => {
    const good = podEvent('ADDED', 0, podObject({ name: 'web-0', uid: 'uid-0', createdAt: 0 }, {}, '5'));
    const huge = podObject({ name: 'web-1', uid: 'uid-1', createdAt: 0 }, {}, '6') as {
      spec: { containers: Record<string, unknown>[] };
    };
    huge.spec.containers = [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'x'.repeat(300 * 1024)] }];
    const { batch: parsed, rejected } = parseBatch(batch('prod-eu-1', [good, podEvent('ADDED', 0, huge)]));
    expect(parsed.pods.map((p) => p.identity.name)).toEqual(['web-0']);
    expect(rejected).toEqual([
      {
        index: 1,
        issues: [
          expect.stringMatching(
            /^events\[1\]\.pod\.spec: what describe prints of this pod is \d+ bytes as recorded, more than 262144$/,
          ),
        ],
      },
    ]);
  });
});
