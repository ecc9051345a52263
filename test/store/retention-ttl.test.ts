import { afterAll, beforeAll, describe, test } from 'vitest';
import { TABLE_DEFINITION } from '../../functions/store/schema/table-definition.js';
import type { Item } from '../../functions/store/table/table-client.js';
import { clusterHistory } from '../ingest/cluster-history.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { T0 } from '../support/event-builders.js';
import { deliver } from './convergence-support.js';

/**
 * Retention is a promise about the deployed table: DynamoDB deletes an item only if it carries the
 * attribute the table's TTL names, as epoch seconds. Every item the store writes must carry it,
 * counted from the event's own time (never the write time), except the one item documented to
 * live forever: the registry's list of cluster names. Checked per item kind, on every backend.
 */
const DAY = 86_400;
const RETENTION_DAYS = 10;
/** Written three days after the events, so an expiry counted from the write time shows. */
const NOW = T0 + 3 * DAY * 1000;
const TTL = TABLE_DEFINITION.ttlAttribute;

/** How each kind counts its expiry from an event time t (epoch seconds). */
type Basis = 'event' | 'end of the event day';
/** `rare`: a kind this history may not produce (extras: long messages, dual-stack IP lists). */
const KINDS: readonly { kind: string; matches: (i: Item) => boolean; basis: Basis; rare?: true }[] = [
  {
    kind: 'pod head',
    matches: (i) => pk(i).startsWith('P#') && sk(i).endsWith('#H'),
    basis: 'end of the event day',
  },
  {
    kind: 'observation page',
    matches: (i) => pk(i).startsWith('P#') && sk(i).includes('#R#'),
    basis: 'event',
  },
  {
    kind: 'describe card',
    matches: (i) => pk(i).startsWith('P#') && sk(i).includes('#C#'),
    basis: 'end of the event day',
  },
  {
    kind: 'describe extras',
    matches: (i) => pk(i).startsWith('P#') && sk(i).includes('#D#'),
    basis: 'end of the event day',
    rare: true,
  },
  { kind: 'live pod', matches: (i) => pk(i).startsWith('L#'), basis: 'end of the event day' },
  { kind: 'pod seen on a day', matches: (i) => pk(i).startsWith('S#'), basis: 'end of the event day' },
  { kind: 'pod created', matches: (i) => pk(i).startsWith('U#'), basis: 'end of the event day' },
  { kind: 'status entered', matches: (i) => pk(i).startsWith('E#'), basis: 'event' },
  { kind: 'restart record', matches: (i) => pk(i).startsWith('X#'), basis: 'event' },
  { kind: 'SYNC report', matches: (i) => pk(i).startsWith('C#'), basis: 'event' },
  { kind: 'SYNC uid chunk', matches: (i) => pk(i).startsWith('Y#'), basis: 'event' },
  {
    kind: 'cluster registry entry',
    matches: (i) => pk(i) === 'K' && sk(i) !== '!clusters',
    basis: 'event',
  },
];
const FOREVER = (i: Item) => pk(i) === 'K' && sk(i) === '!clusters';

function pk(i: Item): string {
  return String(i.pk);
}
function sk(i: Item): string {
  return String(i.sk);
}

describe.each(['memory', 'dynalite', 'dynamodb-local'] as Backend[])('retention on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());

  test('every item but the cluster-name list expires at its event time + retention', async ({ expect }) => {
    const { store, dump } = await backends.fresh(() => NOW, RETENTION_DAYS);
    const history = clusterHistory(5, 24);
    await deliver(store, history.events, [4]);
    const times = history.events.map((e) => Math.floor(Date.parse(e.observedAt) / 1000));
    const first = Math.min(...times);
    const last = Math.max(...times);
    const startOfDay = (t: number) => t - (t % DAY);
    const items = await dump();
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      if (FOREVER(item)) {
        if (item[TTL] !== undefined) problems.push('the cluster-name list expires');
        continue;
      }
      const kind = KINDS.find((k) => k.matches(item));
      if (kind === undefined) {
        problems.push(`${pk(item)} / ${sk(item)}: an item of no documented kind`);
        continue;
      }
      seen.add(kind.kind);
      const x = item[TTL];
      if (typeof x !== 'number' || !Number.isInteger(x)) {
        problems.push(`${kind.kind} ${pk(item)} / ${sk(item)}: ${TTL} = ${String(x)}, not epoch seconds`);
        continue;
      }
      const t = x - RETENTION_DAYS * DAY;
      const ok =
        kind.basis === 'event'
          ? t >= first && t <= last
          : t % DAY === 0 && t - DAY >= startOfDay(first) && t - DAY <= startOfDay(last);
      if (!ok)
        problems.push(`${kind.kind} ${pk(item)} / ${sk(item)}: expires ${new Date(x * 1000).toISOString()}`);
    }
    expect(problems).toEqual([]);
    expect([...seen].filter((k) => KINDS.find((d) => d.kind === k)?.rare !== true).sort()).toEqual(
      KINDS.filter((k) => k.rare !== true)
        .map((k) => k.kind)
        .sort(),
    );
  });
});
