/**
 * How `podtrail status` finds pods in what users saved, and how it locates what is wrong, without
 * spawning the CLI (status-command.test.ts does that on real files).
 */
import { describe, expect, it } from 'vitest';
import { scanJsonValue } from '../../cli/json-scan.js';
import { parsePods } from '../../cli/pod-input.js';

const names = (text: string, source = 'in') => {
  const { pods, errors } = parsePods(text, source);
  return { names: pods.map((p) => (p as { metadata?: { name?: string } }).metadata?.name), errors };
};

const podJson = (name: string) => JSON.stringify({ kind: 'Pod', metadata: { name } });

describe('what counts as a pod', () => {
  it.each<[string, string, (string | undefined)[], string[]]>([
    ['a Pod', podJson('a'), ['a'], []],
    ['a Pod without kind but with metadata', '{"metadata":{"name":"a"}}', ['a'], []],
    ['a v1 List', `{"kind":"List","items":[${podJson('a')},${podJson('b')}]}`, ['a', 'b'], []],
    [
      'a PodList whose items have no kind',
      '{"kind":"PodList","items":[{"metadata":{"name":"a"}}]}',
      ['a'],
      [],
    ],
    ['a list without kind', '{"items":[{"metadata":{"name":"a"}}]}', ['a'], []],
    ['an empty list serialised by Go (items: null)', '{"kind":"List","items":null}', [], []],
    ['a JSON array', `[${podJson('a')},${podJson('b')}]`, ['a', 'b'], []],
    ['a watch event', `{"type":"MODIFIED","object":${podJson('a')}}`, ['a'], []],
    ['a byte order mark before JSON', `\ufeff${podJson('a')}`, ['a'], []],
    ['blank input', '  \n\n', [], []],
    [
      'a Deployment',
      '{"kind":"Deployment","metadata":{"name":"d"}}',
      [],
      ['in: kind Deployment is not a Pod'],
    ],
    [
      'a Deployment in a List',
      `{"kind":"List","items":[${podJson('a')},{"kind":"Deployment"}]}`,
      ['a'],
      ['in: items[1]: kind Deployment is not a Pod'],
    ],
    [
      'a scalar in an array',
      `[${podJson('a')},7]`,
      ['a'],
      ['in: [1]: expected a Pod object, got a number (7)'],
    ],
    [
      'an object with neither kind nor metadata',
      '{"spec":{}}',
      [],
      ['in: an object without kind or metadata is not a Pod'],
    ],
    ['a List whose items is not an array', '{"kind":"List","items":{}}', [], ['in: List has no items array']],
    [
      'a watch ERROR event with a Status',
      '{"type":"ERROR","object":{"kind":"Status","code":410}}',
      [],
      ['in: object: kind Status is not a Pod'],
    ],
  ])('%s', (_, text, expectedNames, errors) => {
    expect(names(text)).toEqual({ names: expectedNames, errors });
  });
});

describe('NDJSON and JSON streams', () => {
  it('reads one document per line and names bad lines by line:column', () => {
    const text = [
      podJson('a'),
      '',
      '{"kind":"Pod","metadata":{"name":"b"',
      podJson('c'),
      '{"kind":"Job"}',
      'not json',
    ].join('\n');
    expect(names(text, 'f.ndjson')).toEqual({
      names: ['a', 'c'],
      errors: [
        "f.ndjson:3:37: invalid JSON: unexpected end of input, expected ',' or '}'",
        'f.ndjson:5: kind Job is not a Pod',
        "f.ndjson:6:1: invalid JSON: unexpected 'n', expected a value",
      ],
    });
  });

  it('names a value followed by more text on the same line', () => {
    expect(names(`${podJson('a')}\n${podJson('b')} x`, 'f')).toEqual({
      names: ['a'],
      errors: ['f:2:40: invalid JSON: unexpected text after the value'],
    });
  });

  it('reads concatenated pretty-printed documents', () => {
    const pretty = (name: string) => JSON.stringify({ kind: 'Pod', metadata: { name } }, null, 4);
    expect(names(`${pretty('a')}\n${pretty('b')}{"kind":"Pod","metadata":{"name":"c"}}\n`)).toEqual({
      names: ['a', 'b', 'c'],
      errors: [],
    });
  });

  it('resumes at the next document after one that is cut short', () => {
    const text =
      '{\n  "kind": "Pod",\n  "metadata": {"name": "a"\n}\n{\n  "kind": "Pod", "metadata": {"name": "b"}\n}\n';
    expect(names(text, 's')).toEqual({
      names: ['b'],
      errors: ["s:5:1: invalid JSON: unexpected '{', expected ',' or '}'"],
    });
  });

  it('resumes at the next line opening a document after a syntax error inside one', () => {
    const text = `{\n  "kind": "Pod",\n  "metadata": {"name": "a",}\n}\n${podJson('b')}\n`;
    expect(names(text, 's')).toEqual({
      names: ['b'],
      errors: ["s:3:28: invalid JSON: unexpected '}', expected a string key"],
    });
  });

  it('names the valid documents of a stream by number and line', () => {
    const text = `${podJson('a')}\n{"kind":"Node"}\n`;
    expect(parsePods(`[1,\n${text}`, 's').errors).toEqual([
      "s:3:1: invalid JSON: unexpected '{', expected ',' or ']'",
      's: document 2 (line 3): kind Node is not a Pod',
    ]);
    expect(parsePods(`{"kind":"Node"}\n\n  {"kind":"Job"}`, 's').errors).toEqual([
      's:1: kind Node is not a Pod',
      's:3: kind Job is not a Pod',
    ]);
    expect(parsePods(`{\n"kind":"Node"}{"kind":"Job"}`, 's').errors).toEqual([
      's: document 1 (line 1): kind Node is not a Pod',
      's: document 2 (line 2): kind Job is not a Pod',
    ]);
  });
});

describe('multi-document YAML', () => {
  it('reads every document, skips empty ones, and names a broken one by number and line', () => {
    const text = [
      'kind: Pod\nmetadata:\n  name: a\n',
      '\n',
      'kind: Pod\nmetadata:\n  name: [b\n',
      'kind: List\nitems:\n- kind: Pod\n  metadata: {name: c}\n- kind: Service\n',
      'type: ADDED\nobject:\n  kind: Pod\n  metadata: {name: d}\n',
      '"just a string"\n',
    ].join('---\n');
    expect(names(text, 'y')).toEqual({
      names: ['a', 'c', 'd'],
      errors: [
        'y: document 3 (line 7): invalid YAML at line 10, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
        'y: document 4 (line 11): items[1]: kind Service is not a Pod',
        'y: document 6 (line 22): expected a Pod, PodList or List object, got a string ("just a string")',
      ],
    });
  });

  it('reports an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        return `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
    ].join('\n');
    const { pods, errors } = parsePods(bomb, 'bomb.yaml');
    expect(pods).toEqual([]);
    expect(errors).toEqual([
      'bomb.yaml: document 1 (line 1): invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });
});

describe('scanJsonValue locates the first syntax error', () => {
  it.each<[string, string, { ok: true; end: number } | { ok: false; at: number; message: string }]>([
    ['a complete object', '{"a": [1, -2.5e3, true, null, "x\\u00e9"]} rest', { ok: true, end: 41 }],
    ['an empty object and array', '[{}, []]', { ok: true, end: 8 }],
    [
      'a missing comma',
      '{"a": 1 "b": 2}',
      { ok: false, at: 8, message: "unexpected '\"', expected ',' or '}'" },
    ],
    [
      'a trailing comma in an array',
      '[1,]',
      { ok: false, at: 3, message: "unexpected ']', expected a value" },
    ],
    ['a missing colon', '{"a" 1}', { ok: false, at: 5, message: "unexpected '1', expected ':'" }],
    ['an unquoted key', '{a: 1}', { ok: false, at: 1, message: "unexpected 'a', expected a string key" }],
    ['a bad escape', '"a\\x"', { ok: false, at: 2, message: "unexpected '\\', expected a valid escape" }],
    [
      'a short unicode escape',
      '"\\u12"',
      { ok: false, at: 1, message: "unexpected '\\', expected four hex digits after \\u" },
    ],
    [
      'a raw newline in a string',
      '"a\nb"',
      {
        ok: false,
        at: 2,
        message: 'unexpected "\\n", expected a closing quote (control characters must be escaped)',
      },
    ],
    [
      'an unterminated string',
      '"abc',
      { ok: false, at: 4, message: 'unexpected end of input, expected a closing quote' },
    ],
    ['a leading plus', '+1', { ok: false, at: 0, message: "unexpected '+', expected a value" }],
    ['nothing at all', '', { ok: false, at: 0, message: 'unexpected end of input, expected a value' }],
    [
      'an unclosed array',
      '[1, 2',
      { ok: false, at: 5, message: "unexpected end of input, expected ',' or ']'" },
    ],
  ])('%s', (_, text, expected) => {
    expect(scanJsonValue(text, 0)).toEqual(expected);
  });

  it('handles deep nesting without recursion', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(scanJsonValue(deep, 0)).toEqual({ ok: true, end: 200_000 });
  });
});
