import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { healthyStart } from '../ingest/lifecycles.js';
import { batch, revisions } from '../support/event-builders.js';
import { post, tempDir } from './serve-client.js';

/** `podtrail serve` as users run it: a real process, its printed URL and token, SIGTERM to stop. */
const BIN = fileURLToPath(new URL('../../bin/podtrail.js', import.meta.url));
const dir = tempDir();
afterAll(() => dir.remove());

test('podtrail serve --port 0 prints its URL and token, ingests, and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir.path], {
    env: { PATH: process.env.PATH, HOME: dir.path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 45_000;
    while (!/UI: \S+/.test(stdout) && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    const token = /token: (\S+)/.exec(stdout)?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    const response = await post(
      url ?? '',
      token,
      batch('cli', healthyStart({ name: 'web', uid: 'u-cli', createdAt: 0 }, revisions()).events),
      { gzip: true },
    );
    expect(response.json).toMatchObject({ accepted: 5, rejected: [] });
    // The web UI's link: its own token, which reads through /api/v1 and nothing else.
    const ui = /^UI: (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]{43})$/m.exec(stdout);
    expect(ui?.[1]).toBe(url);
    const clusters = await fetch(`${url}/api/v1/clusters`, {
      headers: { authorization: `Bearer ${ui?.[2]}` },
    });
    expect(clusters.status).toBe(200);
    expect(await clusters.json()).toMatchObject({ clusters: [expect.objectContaining({ cluster: 'cli' })] });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(stdout).toContain('podtrail serve stopped');
});
