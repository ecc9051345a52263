import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import { type TimelinePage, timelineMerger } from '../../functions/domain/timeline-pages.js';
import { at, entry, pod } from '../support/query-builders.js';

function page(incarnations: TimelinePage['incarnations'], next?: string): TimelinePage {
  return {
    cluster: 'demo',
    namespace: 'default',
    name: 'web-0',
    incarnations,
    ...(next === undefined ? {} : { next }),
  };
}

const first = pod({ uid: 'uid-1', firstSeenAt: at(0) });
const second = pod({ uid: 'uid-2', firstSeenAt: at(100) });
const e = (uid: string, s: number) => entry({ uid, resourceVersion: String(s), observedAt: at(s) });
const ev = (uid: string): RecordedEvent => ({ uid, versions: [] });

describe('timelineMerger joins /v1/timeline pages back into incarnations', () => {
  it('an incarnation cut by the page boundary continues, same uid, with its entries and events in page order', () => {
    const merged = timelineMerger();
    expect(
      merged.add(page([{ pod: first, entries: [e('uid-1', 1), e('uid-1', 2)], events: [ev('a')] }], 'c1')),
    ).toBe(2);
    expect(merged.add(page([{ pod: first, entries: [e('uid-1', 3)], events: [ev('b')] }]))).toBe(1);
    expect(merged.incarnations()).toEqual([
      { pod: first, entries: [e('uid-1', 1), e('uid-1', 2), e('uid-1', 3)], events: [ev('a'), ev('b')] },
    ]);
  });

  it('incarnations stay apart by uid, in the order the pages first brought them', () => {
    const merged = timelineMerger();
    merged.add(page([{ pod: second, entries: [e('uid-2', 100)] }], 'c1'));
    merged.add(
      page([
        { pod: second, entries: [e('uid-2', 101)] },
        { pod: first, entries: [e('uid-1', 1)] },
      ]),
    );
    expect(merged.incarnations().map((i) => [i.pod.uid, i.entries.length, i.events])).toEqual([
      ['uid-2', 2, []],
      ['uid-1', 1, []],
    ]);
  });

  it('an empty page adds nothing and reads no entries', () => {
    const merged = timelineMerger();
    expect(merged.add(page([]))).toBe(0);
    expect(merged.incarnations()).toEqual([]);
  });

  it("does not change the page's arrays when later pages are added", () => {
    const entries = [e('uid-1', 1)];
    const merged = timelineMerger();
    merged.add(page([{ pod: first, entries }]));
    merged.add(page([{ pod: first, entries: [e('uid-1', 2)] }]));
    expect(entries).toHaveLength(1);
  });
});
