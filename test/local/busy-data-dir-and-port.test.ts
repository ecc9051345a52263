import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPodtrail, startPodtrail } from '../support/cli-process.js';

/**
 * What holds a data directory or a port is said in one line, exit code 1, by the real binary:
 * `npm start` and a second `podtrail serve` on a data directory a running `podtrail serve` holds,
 * and `podtrail serve` on a port already taken.
 */
let dataDir: string;
let otherDir: string;
let serve: Awaited<ReturnType<typeof startPodtrail>>;
let url: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podtrail-busy-'));
  otherDir = mkdtempSync(join(tmpdir(), 'podtrail-busy-other-'));
  serve = await startPodtrail(['serve', '--port', '0', '--data-dir', dataDir], /token: \S+/);
  url = /listening on (\S+)/.exec(serve.banner)?.[1] ?? '';
}, 40_000);

afterAll(async () => {
  await serve.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

describe('a data directory a running podtrail serve holds', () => {
  const holder = () => `process ${serve.child.pid} (podtrail, serving ${url})`;

  it('npm start says which process holds it and what to do, in one line', async () => {
    const run = await runPodtrail(['start', '--demo', '--once', '--port', '0', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: the data directory ${dataDir} is in use by ${holder()}: stop it (kill ${serve.child.pid}), query it through ${url}, or pass --data-dir DIR for another store\n`,
    );
    expect(run.stdout).toBe('');
  });

  it('a second podtrail serve says the same', async () => {
    const run = await runPodtrail(['serve', '--port', '0', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^error: the data directory ${dataDir} is in use by process \\d+ `),
    );
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('the holder still answers queries afterwards', async () => {
    const token = /token: (\S+)/.exec(serve.banner)?.[1] ?? '';
    const res = await fetch(`${url}/v1/clusters`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});

describe('a port already in use', () => {
  it('podtrail serve names the port and what to do, in one line', async () => {
    const port = new URL(url).port;
    const run = await runPodtrail(['serve', '--port', port, '--data-dir', otherDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: port ${port} on 127.0.0.1 is already in use: stop whatever listens there, or pass --port N (0 for any free port)\n`,
    );
    // The failed serve left the data directory free for the next one.
    expect(existsSync(join(otherDir, 'serve.lock'))).toBe(false);
  });

  it('npm start says the same', async () => {
    const port = new URL(url).port;
    const run = await runPodtrail(['start', '--demo', '--once', '--port', port, '--data-dir', otherDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: port ${port} on 127.0.0.1 is already in use: stop whatever listens there, or pass --port N (0 for any free port)\n`,
    );
  });
});

describe('a lock left behind by a process that is gone', () => {
  it('is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podtrail-stale-'));
    try {
      // pid 2^22+1 is above Linux's pid_max: no such process.
      writeFileSync(join(dir, 'serve.lock'), JSON.stringify({ pid: 4_194_305, url: 'http://127.0.0.1:1' }));
      const other = await startPodtrail(['serve', '--port', '0', '--data-dir', dir], /token: \S+/);
      await other.stop();
      expect(
        existsSync(join(dir, 'serve.lock')),
        `${other.child.exitCode} ${other.child.signalCode} ${other.stderr()}`,
      ).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
