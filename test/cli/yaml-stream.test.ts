/**
 * Reading YAML a document, or a List entry, at a time (cli/yaml-documents.ts) with the fast reader
 * for kubectl's YAML (cli/yaml-block.ts) gives what the whole-text parse gives: the same values,
 * the same messages, the same line numbers — on kubectl's output and on every other shape of YAML.
 */
import { describe, expect, it } from 'vitest';
import { stringify, parse as yamlParse } from 'yaml';
import { generatePodMix } from '../../bench/status-pod-mix.js';
import { parsePods } from '../../cli/pod-input.js';
import { readBlockYaml } from '../../cli/yaml-block.js';
import { readYamlStream, readYamlWhole, type YamlResult } from '../../cli/yaml-documents.js';
import { seededRandom } from '../../simulator/random.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const pods = generatePodMix(40, 7, NOW).pods.map(
  (p) => JSON.parse(JSON.stringify(p)) as Record<string, unknown>,
);
/** Two pods with what kubectl prints as block scalars and quoted strings. */
const dressed = pods.slice(0, 2).map((pod, i) => ({
  ...pod,
  metadata: {
    ...(pod.metadata as object),
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p${i}"}}\n`,
      'example.com/script': 'line one\n  indented line\n\nafter a blank line',
      'example.com/trailing': 'keeps\nits last break\n',
      'example.com/quoted': 'yes',
      'example.com/number-like': '0123',
      'example.com/colon': 'a: b',
      'example.com/hash': 'a #b',
      'example.com/unicode': 'é ✓ \u0007 \t tab',
      'example.com/empty': '',
    },
  },
}));
const list = {
  apiVersion: 'v1',
  items: [...dressed, ...pods.slice(2)],
  kind: 'List',
  metadata: { resourceVersion: '' },
};

/** The yaml package's output in kubectl's style (Go's encoder: sequences not indented under their key). */
const kubectlYaml = (value: unknown) =>
  stringify(value, { indentSeq: false, sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });

/**
 * Results as pods-and-errors: a List document's items listed one by one, whether the reader gave
 * the List whole or entry by entry.
 */
function flatten(results: Iterable<YamlResult>): unknown[] {
  const out: unknown[] = [];
  for (const r of results) {
    if ('error' in r) out.push(r);
    else if (r.item) out.push({ where: r.where, value: r.value });
    else {
      const v = r.value as { kind?: unknown; items?: unknown } | null;
      const isList =
        typeof v === 'object' &&
        v !== null &&
        Array.isArray(v.items) &&
        (v.kind === undefined || v.kind === 'List' || v.kind === 'PodList');
      if (!isList) out.push({ where: r.where, value: r.value });
      else {
        for (const [i, item] of (v.items as unknown[]).entries()) {
          out.push({ where: `${r.where}: items[${i}]`, value: item });
        }
      }
    }
  }
  return out;
}

function expectSameAsWhole(text: string): void {
  expect(flatten(readYamlStream(text, 'f'))).toEqual(flatten(readYamlWhole(text, 'f')));
}

describe('the fast reader gives the yaml package’s value, or declines', () => {
  it('reads every pod of kubectl-style output itself', () => {
    for (const pod of list.items) {
      const text = kubectlYaml(pod);
      expect(readBlockYaml(text, 0, text.length), text.slice(0, 200)).toEqual({ value: yamlParse(text) });
    }
  });

  it.each<[string, string]>([
    [
      'plain scalars of every core-schema type',
      'a: 1\nb: -0\nc: 0o17\nd: 0x1F\ne: 1.50\nf: 1e3\ng: .inf\nh: -.Inf\ni: .nan\nj: ~\nk: Null\nl: TRUE\nm: false\nn: 0123x\no: 1_000\np: +5\nq: .5\n',
    ],
    [
      'strings that look like other things',
      'a: "true"\nb: \'123\'\nc: "2026-11-23T10:00:00Z"\nd: 2026-11-23T10:00:00Z\ne: -x\nf: :x\ng: a#b\nh: a #comment\ni: "a\\tb\\u00e9\\x41\\U0001F600\\\\\\"\\/"\nj: \'it\'\'s\'\n',
    ],
    [
      'keys: plain with colons, quoted, spaced',
      'k:{"name":"app"}:\n  .: {}\n"quoted key": 1\n\'single\': 2\nspaced  : 3\nf:x: []\n',
    ],
    [
      'block sequences indented or not, nested',
      'a:\n- 1\n- b: 2\n  c: 3\n-\n  d: 4\ne:\n  - x\n  -   y\nf: []\n',
    ],
    [
      'comments on their own lines and after values',
      '# head\na: 1 # one\n# between\nb:   # nothing here\n  c: 2\n  # indented comment\nd:\n# at column 0\n- x # ex\n',
    ],
    [
      'literal block scalars, clipped and stripped',
      'a: |\n  one\n    two\n\n  three\nb: |-\n  x\n\nc: |\n  y\n\n\nd: 1\n',
    ],
    [
      'scalars folded over several lines, as Go folds long ones at 80 columns',
      'a: one two\n  three\n\n  four\n\n\n  five\nb: \'it\'\'s\n  long\n\n  text \'\nc: "x\\ty\n  z \\\n  w  "\nd:\n- item one\n  continued\n- "\n  starts on the next line"\ne: 1\n',
    ],
    ['empty values', 'a:\nb: ""\nc: \'\'\nd:\n  e:\n'],
  ])('%s', (_, text) => {
    const read = readBlockYaml(text, 0, text.length);
    expect(read).toBeDefined();
    expect(read).toEqual({ value: yamlParse(text) });
  });

  it.each<[string, string]>([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a flow mapping', 'a: {b: 1}\n'],
    ['a flow sequence', 'a: [1, 2]\n'],
    ['a folded block scalar', 'a: >\n  x\n  y\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   x\n'],
    ['a keep-chomped block scalar', 'a: |+\n  x\n\n'],
    ['a continuation line with a key', 'a: one\n  two: 2\n'],
    ['a continuation line with a comment', 'a: one\n  two # c\n'],
    ['a quoted scalar that never closes', 'a: "one\n  two\n'],
    ['a quoted scalar continued at its key’s column', 'a: "one\ntwo"\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a non-string key', '1: a\n'],
    ['a merge key', '<<: {a: 1}\n'],
    ['a tab in the indentation', 'a:\n\tb: 1\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['a compact nested sequence', '- - a\n'],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a root scalar', 'just a string\n'],
  ])('declines %s', (_, text) => {
    expect(readBlockYaml(text, 0, text.length)).toBeUndefined();
  });
});

describe('reading a document or an entry at a time = the whole-text parse', () => {
  const cases: [string, string][] = [
    ['a kubectl List', kubectlYaml(list)],
    ['a List with indented sequences', stringify(list, { indentSeq: true, aliasDuplicateObjects: false })],
    [
      'a List in double quotes',
      stringify(list, { defaultStringType: 'QUOTE_DOUBLE', aliasDuplicateObjects: false }),
    ],
    [
      'a List with single-quoted keys and values',
      stringify(list, {
        defaultStringType: 'QUOTE_SINGLE',
        defaultKeyType: 'QUOTE_SINGLE',
        aliasDuplicateObjects: false,
      }),
    ],
    [
      'a List with folded block scalars',
      stringify(list, { blockQuote: 'folded', aliasDuplicateObjects: false }),
    ],
    ['a List in flow style', stringify(list, { collectionStyle: 'flow', aliasDuplicateObjects: false })],
    [
      'a List whose entries are in flow style',
      `kind: List\nitems:\n${pods
        .slice(0, 3)
        .map((p) => `- ${JSON.stringify(p)}\n`)
        .join('')}`,
    ],
    [
      'a PodList, then a Pod, then an empty document, as a --- stream',
      [kubectlYaml({ ...list, kind: 'PodList' }), kubectlYaml(pods[3]), ''].join('---\n'),
    ],
    [
      'kubectl get -o yaml -w: one document per event',
      pods
        .slice(0, 5)
        .map((p) => `---\n${kubectlYaml(p)}`)
        .join(''),
    ],
    [
      'comments before the first ---, after markers, between entries',
      `# saved by me\n---   # first\n${kubectlYaml(list).replace(/\n- /g, '\n# entry\n- ')}--- # second\n${kubectlYaml(pods[4])}`,
    ],
    ['a --- line with content', `--- {kind: Pod, metadata: {name: a}}\n---\n${kubectlYaml(pods[5])}`],
    ['a ... document end', `${kubectlYaml(pods[5])}...\n---\n${kubectlYaml(pods[6])}`],
    ['a %YAML directive', `%YAML 1.2\n---\n${kubectlYaml(list)}`],
    ['CRLF line breaks', kubectlYaml(list).replaceAll('\n', '\r\n')],
    [
      'anchors inside one entry',
      'kind: List\nitems:\n- kind: Pod\n  metadata: &m {name: a}\n  spec: {x: *m}\n- kind: Pod\n  metadata: {name: b}\n',
    ],
    [
      'an alias to an anchor in another entry',
      'kind: List\nitems:\n- kind: Pod\n  metadata: &m {name: a}\n- kind: Pod\n  metadata: *m\n',
    ],
    [
      'an anchor in the header used in an entry',
      'kind: List\nmetadata: &m {name: a}\nitems:\n- kind: Pod\n  metadata: *m\n',
    ],
    [
      'header keys after the items',
      `apiVersion: v1\nitems:\n${kubectlYaml(pods.slice(0, 2))}kind: List\nmetadata:\n  resourceVersion: "7"\n`,
    ],
    [
      'a List of other things',
      'kind: List\nitems:\n- 7\n- [a]\n- kind: Service\n-\n- kind: List\n  items:\n  - kind: Pod\n',
    ],
    ['a Deployment with items', 'kind: Deployment\nitems:\n- kind: Pod\n  metadata: {name: a}\n'],
    ['a List with two items keys', 'kind: List\nitems:\n- kind: Pod\nitems:\n- kind: Pod\n'],
    [
      'an entry that is a syntax error',
      'kind: List\nitems:\n- kind: Pod\n  metadata:\n    name: [a\n- kind: Pod\n  metadata: {name: b}\n',
    ],
    [
      'an entry indented between the dash and the header',
      'kind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n kind2: x\n',
    ],
    [
      'a bad document among good ones',
      `${kubectlYaml(pods[0])}---\nkind: Pod\nmetadata: {name: [b\n---\n${kubectlYaml(pods[1])}`,
    ],
  ];
  it.each(cases)('%s', (_, text) => {
    expectSameAsWhole(text);
  });

  it('random documents in random styles', () => {
    const random = seededRandom(16);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const long = 'a fairly long message: with "quotes", it\'s got \\ backslashes and #hashes and   spaces';
    const strings = [
      long,
      `${long}\n\n${long}`,
      'a',
      'true',
      '0',
      '1.5',
      '',
      ' lead',
      'trail ',
      'a: b',
      '#x',
      'x #y',
      '- z',
      'multi\nline\n',
      "it's",
      '"q"',
      'null',
      '~',
      'k:{"a":1}',
      '\\',
      'é',
    ];
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.4) return pick<unknown>([...strings, 0, -1, 2.5, 1e21, true, false, null]);
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--) object[pick(strings) || 'k'] = value(depth + 1);
      return object;
    };
    let readFast = 0;
    for (let n = 0; n < 300; n++) {
      const items = Array.from({ length: 1 + Math.floor(random() * 4) }, () => value(0));
      const doc = random() < 0.5 ? { kind: 'List', items } : items[0];
      const text = stringify(doc, {
        indentSeq: random() < 0.5,
        defaultStringType: pick(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const),
        blockQuote: pick([true, 'literal', 'folded', false] as const),
        collectionStyle: random() < 0.1 ? 'flow' : 'any',
        lineWidth: pick([0, 20, 40, 80]),
        minContentWidth: 0,
        aliasDuplicateObjects: false,
      });
      const fast = readBlockYaml(text, 0, text.length);
      if (fast !== undefined) {
        readFast++;
        expect(fast.value, text).toEqual(yamlParse(text));
      }
      const stream = random() < 0.3 ? `${text}---\n${text}` : text;
      expect(flatten(readYamlStream(stream, 'f')), stream).toEqual(flatten(readYamlWhole(stream, 'f')));
    }
    // Over a third are the fast reader's own (the rest: folded scalars, flow style, root scalars…).
    expect(readFast).toBeGreaterThan(100);
  });
});

describe('messages and line numbers', () => {
  it('names a broken List entry by its line in the file, as the whole parse does', () => {
    const text = `${kubectlYaml({ kind: 'List', items: pods.slice(0, 3) })}`;
    const lines = text.split('\n');
    const third = lines.map((l) => l.startsWith('- ')).lastIndexOf(true);
    lines.splice(third + 2, 0, '  metadata: {name: [broken');
    const broken = lines.join('\n');
    const { pods: read, errors } = parsePods(broken, 'pods.yaml');
    expect(read).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^pods\\.yaml: document 1 \\(line 1\\): invalid YAML at line ${third + 4}, column 3: `),
    );
    expectSameAsWhole(broken);
  });

  it('numbers documents and their lines in a stream as the whole parse does', () => {
    const text = `# saved\n---\n${kubectlYaml(pods[0])}---\n\n---\nkind: Pod\nmetadata:\n  name: [b\n---\nkind: Service\n`;
    const { errors } = parsePods(text, 's.yaml');
    const podLines = kubectlYaml(pods[0]).split('\n').length - 1;
    expect(errors).toEqual([
      `s.yaml: document 3 (line ${podLines + 6}): invalid YAML at line ${podLines + 9}, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `s.yaml: document 4 (line ${podLines + 10}): kind Service is not a Pod`,
    ]);
  });
});
