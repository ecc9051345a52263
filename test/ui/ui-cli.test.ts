import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServeHandle } from '../../local/serve.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { post, serveIn, tempDir } from '../serve/serve-client.js';
import { batch, revisions } from '../support/event-builders.js';

/**
 * `podtrail ui` as users run it: the real binary, its usage errors (exit 2, one line), its printed
 * link, queries through it to a real `podtrail serve`, the real AWS credential chain failing on an
 * SSO profile that never logged in, and a clean stop on SIGTERM.
 */
const BIN = fileURLToPath(new URL('../../bin/podtrail.js', import.meta.url));
const dir = tempDir('podtrail-ui-cli-');
let serve: ServeHandle;

beforeAll(async () => {
  serve = await serveIn(join(dir.path, 'data'));
  const events = healthyStart({ name: 'web', uid: 'u-cli-ui', createdAt: 0 }, revisions()).events;
  expect((await post(serve.url, serve.token, batch('cli-ui', events))).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await serve?.close();
  dir.remove();
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

function start(args: readonly string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, 'ui', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir.path, ...env },
    timeout: 110_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function link(running: Running): Promise<{ base: string; token: string }> {
  const deadline = Date.now() + 60_000;
  let found: RegExpExecArray | null = null;
  while (found === null && Date.now() < deadline && running.child.exitCode === null) {
    found = /^UI: (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]{43})$/m.exec(running.stdout());
    await new Promise((r) => setTimeout(r, 50));
  }
  if (found === null) throw new Error(`no UI link; stdout: ${running.stdout()} stderr: ${running.stderr()}`);
  return { base: found[1] ?? '', token: found[2] ?? '' };
}

describe('usage errors: one line, exit 2', () => {
  test.each([
    ['no endpoint', [], {}, /^error: no query endpoint: pass --endpoint URL or set PODTRAIL_ENDPOINT/],
    [
      'a host that is neither a Function URL nor a local serve',
      ['--endpoint', 'http://podtrail.internal:8787'],
      { PODTRAIL_TOKEN: 'x'.repeat(20) },
      /^error: --endpoint: http:\/\/podtrail\.internal:8787 is neither a Lambda Function URL/,
    ],
    ['a local serve without its token', ['--endpoint', 'http://127.0.0.1:8787'], {}, /set PODTRAIL_TOKEN/],
    ['not a URL', ['--endpoint', 'nope'], {}, /^error: --endpoint: "nope" is not a URL/],
    ['a bad port', ['--endpoint', 'http://127.0.0.1:8787', '--port', '99999'], {}, /^error: --port: "99999"/],
  ])('%s', async (_name, args, env, message) => {
    const running = start(args, env);
    expect(await running.exited).toBe(2);
    expect(running.stderr()).toMatch(message);
    expect(running.stderr()).toMatch(/\nRun "podtrail ui --help" for usage\.\n$/);
  });
});

test('--help explains both ends and the default port; podtrail --help lists ui', async () => {
  const help = start(['--help'], {});
  expect(await help.exited).toBe(0);
  expect(help.stdout()).toContain('podtrail ui [--endpoint URL] [--port 7879]');
  expect(help.stdout()).toContain('SigV4');
  const top = spawn(process.execPath, [BIN, '--help'], { env: { PATH: process.env.PATH ?? '' } });
  let text = '';
  top.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  await new Promise((resolve) => top.once('exit', resolve));
  expect(text).toMatch(/\n {2}ui +open the web UI on a deployed stack/);
});

test('against podtrail serve: prints the link, answers through it, logs no token, stops on SIGTERM', async () => {
  const running = start(['--endpoint', serve.url, '--port', '0'], { PODTRAIL_TOKEN: serve.token });
  try {
    const { base, token } = await link(running);
    expect(running.stdout()).toContain(`podtrail ui: ${serve.url} (bearer token)`);
    const answer = await fetch(`${base}/api/v1/clusters`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ clusters: [expect.objectContaining({ cluster: 'cli-ui' })] });
    expect((await fetch(`${base}/api/v1/clusters`)).status).toBe(401);
    const logged = running
      .stderr()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'ui request', route: '/v1/clusters', status: 200 }),
    );
    expect(running.stderr()).not.toContain(token);
    expect(running.stderr()).not.toContain(serve.token);
  } finally {
    running.child.kill('SIGTERM');
  }
  expect(await running.exited).toBe(0);
  expect(running.stdout()).toContain('podtrail ui stopped');
});

test('an SSO profile with no valid session: the page gets the one command that fixes it', async () => {
  const home = join(dir.path, 'sso-home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[profile team-prod]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = ReadOnly',
      'region = eu-west-1',
      '',
      '[sso-session corp]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = eu-west-1',
      '',
    ].join('\n'),
  );
  const running = start(['--endpoint', 'https://abcdefghij.lambda-url.eu-west-1.on.aws', '--port', '0'], {
    HOME: home,
    AWS_PROFILE: 'team-prod',
  });
  try {
    const { base, token } = await link(running);
    expect(running.stdout()).toContain('(SigV4, eu-west-1)');
    const answer = await fetch(`${base}/api/v1/clusters`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(503);
    // Also said at start-up, on stderr, before anyone clicks.
    expect(running.stderr()).toContain(
      'warning: the AWS SSO session of profile team-prod has expired: run "aws sso login --profile team-prod", then retry\n',
    );
    expect(await answer.json()).toMatchObject({
      error: {
        code: 'aws_credentials',
        message:
          'the AWS SSO session of profile team-prod has expired: run "aws sso login --profile team-prod", then retry',
      },
    });
  } finally {
    running.child.kill('SIGTERM');
  }
  expect(await running.exited).toBe(0);
});
