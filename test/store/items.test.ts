import { describe, expect, it } from 'vitest';
import type { RestartRecord, StatusEntered } from '../../functions/domain/model.js';
import type { PodIdentity } from '../../functions/domain/observation.js';
import { describeParts } from '../../functions/domain/pod-card.js';
import { decodeDescribePart, encodeDescribePart } from '../../functions/store/items/describe-items.js';
import {
  decodeCreated,
  decodeLive,
  decodeRestart,
  decodeSeen,
  decodeStatusEntered,
  encodeCreated,
  encodeLive,
  encodeRemoved,
  encodeRestart,
  encodeSeen,
  encodeStatusEntered,
} from '../../functions/store/items/index-items.js';
import {
  decodeHead,
  decodePage,
  encodeHead,
  encodePage,
  encodePageTombstone,
  type HeadState,
} from '../../functions/store/items/pod-items.js';
import {
  decodeClusterList,
  decodeRegistryEntry,
  encodeClusterList,
  encodeRegistryEntry,
} from '../../functions/store/items/registry-items.js';
import {
  decodeChunk,
  decodeSyncReport,
  encodeChunks,
  encodeSyncReport,
} from '../../functions/store/items/sync-items.js';
import { ATTR } from '../../functions/store/schema/attributes.js';
import type { Item } from '../../functions/store/table/table-client.js';

/** Every item kind: what decode(encode(x)) gives back is x, and encode writes only declared names. */
const identity: PodIdentity = {
  namespace: 'shop',
  name: 'orders-7d4f9c-x2k8p',
  uid: 'uid-1',
  createdAt: '2026-11-23T10:00:00.000Z',
  workload: { kind: 'Deployment', name: 'orders' },
};
const observation = {
  rv: '1001',
  observedAt: '2026-11-23T10:00:01.000Z',
} as unknown as HeadState['tail'][number];
const restart: RestartRecord = {
  cluster: 'prod-eu-1',
  namespace: 'shop',
  name: 'orders-7d4f9c-x2k8p',
  uid: 'uid-1',
  workload: { kind: 'Deployment', name: 'orders' },
  container: 'app',
  init: false,
  restartCount: 3,
  reason: 'OOMKilled',
  exitCode: 137,
  signal: 9,
  startedAt: '2026-11-23T10:00:02.000Z',
  finishedAt: '2026-11-23T10:01:00.000Z',
  message: 'killed',
  observedAt: '2026-11-23T10:01:01.000Z',
  unobserved: 1,
};
const entered: StatusEntered = {
  cluster: 'prod-eu-1',
  namespace: 'shop',
  name: 'orders-7d4f9c-x2k8p',
  uid: 'uid-1',
  workload: { kind: 'Deployment', name: 'orders' },
  status: 'CrashLoopBackOff',
  at: '2026-11-23T10:01:05.000Z',
  resourceVersion: '1009',
};
const head: HeadState = {
  agg: { identity } as unknown as HeadState['agg'],
  tailKey: '!',
  tail: [observation],
  inbox: [],
  pending: [],
};
const mark = {
  key: 'n0001',
  resourceVersion: '1',
  observedAt: '2026-11-23T10:02:00.000Z',
  gapSince: '2026-11-23T10:01:00.000Z',
};

const parts = describeParts({
  metadata: { labels: { app: 'orders' } },
  spec: { containers: [{ name: 'app', image: 'orders:1', env: [{ name: 'MODE', value: 'prod' }] }] },
  status: { podIP: '10.0.0.7', qosClass: 'BestEffort' },
});
const card = { kind: 'card' as const, hash: parts.card.hash, body: parts.card.body, expires: 9 };
const extras = { kind: 'extras' as const, hash: 'h2', body: parts.extras?.body ?? {}, expires: 9 };

const KINDS: readonly { kind: string; items: () => Item[]; roundTrip: () => [unknown, unknown] }[] = [
  {
    kind: 'pod head',
    items: () => [encodeHead('prod-eu-1', 4, 99, head)],
    roundTrip: () => [decodeHead(encodeHead('prod-eu-1', 4, 99, head)), { version: 4, state: head }],
  },
  {
    kind: 'observation page',
    items: () => [
      encodePage('prod-eu-1', identity, {
        start: 'n1001',
        version: 2,
        expires: 9,
        observations: [observation],
      }),
    ],
    roundTrip: () => [
      decodePage(
        encodePage('prod-eu-1', identity, {
          start: 'n1001',
          version: 2,
          expires: 9,
          observations: [observation],
        }),
      ),
      { start: 'n1001', version: 2, removed: false, observations: [observation] },
    ],
  },
  {
    kind: 'page tombstone',
    items: () => [encodePageTombstone('prod-eu-1', identity, { start: '!', version: 3, expires: 9 })],
    roundTrip: () => [
      decodePage(encodePageTombstone('prod-eu-1', identity, { start: '!', version: 3, expires: 9 })),
      { start: '!', version: 3, removed: true, observations: [] },
    ],
  },
  {
    kind: 'describe card and extras',
    items: () => [
      encodeDescribePart('prod-eu-1', identity, card),
      encodeDescribePart('prod-eu-1', identity, extras),
    ],
    roundTrip: () => [
      [card, extras].map((part) => decodeDescribePart(encodeDescribePart('prod-eu-1', identity, part))),
      [card, extras].map(({ kind, hash, body }) => ({ uid: 'uid-1', kind, hash, body })),
    ],
  },
  {
    kind: 'live pod',
    items: () => [
      encodeLive('prod-eu-1', identity, 9, { vanishedBy: 'n0002' }),
      encodeLive('prod-eu-1', identity, 9, { gone: true }),
    ],
    roundTrip: () => [
      [
        decodeLive(encodeLive('prod-eu-1', identity, 9, { vanishedBy: 'n0002' })),
        decodeLive(encodeLive('prod-eu-1', identity, 9, { gone: true })),
      ],
      [
        { namespace: 'shop', name: identity.name, gone: false, vanishedBy: 'n0002' },
        { namespace: 'shop', name: identity.name, gone: true },
      ],
    ],
  },
  {
    kind: 'pod seen on a day',
    items: () => [encodeSeen('prod-eu-1', identity, '2026-11-24', '2026-11-23', 9)],
    roundTrip: () => [
      decodeSeen(encodeSeen('prod-eu-1', identity, '2026-11-24', '2026-11-23', 9)),
      { day: '2026-11-24', firstDay: '2026-11-23', workload: identity.workload },
    ],
  },
  {
    kind: 'pod created',
    items: () => [encodeCreated('prod-eu-1', { ...identity, createdAt: '2026-11-23T10:00:00.000Z' }, 9)],
    roundTrip: () => [
      decodeCreated(encodeCreated('prod-eu-1', { ...identity, createdAt: '2026-11-23T10:00:00.000Z' }, 9)),
      {
        ref: { cluster: 'prod-eu-1', uid: 'uid-1', namespace: 'shop', name: identity.name },
        namespace: 'shop',
        workload: identity.workload,
      },
    ],
  },
  {
    kind: 'status entered',
    items: () => [encodeStatusEntered(entered, 'n0001009', 9)],
    roundTrip: () => [decodeStatusEntered(encodeStatusEntered(entered, 'n0001009', 9)), entered],
  },
  {
    kind: 'restart record',
    items: () => [encodeRestart(restart, 9)],
    roundTrip: () => [decodeRestart(encodeRestart(restart, 9)), restart],
  },
  {
    kind: 'removed index item',
    items: () => [encodeRemoved(encodeRestart(restart, 9))],
    roundTrip: () => [encodeRemoved(encodeRestart(restart, 9))[ATTR.removed], true],
  },
  {
    kind: 'SYNC report',
    items: () => [encodeSyncReport('prod-eu-1', { mark, chunks: 16, version: 2, reconciled: true }, 9)],
    roundTrip: () => [
      decodeSyncReport(encodeSyncReport('prod-eu-1', { mark, chunks: 16, version: 2, reconciled: true }, 9)),
      { mark, chunks: 16, version: 2, reconciled: true },
    ],
  },
  {
    kind: 'SYNC uid chunk',
    items: () => encodeChunks('prod-eu-1', 'n0001', 2, ['b', 'a', 'c'], 9),
    roundTrip: () => [
      encodeChunks('prod-eu-1', 'n0001', 2, ['b', 'a', 'c'], 9)
        .flatMap((c) => [...decodeChunk(c)])
        .sort(),
      ['a', 'b', 'c'],
    ],
  },
  {
    kind: 'cluster registry entry',
    items: () => [
      encodeRegistryEntry(
        { cluster: 'c1', mark: 'm', lastEventAt: 't', agent: { id: 'a', version: '1' } },
        9,
      ),
    ],
    roundTrip: () => [
      decodeRegistryEntry(
        encodeRegistryEntry(
          { cluster: 'c1', mark: 'm', lastEventAt: 't', agent: { id: 'a', version: '1' } },
          9,
        ),
      ),
      { cluster: 'c1', mark: 'm', lastEventAt: 't', agent: { id: 'a', version: '1' } },
    ],
  },
  {
    kind: 'cluster list',
    items: () => [encodeClusterList({ names: ['b', 'a'], version: 3 })],
    roundTrip: () => [
      decodeClusterList(encodeClusterList({ names: ['b', 'a'], version: 3 })),
      { names: ['a', 'b'], version: 3 },
    ],
  },
];

const DECLARED = new Set<string>(Object.values(ATTR));

describe('item kinds', () => {
  it.each(KINDS.map((k) => [k.kind, k] as const))('%s: decode(encode(x)) gives x back', (_kind, k) => {
    const [decoded, expected] = k.roundTrip();
    expect(decoded).toEqual(expected);
  });

  it.each(KINDS.map((k) => [k.kind, k] as const))(
    '%s: encode writes only attributes.ts names',
    (_kind, k) => {
      const undeclared = k.items().flatMap((item) => Object.keys(item).filter((name) => !DECLARED.has(name)));
      expect(undeclared).toEqual([]);
    },
  );
});
