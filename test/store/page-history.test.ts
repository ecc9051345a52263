import { describe, expect, test } from 'vitest';
import { pageHistory } from '../../functions/store/read/pod-readers.js';
import { at } from '../support/event-builders.js';
import { entry, pod } from '../support/query-builders.js';

/** Three incarnations of one name, newest first, with 3, 2 and 4 entries. */
function incarnations() {
  return [
    { uid: 'u-new', created: 300, entries: 3 },
    { uid: 'u-mid', created: 200, entries: 2 },
    { uid: 'u-old', created: 100, entries: 4 },
  ].map((i) => ({
    pod: pod({ uid: i.uid, createdAt: at(i.created), firstSeenAt: at(i.created) }),
    entries: Array.from({ length: i.entries }, (_, n) =>
      entry({ uid: i.uid, resourceVersion: String(i.created + n) }),
    ),
  }));
}

function shape(items: ReturnType<typeof pageHistory>['items']) {
  return items.map(
    (h) => `${h.pod.uid}:${h.entries.map((e) => e.resourceVersion).join(',')}${h.complete ? '' : '…'}`,
  );
}

describe('pageHistory', () => {
  test('cuts pages at the entry budget, continuing a cut incarnation on the next page', () => {
    const all = incarnations();
    const pages: string[][] = [];
    let cursor: unknown;
    for (let n = 0; n < 10; n++) {
      const page = pageHistory(all, { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      pages.push(shape(page.items));
      cursor = page.next;
      if (cursor === undefined) break;
    }
    expect(pages).toEqual([
      ['u-new:300,301…'],
      ['u-new:302', 'u-mid:200…'],
      ['u-mid:201', 'u-old:100…'],
      ['u-old:101,102…'],
      ['u-old:103'],
    ]);
  });

  test('without a limit, everything at once', () => {
    const page = pageHistory(incarnations(), {});
    expect(shape(page.items)).toEqual(['u-new:300,301,302', 'u-mid:200,201', 'u-old:100,101,102,103']);
    expect(page.next).toBeUndefined();
  });

  test('a cursor whose incarnation has expired since resumes at the next older one', () => {
    const all = incarnations();
    const first = pageHistory(all, { limit: 4 });
    expect(shape(first.items)).toEqual(['u-new:300,301,302', 'u-mid:200…']);
    const withoutMid = all.filter((h) => h.pod.uid !== 'u-mid');
    const second = pageHistory(withoutMid, { limit: 4, cursor: first.next });
    expect(shape(second.items)).toEqual(['u-old:100,101,102,103']);
    // Nothing older left: an empty last page.
    expect(pageHistory(all.slice(0, 1), { limit: 4, cursor: first.next }).items).toEqual([]);
  });
});

test('no incarnations: an empty page, with or without a cursor', () => {
  expect(pageHistory([], {})).toEqual({ items: [] });
  expect(pageHistory([], { cursor: { k: 'x', o: 3 } })).toEqual({ items: [] });
});

test('inside an incarnation, a page resumes after the entry the last one ended with, even when earlier entries came or went', () => {
  const all = incarnations();
  const first = pageHistory(all, { limit: 5 });
  expect(shape(first.items)).toEqual(['u-new:300,301,302', 'u-mid:200,201']);
  const second = pageHistory(all, { limit: 2, cursor: first.next });
  expect(shape(second.items)).toEqual(['u-old:100,101…']);
  // u-old's oldest entry expires (its observation page did), and a late entry lands before 101.
  const old = all[2] as (typeof all)[number];
  const changed = [
    ...all.slice(0, 2),
    { pod: old.pod, entries: [entry({ uid: 'u-old', resourceVersion: '100.5' }), ...old.entries.slice(1)] },
  ];
  const third = pageHistory(changed, { limit: 10, cursor: second.next });
  expect(shape(third.items)).toEqual(['u-old:102,103']);
});

test('positions, not offsets: entries expiring before the cursor do not make the next page skip', () => {
  const ten = Array.from({ length: 10 }, (_, n) => entry({ uid: 'u-1', resourceVersion: String(n + 1) }));
  const history = (from: number) => [
    {
      pod: pod({ uid: 'u-1' }),
      entries: ten.slice(from),
      positions: ten.slice(from).map((e) => e.resourceVersion.padStart(4, '0')),
    },
  ];
  const first = pageHistory(history(0), { limit: 3 });
  expect(shape(first.items)).toEqual(['u-1:1,2,3…']);
  // Entries 1–5 expire (their observation page did) before the next request.
  const second = pageHistory(history(5), { limit: 3, cursor: first.next });
  expect(shape(second.items)).toEqual(['u-1:6,7,8…']);
  // And entries 4 and 5 still there give 4, 5, 6 — nothing skipped, nothing repeated.
  expect(shape(pageHistory(history(3), { limit: 3, cursor: first.next }).items)).toEqual(['u-1:4,5,6…']);
});
