import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/query-cli-io.js';
import { serveHandler } from '../support/query-server.js';
import { NOW, startFleet, TOKEN } from './query-cli-fixture.js';

let fleet: Awaited<ReturnType<typeof startFleet>>;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet.close();
});

const cli = (...args: string[]) => runCli(args, { env: fleet.env, now: NOW });

describe('podtrail clusters', () => {
  it('shows freshness per cluster', async () => {
    const r = await cli('clusters');
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'CLUSTER     AGENT                  VERSION   LAST EVENT   LAST SYNC   LIVE PODS   GAPS   STATE',
        'prod-eu-1   podtrail-agent-5d9c7   0.1.0     5s ago       3m ago      14          0      Recording',
        'prod-us-1   podtrail-agent-7f2aa   0.1.0     120m ago     120m ago    3           1      Stale',
        '',
      ].join('\n'),
    });
  });
});

describe('podtrail restarts', () => {
  it('ranks workloads across clusters with totals', async () => {
    const r = await cli('restarts', '--since', '3h');
    expect(r.stdout).toBe(
      [
        'CLUSTER     NAMESPACE   WORKLOAD                   RESTARTS   OOMKILLED   UNOBSERVED   PODS   EXIT CODES   LAST',
        'prod-eu-1   shop        Deployment/payments-api    5          0           0            1      1×5          2026-11-23T10:49:55Z',
        'prod-us-1   media       Deployment/image-resizer   3          1           2            1      137×1        2026-11-23T10:03:10Z',
        'prod-eu-1   media       Deployment/image-resizer   1          1           0            1      137×1        2026-11-23T10:01:39Z',
        '',
        'Total: 9 restarts (2 OOMKilled, 2 unobserved) in 3 pods across 2 clusters, 2026-11-23T09:00:00Z – 2026-11-23T12:00:00Z.',
        '',
      ].join('\n'),
    );
  });

  it('-o csv is a spreadsheet of the groups', async () => {
    const r = await cli('restarts', '--since', '3h', '--group-by', 'reason,exitCode', '-o', 'csv');
    expect(r.stdout).toBe(
      'reason,exitCode,restarts,oomKilled,unobserved,records,pods,exitCodes,reasons,lastAt\r\n' +
        'Error,1,5,0,0,5,1,1:5,Error:5,2026-11-23T10:49:55.000Z\r\n' +
        'OOMKilled,137,4,2,2,2,2,137:2,OOMKilled:2,2026-11-23T10:03:10.000Z\r\n',
    );
  });

  it.each(['90m', '1h30m', '1.5h', '5400s'])(
    '--since %s is one window: the same duration grammar as the query API',
    async (since) => {
      const r = await cli('restarts', '--since', since, '-o', 'json');
      expect(JSON.parse(r.stdout).window).toEqual({
        since: '2026-11-23T10:30:00.000Z',
        until: '2026-11-23T12:00:00.000Z',
      });
    },
  );

  it('-o json carries the whole report', async () => {
    const r = await cli('restarts', '--since', '3h', '--cluster', 'prod-us-1', '-o', 'json');
    expect(JSON.parse(r.stdout)).toMatchObject({
      cluster: 'prod-us-1',
      totals: { restarts: 3, unobserved: 2, oomKilled: 1 },
    });
  });

  it('an empty window says so and suggests why', async () => {
    const r = await cli('restarts', '--since', '2026-11-20T00:00:00Z', '--until', '2026-11-21T00:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'No restarts recorded from 2026-11-20T00:00:00Z to 2026-11-21T00:00:00Z.\n' +
        'Possible reasons: a window with no activity (try a wider --since, e.g. --since 7d); records older than the retention (30 days) are gone.\n',
    );
  });
});

describe('podtrail pods', () => {
  it('lists the window with last rows and endings', async () => {
    const r = await cli('pods', '-n', 'shop', '--cluster', 'prod-eu-1', '--since', '3h');
    expect(r.stdout).toBe(
      [
        'NAME                        READY   STATUS             RESTARTS      AGE    ENDED',
        'payments-api-7d4f9c-x2k8p   0/1     CrashLoopBackOff   5 (71m ago)   120m   -',
        'payments-api-7d4f9c-q9z7w   0/1     Completed          0             9m     Deleted 2026-11-23T10:10:00Z',
        'web-0                       1/1     Running            0             118m   -',
        '',
      ].join('\n'),
    );
  });

  it('a cluster that never reported is named in the hint', async () => {
    const r = await cli('pods', '--cluster', 'nope', '--since', '3h');
    expect(r.stderr).toBe(
      'No pods seen in namespace "default" of cluster "nope" from 2026-11-23T09:00:00Z to 2026-11-23T12:00:00Z.\n' +
        'Possible reasons: cluster "nope" has never reported here (recorded: prod-eu-1, prod-us-1); a wrong -n namespace (or try -A); ' +
        'a window with no activity (try a wider --since, e.g. --since 7d); records older than the retention (30 days) are gone.\n',
    );
  });
});

describe('podtrail startup', () => {
  it('prints percentiles per workload and the slowest pods', async () => {
    const r = await cli('startup', '--since', '3h', '--limit', '2');
    expect(r.stdout).toBe(
      [
        'Pods created 2026-11-23T09:00:00Z – 2026-11-23T12:00:00Z: 3; cells are p50/p90/p99.',
        'CLUSTER     NAMESPACE   WORKLOAD                  PODS   SCHEDULING   INIT       CONTAINERS   READINESS     STARTUP    TO READY',
        'prod-eu-1   shop        Deployment/payments-api   2      1s/3s/3s     0s/1s/1s   3s/4s/4s     3s/4s/4s      4s/7s/7s   9s/10s/10s',
        'prod-eu-1   shop        StatefulSet/web           1      0s/0s/0s     1s/1s/1s   1s/1s/1s     20s/20s/20s   1s/1s/1s   22s/22s/22s',
        '',
        'Slowest pods:',
        'CLUSTER     NAMESPACE   NAME                        CREATED                SCHEDULING   INIT   CONTAINERS   READINESS   STARTUP   TO READY',
        'prod-eu-1   shop        web-0                       2026-11-23T10:01:40Z   0s           1s     1s           20s         1s        22s',
        'prod-eu-1   shop        payments-api-7d4f9c-q9z7w   2026-11-23T10:01:00Z   3s           0s     4s           3s          7s        10s',
        '',
      ].join('\n'),
    );
  });
});

describe('usage and endpoint errors', () => {
  it.each([
    [
      ['restarts', '--since', '2 h'],
      'error: --since: "2 h" is not a time: expected RFC 3339 (2026-11-23T10:00:00Z) or a duration like 2h',
    ],
    [
      ['restarts', '--since', '104000000d'],
      'error: --since: "104000000d" is out of range: the time must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z',
    ],
    [
      ['timeline', 'x'],
      'error: --cluster is required (no kubeconfig context picks one): this endpoint records 2 clusters (prod-eu-1, prod-us-1)',
    ],
    [['pods', '-n', 'a', '-A'], 'error: -n and -A cannot be used together'],
    [
      ['restarts', '-o', 'xml'],
      'error: unknown output format "xml": use one of table, wide, json, yaml, csv',
    ],
    [
      ['restarts', '--group-by', 'team'],
      'error: --group-by: "team" is not one of cluster, namespace, workload, container, reason, exitCode',
    ],
    [
      ['startup', '--group-by', 'reason'],
      'error: --group-by: "reason" is not one of cluster, namespace, workload',
    ],
    [['startup', '--group-by', 'cluster, cluster'], 'error: --group-by: "cluster" is listed twice'],
    [['restarts', '--group-by', 'cluster,cluster'], 'error: --group-by: "cluster" is listed twice'],
    [
      ['pods', '-n', 'shop', '--workload', 'web/Deployment'],
      'error: --workload: "web/Deployment" is not a workload such as Deployment/web',
    ],
  ])('%j is a usage error (exit 2)', async (args, first) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(first);
  });

  it('no endpoint says where one comes from', async () => {
    const r = await runCli(['clusters'], { env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: no query endpoint: pass --endpoint URL or set PODTRAIL_ENDPOINT (the URL "podtrail serve" prints, or the stack\'s QueryUrl output)',
    );
  });

  it('an unreachable endpoint names the URL and what to check (exit 1)', async () => {
    const closed = await serveHandler(async () => ({ statusCode: 200 }), TOKEN);
    await closed.close();
    const r = await runCli(['clusters'], { env: { PODTRAIL_ENDPOINT: closed.url, PODTRAIL_TOKEN: TOKEN } });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot reach ${closed.url}/v1/clusters: connection refused; check --endpoint or PODTRAIL_ENDPOINT, and that "podtrail serve" or the query Function URL is up\n`,
    });
  });

  it('a wrong token is one line about the token', async () => {
    const r = await runCli(['clusters'], { env: { ...fleet.env, PODTRAIL_TOKEN: 'wrong' } });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: not authorised by ${fleet.url} (HTTP 401): check PODTRAIL_TOKEN or --token (printed by "podtrail serve")\n`,
    });
  });

  it.each([
    [
      400,
      '{"error":{"code":"invalid_parameter","message":"since: \\"x\\" is not a time"}}',
      'error: since: "x" is not a time\n',
    ],
    [
      500,
      '{"error":{"code":"internal","message":"internal error (request id r-9)"}}',
      'error: internal error (request id r-9) (HTTP 500)\n',
    ],
    [200, '<html>hello</html>', 'is not JSON: is the endpoint a podtrail query URL?\n'],
  ])('an endpoint answering %d is one clear line, exit 1', async (status, body, message) => {
    const odd = await serveHandler(async () => ({ statusCode: status, body }), TOKEN);
    try {
      const r = await runCli(['clusters'], { env: { PODTRAIL_ENDPOINT: odd.url, PODTRAIL_TOKEN: TOKEN } });
      expect(r.code).toBe(1);
      expect(r.stderr.endsWith(message)).toBe(true);
      expect(r.stderr.split('\n')).toHaveLength(2);
    } finally {
      await odd.close();
    }
  });

  it.each(['timeline', 'pods', 'restarts', 'startup', 'clusters'])(
    '%s --help explains the command and its flags',
    async (name) => {
      const r = await runCli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`podtrail ${name}`);
      expect(r.stdout).toContain('--endpoint URL');
    },
  );
});
