import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryConfig } from '../../functions/query/config.js';
import { createQueryHandler } from '../../functions/query/create-handler.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import { crashLoop, deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { deliver } from '../store/convergence-support.js';
import { at, eventVersion, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { runCli } from '../support/query-cli-io.js';
import { serveHandler } from '../support/query-server.js';

/**
 * `podtrail describe` over HTTP against a store fed through the ingest's parser: a crash loop
 * described at three moments of its life (each moment's state and event counts), what goes to
 * stderr, -o json, and the errors. The byte-for-byte comparison with kubectl is in
 * test/describe/recorded.golden.test.ts.
 */
const NOW = T0 + 3_600_000;
const TOKEN = 'describe-cli-token';
const POD = { name: 'crash-1', namespace: 'default' };

describe('podtrail describe', () => {
  let server: Awaited<ReturnType<typeof serveHandler>>;
  const describeAt = (args: string[]) =>
    runCli(['describe', ...args], {
      env: { PODTRAIL_ENDPOINT: server.url, PODTRAIL_TOKEN: TOKEN, PODTRAIL_CLUSTER: 'prod-eu-1', TZ: 'UTC' },
      now: NOW,
    });

  beforeAll(async () => {
    const store = createStore({ table: createMemoryTable(), now: () => NOW });
    const nextRv = revisions();
    const backOff = (count: number, last: number) =>
      eventVersion(
        {
          uid: 'ev-back',
          pod: { ...POD, uid: 'uid-crash' },
          reason: 'BackOff',
          type: 'Warning',
          first: 21,
          last,
          count,
        },
        String(9000 + count),
      );
    await deliver(store, [
      ...deleteAfter(healthyStart({ ...POD, uid: 'uid-old', createdAt: -600 }, nextRv), -500).events,
      ...crashLoop({ ...POD, uid: 'uid-crash', createdAt: 0 }, nextRv, 4).events,
      backOff(1, 21),
      backOff(2, 46),
      backOff(3, 81),
      backOff(4, 126),
    ]);
    server = await serveHandler(
      createQueryHandler({
        reader: store,
        config: queryConfig({ cursorKey: new Uint8Array(32).fill(3), tableName: 'describe-cli' }),
        clock: () => NOW,
        log: () => undefined,
      }),
      TOKEN,
    );
  });
  afterAll(() => server.close());

  const line = (text: string, label: string) =>
    text
      .split('\n')
      .find((l) => l.trimStart().startsWith(label))
      ?.trim()
      .replace(/\s+/g, ' ');

  it.each([
    [25, 'State: Waiting', 'Restart Count: 1', 'Warning BackOff 4s kubelet BackOff happened'],
    [70, 'State: Running', 'Restart Count: 2', 'Warning BackOff 24s (x2 over 49s) kubelet BackOff happened'],
    [
      200,
      'State: Running',
      'Restart Count: 4',
      'Warning BackOff 74s (x4 over 2m59s) kubelet BackOff happened',
    ],
  ])('at %is the pod shows that moment’s state and event counts', async (seconds, state, restarts, event) => {
    const result = await describeAt(['crash-1', '--at', at(seconds)]);
    expect(result.code).toBe(0);
    expect(line(result.stdout, 'State:')).toBe(state);
    expect(line(result.stdout, 'Restart Count:')).toBe(restarts);
    expect(line(result.stdout, 'Warning')).toBe(event);
  });

  it('says on stderr which moment it described and which other incarnations exist', async () => {
    const result = await describeAt(['crash-1', '--at', at(70)]);
    expect(result.stderr).toBe(
      `# podtrail: uid uid-crash as recorded at ${at(70).slice(0, 19)}Z (last seen ${at(165).slice(0, 19)}Z)\n` +
        `# also recorded: uid uid-old, first seen ${at(-600).slice(0, 19)}Z, deleted ${at(-497).slice(0, 19)}Z (--uid uid-old)\n`,
    );
    expect(line(result.stdout, 'Name:')).toBe('Name: crash-1');
  });

  it('describes an earlier incarnation by --uid, as of its deletion by default', async () => {
    const result = await describeAt(['crash-1', '--uid', 'uid-old']);
    expect(result.code).toBe(0);
    // deleteAfter ends the pod Succeeded, with its deletion timestamp: kubectl 1.35 prints the phase.
    expect(line(result.stdout, 'Status:')).toBe('Status: Succeeded');
    expect(result.stderr).toContain('# also recorded: uid uid-crash');
  });

  it('timeline -o wide says on stderr how to describe the pod at any row', async () => {
    const result = await runCli(['timeline', 'crash-1', '--uid', 'uid-crash', '-o', 'wide'], {
      env: { PODTRAIL_ENDPOINT: server.url, PODTRAIL_TOKEN: TOKEN, PODTRAIL_CLUSTER: 'prod-eu-1' },
      now: NOW,
    });
    expect(result.stderr).toBe(
      '# describe it at any row: podtrail describe crash-1 -n default --cluster prod-eu-1 --uid uid-crash --at <TIME>\n',
    );
  });

  it('-o json gives the pod object and events as of the moment', async () => {
    const result = await describeAt(['crash-1', '--at', at(70), '-o', 'json']);
    const body = JSON.parse(result.stdout) as {
      at: string;
      pod: { status: { containerStatuses: { restartCount: number }[] } };
      events: { count: number }[];
    };
    expect(body.at).toBe(at(70));
    expect(body.pod.status.containerStatuses[0]?.restartCount).toBe(2);
    expect(body.events.map((e) => e.count)).toEqual([2]);
  });

  it.each([
    [['nobody'], 1, 'no pod default/nobody is recorded'],
    [['crash-1', '--at', 'yesterday'], 2, '--at: "yesterday" is not a time'],
    [['crash-1', '--at', at(-1000)], 1, 'was first seen at'],
    [[], 2, 'give a POD name'],
  ])('%j exits %i: %s', async (args, code, message) => {
    const result = await describeAt(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
