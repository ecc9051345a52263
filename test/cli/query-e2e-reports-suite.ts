import { describe, expect, it } from 'vitest';
import { demo, type FleetContext, SINCE, table, timed } from '../support/query-e2e-fleet.js';

/** Reports and the HTTP API end to end (registered by query-e2e.test.ts per emulator). */
export function reportsSuite(fleet: FleetContext): void {
  describe('podtrail restarts, end to end', () => {
    it('totals equal the ledger: 4 + 2 restarts in fleet-a, 4 + 4 in fleet-b of which 1 unobserved', async () => {
      const r = await fleet.cli('restarts', ...SINCE, '--group-by', 'cluster', '-o', 'json');
      const report = JSON.parse(r.stdout) as {
        totals: Record<string, number>;
        groups: { key: { cluster: string }; restarts: number; unobserved: number; oomKilled: number }[];
      };
      const byCluster = Object.fromEntries(
        report.groups.map((g) => [g.key.cluster, [g.restarts, g.unobserved, g.oomKilled]]),
      );
      // demo: crash loop 3 + nothing else; fleet-a: 4 + OOM 2; fleet-b: 4 + 4 (a jump 1 → 3 hides one).
      expect(byCluster).toEqual({ demo: [3, 0, 0], 'fleet-a': [6, 0, 2], 'fleet-b': [8, 1, 0] });
      expect(report.totals).toMatchObject({
        restarts: 17,
        unobserved: 1,
        oomKilled: 2,
        clusters: 3,
        pods: 5,
      });
    });

    it('prints the audit table with reason and exit code columns', async () => {
      const r = await fleet.cli(
        'restarts',
        ...SINCE,
        '--cluster',
        'fleet-a',
        '--group-by',
        'workload,container,reason,exitCode',
      );
      expect(r.stdout).toBe(
        table(
          'WORKLOAD                   CONTAINER   REASON      EXIT CODE   RESTARTS   OOMKILLED   UNOBSERVED   PODS   EXIT CODES   LAST',
          'Deployment/payments-api    api         Error       1           4          0           0            1      1×4          2026-11-23T10:01:36Z',
          'Deployment/image-resizer   worker      OOMKilled   137         2          2           0            1      137×2        2026-11-23T10:01:00Z',
          '',
          'Total: 6 restarts (2 OOMKilled, 0 unobserved) in 2 pods across 1 cluster, 2026-11-23T09:00:00Z – 2026-11-23T13:00:00Z.',
        ),
      );
    });
  });

  describe('podtrail startup, end to end', () => {
    it('percentiles match the hand-computed nearest-rank values', async () => {
      // Sorted scheduling 1,1,2,2,3,3,4,5,8,20 s: p50 = 5th = 3 s, p90 = 9th = 8 s, p99 = 10th = 20 s.
      // startup = scheduling + containers: 3,3,4,5,6,6,8,9,14,30 → 6, 14, 30. toReady: 5,5,6,7,9,10,12,16,22,63 → 9, 22, 63.
      const r = await fleet.cli(
        'startup',
        ...SINCE,
        '--cluster',
        'startup',
        '--group-by',
        'workload',
        '-o',
        'json',
      );
      const body = JSON.parse(r.stdout) as {
        groups: { pods: number; phases: Record<string, { p50: number; p90: number; p99: number }> }[];
      };
      expect(body.groups).toHaveLength(1);
      const seconds = Object.fromEntries(
        Object.entries(body.groups[0]!.phases).map(([phase, d]) => [
          phase,
          [d.p50 / 1000, d.p90 / 1000, d.p99 / 1000],
        ]),
      );
      expect(seconds).toEqual({
        scheduling: [3, 8, 20],
        initialization: [1, 3, 3],
        containerStart: [3, 6, 10],
        readiness: [2, 5, 30],
        startup: [6, 14, 30],
        toReady: [9, 22, 63],
      });
    });

    it('prints them as a table, with the slowest pods', async () => {
      const r = await fleet.cli(
        'startup',
        ...SINCE,
        '--cluster',
        'startup',
        '--group-by',
        'workload',
        '--limit',
        '1',
      );
      expect(r.stdout).toBe(
        table(
          'Pods created 2026-11-23T09:00:00Z – 2026-11-23T13:00:00Z: 10; cells are p50/p90/p99.',
          'WORKLOAD         PODS   SCHEDULING   INIT       CONTAINERS   READINESS   STARTUP      TO READY',
          'Deployment/api   10     3s/8s/20s    1s/3s/3s   3s/6s/10s    2s/5s/30s   6s/14s/30s   9s/22s/63s',
          '',
          'Slowest pods:',
          'CLUSTER   NAMESPACE   NAME                   CREATED                SCHEDULING   INIT   CONTAINERS   READINESS   STARTUP   TO READY',
          `startup   default     ${timed[9]!.name}   2026-11-23T10:09:00Z   20s          3s     10s          30s         30s       63s`,
        ),
      );
    });
  });

  describe('podtrail pods and clusters, end to end', () => {
    it('lists what was seen with how each pod ended', async () => {
      const r = await fleet.cli('pods', ...SINCE, '--cluster', 'demo', '--no-headers');
      const rows = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/ {3,}/));
      const ended = Object.fromEntries(rows.map((cells) => [cells[0], cells.at(-1)]));
      expect(ended[demo.deleted.name]).toBe('Deleted 2026-11-23T10:00:22Z');
      expect(ended[demo.vanishing.name]).toBe('Vanished 2026-11-23T10:10:00Z');
      expect(ended[demo.init.name]).toBe('-');
      expect(rows).toHaveLength(7);
    });

    it('lists the pods that entered CrashLoopBackOff across clusters', async () => {
      const r = await fleet.cli('pods', '--status', 'CrashLoopBackOff', ...SINCE, '-A', '--no-headers');
      const clusters = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split(/ {3,}/)[1]);
      expect(clusters.filter((c) => c === 'demo')).toHaveLength(3);
      expect(clusters.filter((c) => c === 'fleet-a')).toHaveLength(5);
    });

    it('shows every cluster with its live pods and gaps', async () => {
      const r = await fleet.cli('clusters', '-o', 'json');
      const body = JSON.parse(r.stdout) as {
        clusters: { cluster: string; livePods: number; gaps: unknown[]; stale: boolean }[];
      };
      expect(body.clusters.map((c) => [c.cluster, c.livePods, c.gaps.length, c.stale]).sort()).toEqual([
        ['demo', 4, 1, true],
        ['fleet-a', 2, 0, true],
        ['fleet-b', 2, 0, true],
        ['seed', 1, 0, true],
        ['startup', 10, 0, true],
      ]);
    });
  });

  describe('the query API over HTTP, end to end', () => {
    const get = async (path: string, query: Record<string, string>) => {
      const response = await fetch(`${fleet.pipeline.url}${path}?${new URLSearchParams(query)}`, {
        headers: { authorization: `Bearer ${fleet.pipeline.env.PODTRAIL_TOKEN}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    async function pages(path: string, query: Record<string, string>, field: string) {
      const out: unknown[][] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 50; i++) {
        const { status, body } = await get(path, { ...query, ...(cursor ? { cursor } : {}) });
        expect(status).toBe(200);
        out.push(body[field] as unknown[]);
        cursor = body.next as string | undefined;
        if (cursor === undefined) return out;
      }
      throw new Error('more than 50 pages');
    }

    it('pages of 2 pods add up to the one-page answer', async () => {
      const query = { cluster: 'startup', since: '2026-11-23T09:00:00Z', until: '2026-11-23T13:00:00Z' };
      const whole = (await pages('/v1/pods', { ...query, limit: '1000' }, 'pods')).flat() as {
        uid: string;
      }[];
      const paged = await pages('/v1/pods', { ...query, limit: '2' }, 'pods');
      expect(whole).toHaveLength(10);
      expect(paged.flat().map((p) => (p as { uid: string }).uid)).toEqual(whole.map((p) => p.uid));
      expect(paged.every((p) => p.length <= 2)).toBe(true);
    });

    it('timeline pages of 3 entries cross the incarnation boundary and lose nothing', async () => {
      const query = { cluster: 'demo', namespace: 'default', name: 'web-0' };
      type Inc = { pod: { uid: string }; entries: { resourceVersion: string }[] };
      const flat = (ps: unknown[][]) =>
        (ps.flat() as Inc[]).flatMap((i) => i.entries.map((e) => `${i.pod.uid}@${e.resourceVersion}`));
      const whole = flat(await pages('/v1/timeline', query, 'incarnations'));
      const paged = await pages('/v1/timeline', { ...query, limit: '3' }, 'incarnations');
      expect(whole).toHaveLength(12);
      expect(paged.length).toBe(4);
      expect(flat(paged)).toEqual(whole);
    });

    it('the raw restart ledger pages across clusters and adds up to the report', async () => {
      const paged = await pages(
        '/v1/restarts/records',
        { since: '2026-11-23T09:00:00Z', until: '2026-11-23T13:00:00Z', limit: '4' },
        'restarts',
      );
      const records = paged.flat() as { unobserved: number }[];
      expect(records.reduce((n, r) => n + 1 + r.unobserved, 0)).toBe(17);
    });

    it.each([
      [
        '/v1/pods',
        { cluster: 'demo', since: '2 h' },
        'since: "2 h" is not a time: expected RFC 3339 (e.g. 2026-11-23T10:00:00Z) or a duration like 2h, 30m, 7d',
      ],
      [
        '/v1/pods',
        { cluster: 'demo', limit: '0' },
        'limit: "0" is out of range: expected an integer from 1 to 1000',
      ],
      [
        '/v1/timeline',
        { cluster: 'demo', namespace: 'default', name: 'web-0', colour: 'red' },
        'colour: unknown parameter; this route accepts "cluster", "namespace", "name", "uid", "limit", "cursor"',
      ],
      [
        '/v1/pods',
        { cluster: 'demo', cursor: 'eyJ4IjoxfQ.AAAA' },
        'cursor: invalid cursor: it was not issued for this query (pass the "next" value of the previous page with the same parameters)',
      ],
      [
        '/v1/restarts',
        { groupBy: 'pod' },
        'groupBy: "pod" is not one of cluster, namespace, workload, container, reason, exitCode (give a comma-separated list)',
      ],
    ])('%s %j is a 400 with the message', async (path, query, message) => {
      const { status, body } = await get(path, query);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'invalid_parameter', message });
    });
  });
}
