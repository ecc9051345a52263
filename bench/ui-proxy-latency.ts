/**
 * `podtrail ui`'s added latency per request on loopback: the same GET sent straight to an upstream
 * and through the proxy (local/ui-proxy.ts) to that upstream, interleaved in one run so both see
 * the same machine. Two proxy modes: a bearer token (in front of `podtrail serve`) and SigV4 with
 * static credentials (a Function URL; signing is the proxy's main cost). Budget (issue 15): ≤ 5 ms
 * p99 added.
 *
 *   npx tsx bench/ui-proxy-latency.ts [--requests 2000] [--body-kb 20]
 *
 * The upstream answers a fixed JSON body of --body-kb KB (a page of pods is 5–50 KB) so the numbers
 * are the proxy's, not the query's.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { RequestAuth } from '../agent/http-auth.js';
import { startUiProxy } from '../local/ui-proxy.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '2000' }, 'body-kb': { type: 'string', default: '20' } },
});
const requests = Number(values.requests);
const body = JSON.stringify({ pods: 'x'.repeat(Number(values['body-kb']) * 1024) });
const WARMUP = 200;

const upstream = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
});
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * One GET, timed from the call to the last byte of the body: wall ms, and this process's CPU µs
 * (client, proxy and upstream all run here, one request at a time, so the CPU a proxied request
 * takes beyond a direct one is the proxy's own work, whatever else the machine is doing).
 */
function timedGet(url: string, headers: Record<string, string>): Promise<{ ms: number; cpuUs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        const used = process.cpuUsage(cpu);
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        else resolve({ ms: performance.now() - started, cpuUs: used.user + used.system });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const modes: { name: string; auth: RequestAuth }[] = [
  { name: 'bearer (podtrail serve)', auth: { kind: 'bearer', token: 'bench-token-0123456789abcdef' } },
  { name: 'SigV4 (Function URL)', auth: { kind: 'sigv4', region: 'eu-west-1' } },
];

const rows: string[] = [];
for (const mode of modes) {
  const proxy = await startUiProxy({
    endpoint: new URL(upstreamUrl),
    auth: mode.auth,
    credentials: async () => ({
      accessKeyId: 'AKIDBENCH',
      secretAccessKey: 'bench-secret',
      sessionToken: 'bench',
    }),
    port: 0,
  });
  const token = proxy.uiUrl.split('#token=')[1] ?? '';
  const direct = `${upstreamUrl}/v1/pods?cluster=bench&since=2026-01-01T00:00:00Z`;
  const proxied = `${proxy.url}/api/v1/pods?cluster=bench&since=2026-01-01T00:00:00Z`;
  const proxiedHeaders = { authorization: `Bearer ${token}`, 'sec-fetch-site': 'same-origin' };
  const times = { direct: [] as number[], proxied: [] as number[] };
  const cpuUs = { direct: 0, proxied: 0 };
  for (let i = 0; i < WARMUP + requests; i++) {
    const d = await timedGet(direct, {});
    const p = await timedGet(proxied, proxiedHeaders);
    if (i >= WARMUP) {
      times.direct.push(d.ms);
      times.proxied.push(p.ms);
      cpuUs.direct += d.cpuUs;
      cpuUs.proxied += p.cpuUs;
    }
  }
  await proxy.close();
  times.direct.sort((a, b) => a - b);
  times.proxied.sort((a, b) => a - b);
  const at = (p: number) => {
    const d = percentile(times.direct, p);
    const q = percentile(times.proxied, p);
    return { d: d.toFixed(2), q: q.toFixed(2), added: (q - d).toFixed(2) };
  };
  const [p50, p90, p99] = [at(50), at(90), at(99)];
  rows.push(
    `| ${mode.name} | ${p50.d} / ${p90.d} / ${p99.d} | ${p50.q} / ${p90.q} / ${p99.q} | ` +
      `${p50.added} / ${p90.added} / ${p99.added} | ${Math.round(cpuUs.direct / requests)} / ` +
      `${Math.round(cpuUs.proxied / requests)} / ${Math.round((cpuUs.proxied - cpuUs.direct) / requests)} |`,
  );
}
agent.destroy();
upstream.close();

console.log(
  `${requests} requests per mode (after ${WARMUP} warm-up), ${values['body-kb']} KB JSON body, ` +
    `${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}; ms p50 / p90 / p99:\n`,
);
console.log(
  '| proxy mode | direct, ms | through the proxy, ms | added, ms | CPU µs per request: direct / proxied / added |',
);
console.log('|---|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
