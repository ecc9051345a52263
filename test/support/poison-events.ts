import type { PodEvent, WireEvent } from '../../functions/domain/wire-format.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { eventVersion, podEvent, podObject, prng } from './event-builders.js';

/**
 * Events that pass the wire format's shape but carry strings far longer than any API server sends
 * (issue 17): each is either recorded with its texts cut and its keys bounded, or rejected alone,
 * and never costs the good events around it. `good` are complete lifecycles of ordinary pods.
 */
export interface PoisonCase {
  readonly label: string;
  /** A pod's uid, or (kind event) the Event's, which names pod good-0. */
  readonly uid: string;
  readonly kind: 'pod' | 'event';
  readonly event: WireEvent;
  /** rejected: with an issue whose path names the offending field. */
  readonly outcome: { readonly rejected: RegExp } | 'accepted';
}

const HUGE_REASON = `Evicted#%é${'💥x#'.repeat(700)}`; // ≈ 2 KB, with key separators and 4-byte characters

export function poisonCases(nextRv: () => string): PoisonCase[] {
  const meta = (uid: string, containers = ['app']) => ({
    name: `poison-${uid}`,
    uid,
    createdAt: 0,
    containers,
  });
  const failed = { node: 'node-1', phase: 'Failed' };
  const longName = 'c'.repeat(2000);
  const wide = Array.from({ length: 150 }, (_, i) => `c${i}`);
  return [
    {
      label: 'a 2 KB status.reason',
      kind: 'pod',
      uid: 'poison-reason',
      event: podEvent(
        'MODIFIED',
        30,
        podObject(
          meta('poison-reason'),
          { ...failed, reason: HUGE_REASON, message: 'm'.repeat(5000) },
          nextRv(),
        ),
      ),
      outcome: 'accepted',
    },
    {
      label: 'a 3,000-character waiting reason',
      kind: 'pod',
      uid: 'poison-waiting',
      event: podEvent(
        'MODIFIED',
        30,
        podObject(
          meta('poison-waiting'),
          {
            node: 'node-1',
            containers: [{ name: 'app', waiting: 'W'.repeat(3000), message: 'w'.repeat(3000) }],
          },
          nextRv(),
        ),
      ),
      outcome: 'accepted',
    },
    {
      label: 'a 3,000-character init container reason (Init:<reason>)',
      kind: 'pod',
      uid: 'poison-init',
      event: podEvent(
        'MODIFIED',
        30,
        podObject(
          { ...meta('poison-init'), initContainers: [{ name: 'init' }] },
          {
            node: 'node-1',
            initContainers: [{ name: 'init', waiting: `#${'I'.repeat(2999)}` }],
            containers: [{ name: 'app', waiting: 'PodInitializing' }],
          },
          nextRv(),
        ),
      ),
      outcome: 'accepted',
    },
    {
      label: 'a restart with a 3,000-character termination reason',
      kind: 'pod',
      uid: 'poison-terminated',
      event: podEvent(
        'MODIFIED',
        30,
        podObject(
          meta('poison-terminated'),
          {
            node: 'node-1',
            phase: 'Running',
            containers: [
              {
                name: 'app',
                waiting: 'T'.repeat(3000),
                restarts: 1,
                last: { reason: 'T'.repeat(3000), exitCode: 1, startedAt: 5, finishedAt: 20 },
              },
            ],
          },
          nextRv(),
        ),
      ),
      outcome: 'accepted',
    },
    {
      label: 'a 2,000-character container name that restarts',
      kind: 'pod',
      uid: 'poison-container',
      event: podEvent(
        'MODIFIED',
        30,
        podObject(
          meta('poison-container', [longName]),
          {
            node: 'node-1',
            phase: 'Running',
            containers: [
              {
                name: longName,
                waiting: 'CrashLoopBackOff',
                restarts: 3,
                last: { reason: 'Error', exitCode: 1, startedAt: 5, finishedAt: 20 },
              },
            ],
          },
          nextRv(),
        ),
      ),
      outcome: { rejected: /\.pod\.status\.containerStatuses\[0\]\.name: must have at most 63 characters/ },
    },
    {
      label: 'a status of 150 containers, every text at its limit (over 64 KiB as recorded)',
      kind: 'pod',
      uid: 'poison-huge',
      event: podEvent(
        'MODIFIED',
        30,
        podObject(
          meta('poison-huge', wide),
          {
            node: 'node-1',
            phase: 'Running',
            containers: wide.map((name) => ({
              name,
              waiting: 'CrashLoopBackOff',
              message: 'w'.repeat(300),
              restarts: 1,
              last: { reason: 'Error', exitCode: 1, message: 'l'.repeat(300), startedAt: 5, finishedAt: 20 },
            })),
          },
          nextRv(),
        ),
      ),
      outcome: {
        rejected: /\.pod\.status: the pod's state is \d+ bytes as recorded \(150 container statuses/,
      },
    },
    {
      label:
        'an Event with 120 KB in each of its name, namespace, action, reportingInstance and source.component',
      kind: 'event',
      uid: 'poison-event',
      event: hugeEvent(nextRv()),
      outcome: 'accepted',
    },
  ];
}

function hugeEvent(rv: string): WireEvent {
  const version = eventVersion(
    {
      uid: 'poison-event',
      pod: { namespace: 'default', name: 'good-0', uid: 'good-0' },
      reason: 'BackOff',
      type: 'Warning',
      first: 10,
      last: 20,
      count: 2,
    },
    rv,
  );
  // Incompressible (stored items are deflated): 5 × 120 KB of base64 is ~450 KB stored, uncut.
  const random = prng(17);
  const huge = Buffer.from(Array.from({ length: 90_000 }, () => Math.floor(random() * 256))).toString(
    'base64',
  );
  return {
    ...version,
    event: {
      ...version.event,
      action: huge,
      reportingInstance: huge,
      source: { component: huge, host: 'node-1' },
      metadata: { ...(version.event.metadata as object), name: huge, namespace: huge },
    },
  };
}

/** Ordinary pods started alongside the poison ones. */
export function goodEvents(nextRv: () => string, count = 3): PodEvent[] {
  return Array.from(
    { length: count },
    (_, i) => healthyStart({ name: `good-${i}`, uid: `good-${i}`, createdAt: 0 }, nextRv).events,
  ).flat();
}
