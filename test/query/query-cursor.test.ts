import { describe, expect, it } from 'vitest';
import { createCursorCodec } from '../../functions/query/cursor.js';
import { InvalidParameterError } from '../../functions/query/errors.js';

const KEY = new TextEncoder().encode('k'.repeat(32));
const OTHER = new TextEncoder().encode('o'.repeat(32));
const STATE = {
  since: '2026-11-23T10:00:00.000Z',
  until: '2026-11-23T11:00:00.000Z',
  store: { pk: 'x', n: 3 },
};

function rejects(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return (error as Error).message;
  }
  throw new Error('expected the cursor to be rejected');
}

describe('cursors', () => {
  const codec = createCursorCodec(KEY);
  const token = codec.seal('/v1/pods', 'cluster=demo', STATE);

  it('round-trip the state for the same route and parameters', () => {
    expect(codec.open('/v1/pods', 'cluster=demo', token)).toEqual(STATE);
  });

  it('are opaque base64url with a signature', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  const tampered: [string, () => unknown][] = [
    ['an edited state', () => codec.open('/v1/pods', 'cluster=demo', editState(token))],
    ['an edited signature', () => codec.open('/v1/pods', 'cluster=demo', `${token.slice(0, -2)}AA`)],
    ['another route', () => codec.open('/v1/restarts/records', 'cluster=demo', token)],
    ['other parameters', () => codec.open('/v1/pods', 'cluster=prod', token)],
    ['another key', () => createCursorCodec(OTHER).open('/v1/pods', 'cluster=demo', token)],
    ['no signature', () => codec.open('/v1/pods', 'cluster=demo', token.split('.')[0]!)],
    ['garbage', () => codec.open('/v1/pods', 'cluster=demo', 'not a cursor')],
    ['an empty payload', () => codec.open('/v1/pods', 'cluster=demo', `.${token.split('.')[1]}`)],
  ];
  it.each(tampered)('reject %s as an invalid cursor', (_name, open) => {
    expect(rejects(open)).toMatch(/^cursor: invalid cursor/);
  });

  it('signed with the previous key still open during a key rotation', () => {
    const old = createCursorCodec(OTHER).seal('/v1/pods', 'cluster=demo', STATE);
    expect(createCursorCodec(KEY, [OTHER]).open('/v1/pods', 'cluster=demo', old)).toEqual(STATE);
  });
});

function editState(token: string): string {
  const [payload, mac] = token.split('.') as [string, string];
  const state = JSON.parse(Buffer.from(payload, 'base64url').toString()) as typeof STATE;
  const edited = { ...state, store: { ...state.store, n: 4 } };
  return `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${mac}`;
}
