import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../functions/domain/model.js';
import { createMemoryReader } from '../support/memory-reader.js';
import { at, entry, pod } from '../support/query-builders.js';
import { queryApp } from './query-app.js';

/** Three incarnations of default/web-0: old (3 entries), middle (5), new (2). */
function fixture() {
  const uids = ['uid-old', 'uid-mid', 'uid-new'] as const;
  const counts = [3, 5, 2];
  const timelines: Record<string, TimelineEntry[]> = {};
  const pods = uids.map((uid, i) => {
    const base = i * 1000;
    timelines[uid] = Array.from({ length: counts[i]! }, (_, k) =>
      entry({ uid, observedAt: at(base + k), resourceVersion: String(base + k), createdAt: at(base) }),
    );
    return pod({ uid, createdAt: at(base), firstSeenAt: at(base), lastSeenAt: at(base + 10) });
  });
  return createMemoryReader({ pods, timelines });
}

type Body = {
  incarnations: { pod: { uid: string }; entries: { resourceVersion: string }[]; complete: boolean }[];
  next?: string;
};

async function allPages(app: ReturnType<typeof queryApp>, query: Record<string, string>, limit: number) {
  const pages: Body[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const res = await app.get('/v1/timeline', {
      ...query,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json as unknown as Body;
    pages.push(body);
    cursor = body.next;
    if (cursor === undefined) return pages;
  }
  throw new Error('more than 20 pages');
}

const POD = { cluster: 'demo', namespace: 'default', name: 'web-0' };

describe('GET /v1/timeline', () => {
  it('returns every incarnation newest first, each oldest entry first, in one page by default', async () => {
    const app = queryApp(fixture());
    const res = await app.get('/v1/timeline', POD);
    const body = res.json as unknown as Body;
    expect(body.incarnations.map((i) => i.pod.uid)).toEqual(['uid-new', 'uid-mid', 'uid-old']);
    expect(body.incarnations.map((i) => i.entries.map((e) => e.resourceVersion))).toEqual([
      ['2000', '2001'],
      ['1000', '1001', '1002', '1003', '1004'],
      ['0', '1', '2'],
    ]);
    expect(body.incarnations.every((i) => i.complete)).toBe(true);
    expect(body.next).toBeUndefined();
  });

  it.each([1, 2, 3, 4, 7, 9, 10])(
    'pages of %d entries cross incarnation boundaries and lose nothing',
    async (limit) => {
      const app = queryApp(fixture());
      const pages = await allPages(app, POD, limit);
      const seen = pages.flatMap((p) =>
        p.incarnations.flatMap((i) => i.entries.map((e) => `${i.pod.uid}@${e.resourceVersion}`)),
      );
      expect(seen).toEqual([
        'uid-new@2000',
        'uid-new@2001',
        'uid-mid@1000',
        'uid-mid@1001',
        'uid-mid@1002',
        'uid-mid@1003',
        'uid-mid@1004',
        'uid-old@0',
        'uid-old@1',
        'uid-old@2',
      ]);
      for (const page of pages) {
        expect(page.incarnations.reduce((n, i) => n + i.entries.length, 0)).toBeLessThanOrEqual(limit);
      }
    },
  );

  it('marks an incarnation cut by the page boundary as incomplete', async () => {
    const app = queryApp(fixture());
    const body = (await app.get('/v1/timeline', { ...POD, limit: '3' })).json as unknown as Body;
    expect(body.incarnations.map((i) => [i.pod.uid, i.entries.length, i.complete])).toEqual([
      ['uid-new', 2, true],
      ['uid-mid', 1, false],
    ]);
  });

  it('reads one incarnation by uid', async () => {
    const app = queryApp(fixture());
    const body = (await app.get('/v1/timeline', { ...POD, uid: 'uid-mid' })).json as unknown as Body;
    expect(body.incarnations.map((i) => [i.pod.uid, i.entries.length])).toEqual([['uid-mid', 5]]);
  });

  it('finds namespace and name from a bare uid', async () => {
    const app = queryApp(fixture());
    const res = await app.get('/v1/timeline', { cluster: 'demo', uid: 'uid-old' });
    expect(res.json).toMatchObject({ namespace: 'default', name: 'web-0' });
    expect((res.json as unknown as Body).incarnations.map((i) => i.pod.uid)).toEqual(['uid-old']);
  });

  it('answers an unknown pod with no incarnations, not an error', async () => {
    const app = queryApp(fixture());
    const res = await app.get('/v1/timeline', { ...POD, name: 'nope' });
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ cluster: 'demo', namespace: 'default', name: 'nope', incarnations: [] });
  });

  it('costs one store read for a 1,000-entry incarnation', async () => {
    const timelines = {
      big: Array.from({ length: 1000 }, (_, k) =>
        entry({ uid: 'big', observedAt: at(k), resourceVersion: String(k) }),
      ),
    };
    const reader = createMemoryReader({ pods: [pod({ uid: 'big' })], timelines });
    const app = queryApp(reader);
    const res = await app.get('/v1/timeline', POD);
    expect(res.headers?.['x-podtrail-store-cost']).toBe('requests=1;items=1001');
    expect(reader.calls.map((c) => c.method)).toEqual(['getPodHistory']);
  });

  it('refuses a cursor issued for another pod', async () => {
    const app = queryApp(fixture());
    const first = (await app.get('/v1/timeline', { ...POD, limit: '1' })).json as unknown as Body;
    const res = await app.get('/v1/timeline', { ...POD, name: 'web-1', cursor: first.next! });
    expect(res.statusCode).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toMatch(/^cursor: invalid cursor/);
  });

  it.each([
    [
      { namespace: 'default', name: 'web-0' },
      'cluster: required (the cluster name the agent reports, e.g. prod-eu-1)',
    ],
    [{ cluster: 'demo', namespace: 'default' }, 'name: required (give namespace and name, or uid)'],
    [
      { cluster: 'demo', namespace: 'default', name: 'Web_0' },
      'name: "Web_0" is not a pod name (lower-case DNS subdomain)',
    ],
    [
      { ...{ cluster: 'demo', namespace: 'default', name: 'web-0' }, limit: '5001' },
      'limit: "5001" is out of range: expected an integer from 1 to 5000',
    ],
  ])('400 for %o', async (query, message) => {
    const app = queryApp(fixture());
    const res = await app.get('/v1/timeline', query as Record<string, string>);
    expect(res.statusCode).toBe(400);
    expect(res.json).toEqual({ error: { code: 'invalid_parameter', message, requestId: 'req-1' } });
  });
});
