import { describe, expect, it } from 'vitest';
import {
  parseGoDuration,
  parsePulledMessage,
  podImagePulls,
  regularContainerOf,
} from '../../functions/domain/image-pulls.js';
import type { StartupBreakdown } from '../../functions/domain/model.js';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import { podStartup, withImagePulls } from '../../functions/domain/report-startup.js';
import { at, type KubeEventParts, recordedEvent } from '../support/event-builders.js';
import { pod, startup } from '../support/query-builders.js';

describe('the kubelet’s Pulled message', () => {
  it.each([
    [
      'a 1.28+ kubelet’s message gives the pull’s own duration, not the one including waiting',
      'Successfully pulled image "nginx:1.27" in 1.234s (3.5s including waiting). Image size: 71234 bytes.',
      { pulledMs: 1234 },
    ],
    [
      'a 1.26/1.27 kubelet’s message without the image size reads the same',
      'Successfully pulled image "nginx:1.27" in 850ms (850ms including waiting)',
      { pulledMs: 850 },
    ],
    [
      'an older kubelet’s message has one duration',
      'Successfully pulled image "registry.example/app:1.0" in 1.234567s',
      { pulledMs: 1234.567 },
    ],
    [
      'minutes and seconds add up, as Go prints long pulls',
      'Successfully pulled image "big:1" in 1m2.5s (1m2.5s including waiting). Image size: 9 bytes.',
      { pulledMs: 62_500 },
    ],
    [
      '"already present on machine" is no pull',
      'Container image "registry.example/app:1.0" already present on machine',
      { alreadyPresent: true },
    ],
    ['a Pulling message is not a pull', 'Pulling image "nginx:1.27"', undefined],
    ['a duration Go would not print is not read', 'Successfully pulled image "x" in soon', undefined],
  ])('%s', (_rule, message, expected) => {
    expect(parsePulledMessage(message)).toEqual(expected);
  });

  it.each([
    ['1.5s', 1500],
    ['850ms', 850],
    ['1h2m3s', 3_723_000],
    ['12µs', 0.012],
    ['12μs', 0.012],
    ['100ns', 0.0001],
    ['0s', 0],
    ['0', 0],
    ['', undefined],
    ['1.5', undefined],
    ['-1s', undefined],
    ['1x', undefined],
  ])('Go duration %j is %j ms', (text, ms) => {
    if (ms === undefined) expect(parseGoDuration(text)).toBeUndefined();
    else expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each([
    ['spec.containers{app}', 'app'],
    ['spec.initContainers{init}', undefined],
    ['spec.ephemeralContainers{debug}', undefined],
    [undefined, undefined],
  ])('fieldPath %j names regular container %j', (fieldPath, name) => {
    expect(regularContainerOf(fieldPath)).toBe(name);
  });
});

const POD = { name: 'web-1', uid: 'uid-web' };
let serial = 0;
const event = (
  reason: string,
  container: string | undefined,
  first: number,
  message?: string,
  more: Partial<KubeEventParts> = {},
): RecordedEvent =>
  recordedEvent([
    {
      uid: `ev-${++serial}`,
      pod: POD,
      reason,
      first,
      ...(message === undefined ? {} : { message }),
      ...(container === undefined ? {} : { fieldPath: `spec.containers{${container}}` }),
      ...more,
      rv: String(serial),
    },
  ]);
const pulled = (container: string, first: number, duration: string) =>
  event(
    'Pulled',
    container,
    first,
    `Successfully pulled image "x" in ${duration} (${duration} including waiting)`,
  );
const present = (container: string, first: number) =>
  event('Pulled', container, first, 'Container image "x" already present on machine');
const startedAt = (seconds: number): StartupBreakdown => ({
  createdAt: at(0),
  scheduledAt: at(1),
  initializedAt: at(2),
  containersStartedAt: at(seconds),
});

describe('a pod’s image pull time', () => {
  it.each<[string, StartupBreakdown | undefined, RecordedEvent[], ReturnType<typeof podImagePulls>]>([
    [
      'is the sum of the regular containers’ pulls: the kubelet pulls them one after another',
      startedAt(20),
      [pulled('app', 10, '4.5s'), pulled('proxy', 15, '2s'), event('Started', 'app', 16)],
      { containers: { app: 4500, proxy: 2000 }, total: 6500 },
    ],
    [
      'counts an image already present as 0',
      startedAt(20),
      [present('app', 3), pulled('proxy', 15, '2s')],
      { containers: { app: 0, proxy: 2000 }, total: 2000 },
    ],
    [
      'takes each container’s first pull: a later "already present" comes from a restart',
      startedAt(20),
      [pulled('app', 10, '4s'), present('app', 300)],
      { containers: { app: 4000 }, total: 4000 },
    ],
    [
      'leaves init containers’ pulls out: their phase is not in startup',
      startedAt(20),
      [
        event('Pulled', undefined, 2, 'Successfully pulled image "i" in 9s', {
          fieldPath: 'spec.initContainers{init}',
        }),
        pulled('app', 10, '1s'),
      ],
      { containers: { app: 1000 }, total: 1000 },
    ],
    [
      'is unknown when a container the events name has no pull before the pod started',
      startedAt(20),
      [pulled('app', 10, '1s'), event('Created', 'proxy', 16), event('Started', 'proxy', 16)],
      undefined,
    ],
    [
      'is unknown when the only pull was seen after the containers started (the first was lost)',
      startedAt(20),
      [present('app', 300), event('Started', 'app', 19)],
      undefined,
    ],
    [
      'is unknown when no event names a container',
      startedAt(20),
      [event('Scheduled', undefined, 1)],
      undefined,
    ],
    [
      'is unknown before every container has started',
      { createdAt: at(0), scheduledAt: at(1) },
      [pulled('app', 10, '1s')],
      undefined,
    ],
    [
      'is unknown when a Pulled message cannot be read',
      startedAt(20),
      [event('Pulled', 'app', 10, 'Pulled it somehow')],
      undefined,
    ],
  ])('%s', (_rule, breakdown, events, expected) => {
    expect(podImagePulls(breakdown, events)).toEqual(expected);
  });
});

describe('the SLI phase', () => {
  it('is startup minus the image pulls, never below 0', () => {
    const p = podStartup(pod({ startup: startup(0, { scheduled: 2, initialized: 3, started: 10 }) }));
    if (p === undefined) throw new Error('no startup');
    expect(withImagePulls(p, { containers: { app: 4000 }, total: 4000 }).durations).toMatchObject({
      startup: 9000,
      imagePull: 4000,
      startupSli: 5000,
    });
    expect(withImagePulls(p, { containers: { app: 60_000 }, total: 60_000 }).durations.startupSli).toBe(0);
  });

  it('is absent, and so is imagePull, for a pod without pull data', () => {
    const p = podStartup(pod({ startup: startup(0, { scheduled: 2, initialized: 3, started: 10 }) }));
    if (p === undefined) throw new Error('no startup');
    expect(withImagePulls(p, undefined)).toEqual(p);
  });
});
