import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demo, type FleetContext, table } from '../support/query-e2e-fleet.js';

/** `podtrail timeline` end to end (registered by query-e2e.test.ts per emulator); golden tables are exact. */
export function timelineSuite(fleet: FleetContext): void {
  describe('podtrail timeline, end to end', () => {
    it("replays the seed's bad-image pod exactly as kubectl get po -w printed it, with a TIME column", async () => {
      const r = await fleet.cli('timeline', 'pod-phase', '--cluster', 'seed');
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(
        table(
          'TIME                   NAME        READY   STATUS              RESTARTS   AGE',
          '2026-11-23T10:00:01Z   pod-phase   0/1     ContainerCreating   0          1s',
          '2026-11-23T10:00:41Z   pod-phase   0/1     ErrImagePull        0          41s',
          '2026-11-23T10:00:52Z   pod-phase   0/1     ImagePullBackOff    0          52s',
          '2026-11-23T10:01:37Z   pod-phase   0/1     ErrImagePull        0          97s',
          '2026-11-23T10:01:50Z   pod-phase   0/1     ImagePullBackOff    0          110s',
          '2026-11-23T10:02:42Z   pod-phase   0/1     ErrImagePull        0          2m42s',
          '2026-11-23T10:02:54Z   pod-phase   0/1     ImagePullBackOff    0          2m54s',
        ),
      );
    });

    it('shows a crash loop with growing RESTARTS "(X ago)" evaluated at each row, and the gap the agent reported', async () => {
      const r = await fleet.cli('timeline', demo.crashLoop.name, '--cluster', 'demo');
      const n = demo.crashLoop.name;
      expect(r.stdout).toBe(
        table(
          `TIME                   NAME                            READY   STATUS    RESTARTS   AGE`,
          `2026-11-23T10:00:00Z   ${n}   0/1     Pending   0          0s`,
          `2026-11-23T10:00:00Z   ${n}   0/1     Pending   0          0s`,
          `2026-11-23T10:00:01Z   ${n}   0/1     ContainerCreating   0          1s`,
          `2026-11-23T10:00:03Z   ${n}   0/1     Running             0          3s`,
          `2026-11-23T10:00:04Z   ${n}   1/1     Running             0          4s`,
          `2026-11-23T10:00:08Z   ${n}   0/1     Error               0          8s`,
          `2026-11-23T10:00:09Z   ${n}   0/1     CrashLoopBackOff    1 (1s ago)   9s`,
          `2026-11-23T10:00:19Z   ${n}   0/1     Running             1 (11s ago)   19s`,
          `2026-11-23T10:00:24Z   ${n}   0/1     Error               1 (16s ago)   24s`,
          `2026-11-23T10:00:25Z   ${n}   0/1     CrashLoopBackOff    2 (1s ago)    25s`,
          `2026-11-23T10:00:45Z   ${n}   0/1     Running             2 (21s ago)   45s`,
          `2026-11-23T10:00:50Z   ${n}   0/1     Error               2 (26s ago)   50s`,
          `2026-11-23T10:00:51Z   ${n}   0/1     CrashLoopBackOff    3 (1s ago)    51s`,
          `2026-11-23T10:01:31Z   ${n}   0/1     Running             3 (41s ago)   91s`,
          `2026-11-23T10:10:00Z   ${n}   0/1     Running             3 (9m10s ago)   10m   gap: events since 2026-11-23T10:08:20Z may be missing`,
        ),
      );
    });

    it('-o wide says which container ended, why, with which exit code and message', async () => {
      const r = await fleet.cli('timeline', demo.crashLoop.name, '--cluster', 'demo', '-o', 'wide');
      const rows = r.stdout.split('\n');
      expect(rows[0]).toMatch(/^TIME +NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +CHANGE$/);
      expect(rows[6]).toMatch(
        / 0\/1 +Error +0 +8s +10\.0\.91\.79 +ip-10-0-2-201\.eu-west-1\.compute\.internal +Ready True → False; ContainersReady True → False; api running → terminated:Error:1; Error: panic: dial tcp 10\.0\.9\.12:5432: connect: connection refused$/,
      );
      expect(rows[7]).toContain(
        'api terminated:Error:1 → waiting:CrashLoopBackOff; CrashLoopBackOff: back-off 10s restarting failed container=api',
      );
    });

    it('shows init containers running one after the other', async () => {
      const r = await fleet.cli('timeline', demo.init.name, '--cluster', 'demo');
      const n = demo.init.name;
      expect(r.stdout).toBe(
        table(
          `TIME                   NAME                     READY   STATUS    RESTARTS   AGE`,
          `2026-11-23T10:00:00Z   ${n}   0/1     Pending   0          0s`,
          `2026-11-23T10:00:00Z   ${n}   0/1     Pending   0          0s`,
          `2026-11-23T10:00:01Z   ${n}   0/1     Init:0/2   0          1s`,
          `2026-11-23T10:00:02Z   ${n}   0/1     Init:0/2   0          2s`,
          `2026-11-23T10:00:06Z   ${n}   0/1     Init:1/2   0          6s`,
          `2026-11-23T10:00:12Z   ${n}   0/1     PodInitializing   0          12s`,
          `2026-11-23T10:00:14Z   ${n}   0/1     Running           0          14s`,
          `2026-11-23T10:00:18Z   ${n}   1/1     Running           0          18s`,
          `2026-11-23T10:10:00Z   ${n}   1/1     Running           0          10m   gap: events since 2026-11-23T10:08:20Z may be missing`,
        ),
      );
    });

    it('counts a sidecar in READY (2/2) and reports it as an init container in -o wide', async () => {
      const r = await fleet.cli('timeline', demo.sidecar.name, '--cluster', 'demo');
      const n = demo.sidecar.name;
      expect(r.stdout).toBe(
        table(
          `TIME                   NAME                          READY   STATUS    RESTARTS   AGE`,
          `2026-11-23T10:00:00Z   ${n}   0/2     Pending   0          0s`,
          `2026-11-23T10:00:00Z   ${n}   0/2     Pending   0          0s`,
          `2026-11-23T10:00:01Z   ${n}   0/2     Init:0/1   0          1s`,
          `2026-11-23T10:00:02Z   ${n}   1/2     PodInitializing   0          2s`,
          `2026-11-23T10:00:04Z   ${n}   1/2     Running           0          4s`,
          `2026-11-23T10:00:07Z   ${n}   2/2     Running           0          7s`,
          `2026-11-23T10:10:00Z   ${n}   2/2     Running           0          10m   gap: events since 2026-11-23T10:08:20Z may be missing`,
        ),
      );
      const wide = await fleet.cli('timeline', n, '--cluster', 'demo', '-o', 'wide', '--no-headers');
      expect(wide.stdout.split('\n')[3]).toContain('init log-shipper waiting:PodInitializing → running');
    });

    it('ends a deleted pod with its final state and says "deleted"', async () => {
      const r = await fleet.cli('timeline', demo.deleted.name, '--cluster', 'demo');
      expect(r.stdout.trimEnd().split('\n').slice(-3)).toEqual([
        `2026-11-23T10:00:20Z   ${demo.deleted.name}   1/1     Terminating         0          20s`,
        `2026-11-23T10:00:21Z   ${demo.deleted.name}   0/1     Terminating         0          21s`,
        `2026-11-23T10:00:22Z   ${demo.deleted.name}   0/1     Terminating         0          22s   deleted`,
      ]);
    });

    it('says plainly that a pod vanished while unwatched', async () => {
      const r = await fleet.cli('timeline', demo.vanishing.name, '--cluster', 'demo');
      expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
        `2026-11-23T10:10:00Z   ${demo.vanishing.name}   1/1     Running             0          10m   vanished: deleted while unwatched, final state unknown (last known state shown)`,
      );
    });

    it('separates and labels every incarnation of one name, oldest first', async () => {
      const r = await fleet.cli('timeline', 'web-0', '--cluster', 'demo');
      expect(r.stdout).toBe(
        table(
          `# uid ${demo.firstWeb.uid} · default/web-0 · created 2026-11-23T10:00:00Z · deleted 2026-11-23T10:01:00Z`,
          'TIME                   NAME    READY   STATUS    RESTARTS   AGE',
          '2026-11-23T10:00:00Z   web-0   0/1     Pending   0          0s',
          '2026-11-23T10:00:00Z   web-0   0/1     Pending   0          0s',
          '2026-11-23T10:00:01Z   web-0   0/1     ContainerCreating   0          1s',
          '2026-11-23T10:00:41Z   web-0   0/1     ErrImagePull        0          41s',
          '2026-11-23T10:00:52Z   web-0   0/1     ImagePullBackOff    0          52s',
          '2026-11-23T10:01:00Z   web-0   0/1     ImagePullBackOff    0          60s   deleted',
          '',
          `# uid ${demo.secondWeb.uid} · default/web-0 · created 2026-11-23T10:02:00Z · last seen 2026-11-23T10:02:05Z`,
          'TIME                   NAME    READY   STATUS    RESTARTS   AGE',
          '2026-11-23T10:02:00Z   web-0   0/1     Pending   0          0s',
          '2026-11-23T10:02:00Z   web-0   0/1     Pending   0          0s',
          '2026-11-23T10:02:01Z   web-0   0/1     ContainerCreating   0          1s',
          '2026-11-23T10:02:02Z   web-0   0/1     Running             0          2s',
          '2026-11-23T10:02:05Z   web-0   1/1     Running             0          5s',
          '2026-11-23T10:10:00Z   web-0   1/1     Running             0          8m    gap: events since 2026-11-23T10:08:20Z may be missing',
        ),
      );
      const one = await fleet.cli(
        'timeline',
        'web-0',
        '--cluster',
        'demo',
        '--uid',
        demo.secondWeb.uid,
        '--no-headers',
      );
      expect(one.stdout.split('\n')).toHaveLength(7);
    });

    it('finds a deleted pod by --uid alone', async () => {
      const r = await fleet.cli('timeline', '--cluster', 'demo', '--uid', demo.firstWeb.uid, '--no-headers');
      expect(r.code).toBe(0);
      const rows = r.stdout.trimEnd().split('\n');
      // One incarnation: no uid header, just its rows, from first sighting to deletion.
      expect(rows[0]).toMatch(/^2026-11-23T10:00:00Z +web-0 +0\/1 +Pending /);
      expect(rows.at(-1)).toMatch(/^2026-11-23T10:01:00Z +web-0 /);
      expect(rows.every((row) => row < '2026-11-23T10:01:01')).toBe(true);
    });

    it('an unknown pod says so and suggests why', async () => {
      const r = await fleet.cli('timeline', 'nope', '--cluster', 'demo');
      expect(r).toEqual({
        code: 0,
        stdout: '',
        stderr:
          'No timeline recorded for pod default/nope in cluster "demo".\n' +
          'Possible reasons: a wrong --cluster name; a wrong -n namespace (or try -A); records older than the retention (30 days) are gone.\n',
      });
    });

    it('--html draws the swim lanes, which headless Chromium loads and shows', async () => {
      const r = await fleet.cli(
        'timeline',
        demo.crashLoop.name,
        '--cluster',
        'demo',
        '--html',
        'crash.html',
        '-o',
        'json',
      );
      expect(r.code).toBe(0);
      const file = join(fleet.dir, 'crash.html');
      expect(r.stderr).toBe(`wrote ${file}\n`);
      const html = await readFile(file, 'utf8');
      expect(html.match(/class="marker marker-restart"/g)).toHaveLength(3);
      const profile = await mkdtemp(join(fleet.dir, 'chromium-'));
      const { stdout, stderr } = await promisify(execFile)(
        '/usr/bin/chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          '--enable-logging=stderr',
          '--v=0',
          '--dump-dom',
          `file://${file}`,
        ],
        { timeout: 45_000, maxBuffer: 8 * 1024 * 1024 },
      );
      expect(stderr).not.toMatch(/CONSOLE|net::ERR|Uncaught/);
      expect([...stdout.matchAll(/data-lane="([^"]+)"/g)].map((m) => m[1])).toEqual([
        'status',
        'container/api',
      ]);
      for (const label of ['>STATUS<', '>api<', '>CrashLoopBackOff<', `uid ${demo.crashLoop.uid}`])
        expect(stdout).toContain(label);
    });
  });
}
