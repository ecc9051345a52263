import { describe, expect, it } from 'vitest';
import { ingestApp } from '../ingest/ingest-app.js';
import { batch, podEvent, podObject } from '../support/event-builders.js';
import { queryApp } from './query-app.js';

/**
 * One name vocabulary (functions/domain/names.ts) for every edge: whatever the ingest records, the
 * query API answers for, by name and by uid.
 */
describe('a pod the ingest recorded can be asked for by the names it was recorded under', () => {
  it.each([
    ['a uid with ":" (any short token the ingest accepts)', 'web-0', 'sim:default:web-0'],
    [
      'a pod name of 100 characters without dots (Kubernetes bounds the whole name, not its parts)',
      'a'.repeat(100),
      'uid-long',
    ],
  ])('%s', async (_case, name, uid) => {
    const ingest = ingestApp();
    const posted = await ingest.post(
      batch('prod-eu-1', [podEvent('ADDED', 0, podObject({ name, uid, createdAt: 0 }, {}, '5'))]),
    );
    expect(posted.json).toEqual({ accepted: 1, unchanged: 0, stale: 0, rejected: [] });

    const query = queryApp(ingest.store);
    const byName = await query.get('/v1/timeline', { cluster: 'prod-eu-1', namespace: 'default', name });
    expect(byName.statusCode).toBe(200);
    expect((byName.json.incarnations as { pod: { uid: string } }[]).map((i) => i.pod.uid)).toEqual([uid]);
    const byUid = await query.get('/v1/timeline', { cluster: 'prod-eu-1', uid });
    expect(byUid.json).toMatchObject({ namespace: 'default', name });
  });
});
