import { describe, expect, it } from 'vitest';
import { slimEvent } from '../../agent/slim-event.js';

/** A kubelet BackOff event as the API server serves it on a watch (legacy recorder, core/v1). */
const kubeletBackOff = {
  kind: 'Event',
  apiVersion: 'v1',
  metadata: {
    name: 'web-7d4f9c-x2k8p.18a0000000000b',
    namespace: 'prod',
    uid: '0b3f4c2a-1111-4c55-9a0e-000000000011',
    resourceVersion: '48213',
    creationTimestamp: '2026-12-07T17:45:00Z',
    labels: { team: 'shop' },
    annotations: { 'example.com/note': 'x'.repeat(200) },
    managedFields: [
      {
        manager: 'kubelet',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-12-07T17:57:42Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:count': {}, 'f:firstTimestamp': {}, 'f:lastTimestamp': {}, 'f:message': {} },
      },
    ],
  },
  involvedObject: {
    kind: 'Pod',
    namespace: 'prod',
    name: 'web-7d4f9c-x2k8p',
    uid: '3f1c9a2e-7b1d-4c55-9a0e-1b2c3d4e5f60',
    apiVersion: 'v1',
    resourceVersion: '47001',
    fieldPath: 'spec.containers{app}',
  },
  reason: 'BackOff',
  message:
    'Back-off restarting failed container app in pod web-7d4f9c-x2k8p_prod(3f1c9a2e-7b1d-4c55-9a0e-1b2c3d4e5f60)  ',
  source: { component: 'kubelet', host: 'ip-10-0-1-23.ec2.internal' },
  firstTimestamp: '2026-12-07T17:45:00Z',
  lastTimestamp: '2026-12-07T17:57:42Z',
  count: 5,
  type: 'Warning',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'ip-10-0-1-23.ec2.internal',
};

/** The scheduler's FailedScheduling, created through events.k8s.io and read through core/v1. */
const schedulerSeries = {
  metadata: {
    name: 'pending-0.18a0000000000c',
    namespace: 'prod',
    uid: 'c0ffee00-2222-4c55-9a0e-000000000012',
    resourceVersion: '50100',
    creationTimestamp: '2026-12-07T17:40:00Z',
  },
  involvedObject: { kind: 'Pod', namespace: 'prod', name: 'pending-0', uid: 'p-uid', apiVersion: 'v1' },
  reason: 'FailedScheduling',
  message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available.',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  type: 'Warning',
  eventTime: '2026-12-07T17:40:00.123456Z',
  series: { count: 7, lastObservedTime: '2026-12-07T17:58:59.000001Z' },
  action: 'Scheduling',
  reportingComponent: 'default-scheduler',
  reportingInstance: 'default-scheduler-cp-1',
};

describe('slimEvent', () => {
  const slim = slimEvent(kubeletBackOff)!;
  const parsed = JSON.parse(slim.json) as Record<string, unknown>;

  it('keeps what describe and the timeline read, the message verbatim', () => {
    expect(parsed).toEqual({
      metadata: {
        name: 'web-7d4f9c-x2k8p.18a0000000000b',
        namespace: 'prod',
        uid: '0b3f4c2a-1111-4c55-9a0e-000000000011',
        resourceVersion: '48213',
      },
      involvedObject: {
        kind: 'Pod',
        namespace: 'prod',
        name: 'web-7d4f9c-x2k8p',
        uid: '3f1c9a2e-7b1d-4c55-9a0e-1b2c3d4e5f60',
        fieldPath: 'spec.containers{app}',
      },
      reason: 'BackOff',
      message: kubeletBackOff.message,
      type: 'Warning',
      source: { component: 'kubelet', host: 'ip-10-0-1-23.ec2.internal' },
      firstTimestamp: '2026-12-07T17:45:00Z',
      lastTimestamp: '2026-12-07T17:57:42Z',
      count: 5,
      reportingComponent: 'kubelet',
      reportingInstance: 'ip-10-0-1-23.ec2.internal',
    });
    expect(slim).toMatchObject({
      uid: kubeletBackOff.metadata.uid,
      namespace: 'prod',
      name: kubeletBackOff.metadata.name,
      resourceVersion: '48213',
    });
  });

  it.each([
    ['managedFields', () => (parsed.metadata as Record<string, unknown>).managedFields],
    ['labels', () => (parsed.metadata as Record<string, unknown>).labels],
    ['annotations', () => (parsed.metadata as Record<string, unknown>).annotations],
    [
      'creationTimestamp when the event has times of its own',
      () => (parsed.metadata as Record<string, unknown>).creationTimestamp,
    ],
    [
      "the involved object's apiVersion and resourceVersion",
      () => (parsed.involvedObject as Record<string, unknown>).resourceVersion,
    ],
    ['null fields (eventTime)', () => parsed.eventTime],
  ])('drops %s', (_what, read) => {
    expect(read()).toBeUndefined();
  });

  it('is a fraction of the served size', () => {
    expect(slim.json.length).toBeLessThan(JSON.stringify(kubeletBackOff).length * 0.6);
  });

  it('keeps eventTime, series and action of events.k8s.io events, and leaves out their empty source and null times', () => {
    expect(JSON.parse(slimEvent(schedulerSeries)!.json)).toEqual({
      metadata: {
        name: 'pending-0.18a0000000000c',
        namespace: 'prod',
        uid: 'c0ffee00-2222-4c55-9a0e-000000000012',
        resourceVersion: '50100',
      },
      involvedObject: { kind: 'Pod', namespace: 'prod', name: 'pending-0', uid: 'p-uid' },
      reason: 'FailedScheduling',
      message: schedulerSeries.message,
      type: 'Warning',
      eventTime: '2026-12-07T17:40:00.123456Z',
      series: { count: 7, lastObservedTime: '2026-12-07T17:58:59.000001Z' },
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp-1',
      action: 'Scheduling',
    });
  });

  it('keeps creationTimestamp only for an event with no time of its own', () => {
    const timeless = {
      metadata: {
        name: 'edge-1.a1',
        namespace: 'prod',
        uid: 'u-1',
        resourceVersion: '7',
        creationTimestamp: '2026-12-07T17:00:00Z',
      },
      involvedObject: { kind: 'Pod', namespace: 'prod', name: 'edge-1', uid: 'p' },
      reason: 'NoTimes',
      count: 3,
      source: { component: 'x' },
    };
    expect(JSON.parse(slimEvent(timeless)!.json).metadata.creationTimestamp).toBe('2026-12-07T17:00:00Z');
  });

  it('keeps the related object of an event that has one', () => {
    const preempted = {
      ...schedulerSeries,
      related: {
        kind: 'Pod',
        namespace: 'prod',
        name: 'big-0',
        uid: 'r-uid',
        apiVersion: 'v1',
        resourceVersion: '9',
      },
    };
    expect(JSON.parse(slimEvent(preempted)!.json).related).toEqual({
      kind: 'Pod',
      namespace: 'prod',
      name: 'big-0',
      uid: 'r-uid',
      apiVersion: 'v1',
    });
  });

  it('keeps an event whose involved object has no uid (TaintManagerEviction)', () => {
    const eviction = {
      metadata: { name: 'web-0.18a1', namespace: 'prod', uid: 'u-2', resourceVersion: '8' },
      involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-0' },
      reason: 'TaintManagerEviction',
      message: 'Marking for deletion Pod prod/web-0',
      source: { component: 'taint-eviction-controller' },
      type: 'Normal',
    };
    expect(JSON.parse(slimEvent(eviction)!.json).involvedObject).toEqual({
      kind: 'Pod',
      namespace: 'prod',
      name: 'web-0',
    });
  });

  it.each([
    ['a bookmark', { kind: 'Event', apiVersion: 'v1', metadata: { resourceVersion: '12746' } }],
    ['an event about a Node', { ...kubeletBackOff, involvedObject: { kind: 'Node', name: 'ip-10-0-1-23' } }],
    ['an event without a uid', { ...kubeletBackOff, metadata: { ...kubeletBackOff.metadata, uid: '' } }],
    [
      'an event without a resourceVersion',
      { ...kubeletBackOff, metadata: { name: 'x', namespace: 'y', uid: 'z' } },
    ],
    ['not an object', 'Event'],
  ])('refuses %s', (_what, object) => {
    expect(slimEvent(object)).toBeUndefined();
  });
});
