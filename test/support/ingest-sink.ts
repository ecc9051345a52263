import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type {
  EventBatch,
  EventWireEvent,
  IngestResult,
  PodEvent,
  SyncEvent,
  WireEvent,
} from '../../functions/domain/wire-format.js';

/**
 * A real loopback ingest for agent tests: POST /v1/events, gunzip, bearer-token check, and a record
 * of every batch. It can be told to fail (503/429 with Retry-After, 413 above a size, 400), to be
 * slow, or to reject chosen events one by one — the ingest contract of docs/wire-format.md, nothing more.
 */

export interface RecordedBatch {
  readonly receivedAtMs: number;
  readonly batch: EventBatch;
  readonly gzipBytes: number;
  readonly jsonBytes: number;
}

export interface RecordedEvent {
  readonly receivedAtMs: number;
  readonly event: WireEvent;
}

export interface FailureRule {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** Fail this many requests (default: until `forMs` passes, or once). */
  readonly times?: number;
  /** Fail every request for this long. */
  readonly forMs?: number;
}

export interface IngestSink {
  readonly url: string;
  readonly token: string;
  readonly batches: RecordedBatch[];
  /** HTTP statuses answered, in order. */
  readonly statuses: number[];
  /** Every answer with its wall-clock time. */
  readonly answers: { status: number; atMs: number }[];
  /** Most requests ever in progress at once. */
  maxConcurrent(): number;
  /** Requests in progress now. */
  inFlight(): number;
  events(): RecordedEvent[];
  /** Pod states (ADDED, MODIFIED, DELETED). */
  podEvents(): (RecordedEvent & { event: PodEvent })[];
  syncs(): (RecordedEvent & { event: SyncEvent })[];
  /** Kubernetes Event versions (EVENT). */
  kubeEvents(): (RecordedEvent & { event: EventWireEvent })[];
  fail(rule: FailureRule): void;
  /** Forgets every failure rule. */
  recover(): void;
  /** Each request waits this long before being answered. */
  setDelay(ms: number): void;
  /** Bodies (decompressed JSON) above this size get 413. */
  setMaxBodyBytes(bytes: number | undefined): void;
  /**
   * A batch holding an event for which this returns a status is answered with it as a whole (a
   * poison event: the ingest fails every batch that carries it).
   */
  setBatchFailure(fail: ((event: WireEvent) => number | undefined) | undefined): void;
  /** Events for which this returns issues are rejected one by one in the 200 answer. */
  setEventValidator(validate: ((event: WireEvent) => string[]) | undefined): void;
  /** Polls until `predicate` holds (bounded: rejects after `timeoutMs`). */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startIngestSink(options: { token?: string } = {}): Promise<IngestSink> {
  const token = options.token ?? 'sink-token';
  const batches: RecordedBatch[] = [];
  const statuses: number[] = [];
  const answers: { status: number; atMs: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const failures: { rule: FailureRule; remaining: number; until: number }[] = [];
  let delayMs = 0;
  let maxBodyBytes: number | undefined;
  let validate: ((event: WireEvent) => string[]) | undefined;
  let batchFailure: ((event: WireEvent) => number | undefined) | undefined;

  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    body,
    headers,
  });

  const handle = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (req.method !== 'POST' || req.url !== '/v1/events') return answer(404, { message: 'not found' });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(401, { message: 'unauthorized' });
    const now = Date.now();
    const failure = failures.find((f) => f.remaining > 0 && now < f.until);
    if (failure !== undefined) {
      failure.remaining--;
      const headers: Record<string, string> = {};
      if (failure.rule.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(failure.rule.retryAfterSeconds);
      return answer(failure.rule.status, { message: 'simulated failure' }, headers);
    }
    const raw = Buffer.concat(chunks);
    let json: string;
    try {
      json = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    } catch {
      return answer(400, { message: 'body is not gzip' });
    }
    if (maxBodyBytes !== undefined && json.length > maxBodyBytes)
      return answer(413, { message: `limit ${maxBodyBytes} bytes` });
    let batch: EventBatch;
    try {
      batch = JSON.parse(json) as EventBatch;
    } catch {
      return answer(400, { message: 'not JSON' });
    }
    if (typeof batch.cluster !== 'string' || !Array.isArray(batch.events))
      return answer(400, { message: 'no cluster/events' });
    const poisoned =
      batchFailure === undefined ? undefined : batch.events.map(batchFailure).find((s) => s !== undefined);
    if (poisoned !== undefined) return answer(poisoned, { error: { code: 'internal', message: 'retry' } });
    const rejected = batch.events.flatMap((event, index) => {
      const issues = validate?.(event) ?? [];
      return issues.length > 0 ? [{ index, issues }] : [];
    });
    const rejectedIndexes = new Set(rejected.map((r) => r.index));
    batches.push({
      receivedAtMs: now,
      batch: { ...batch, events: batch.events.filter((_, i) => !rejectedIndexes.has(i)) },
      gzipBytes: raw.length,
      jsonBytes: json.length,
    });
    const result: IngestResult = {
      accepted: batch.events.length - rejected.length,
      unchanged: 0,
      stale: 0,
      rejected,
    };
    return answer(200, result);
  };

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    handle(req).then(
      ({ status, body, headers }) => {
        inFlight--;
        statuses.push(status);
        answers.push({ status, atMs: Date.now() });
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  const events = () =>
    batches.flatMap((b) => b.batch.events.map((event) => ({ receivedAtMs: b.receivedAtMs, event })));
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    batches,
    statuses,
    answers,
    maxConcurrent: () => maxInFlight,
    inFlight: () => inFlight,
    events,
    podEvents: () =>
      events().filter(
        (e): e is RecordedEvent & { event: PodEvent } => e.event.type !== 'SYNC' && e.event.type !== 'EVENT',
      ),
    syncs: () => events().filter((e): e is RecordedEvent & { event: SyncEvent } => e.event.type === 'SYNC'),
    kubeEvents: () =>
      events().filter((e): e is RecordedEvent & { event: EventWireEvent } => e.event.type === 'EVENT'),
    fail(rule) {
      const until = rule.forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + rule.forMs;
      const remaining = rule.times ?? (rule.forMs === undefined ? 1 : Number.POSITIVE_INFINITY);
      failures.push({ rule, remaining, until });
    },
    recover() {
      failures.length = 0;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    setMaxBodyBytes(bytes) {
      maxBodyBytes = bytes;
    },
    setBatchFailure(fn) {
      batchFailure = fn;
    },
    setEventValidator(fn) {
      validate = fn;
    },
    async waitFor(predicate, timeoutMs = 10_000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
