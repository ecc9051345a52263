import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository's docs stand on their own (issue 16): every relative link and every repository
 * path they name exists, every `#anchor` of a link to a Markdown file is one of its headings, and
 * nothing points at files kept outside the repository.
 */

const DOCS = ['README.md', ...readdirSync('docs').map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'));

/** Top-level folders and files of the repository: a backticked path starting with one is a path. */
const TOP = new Set(readdirSync('.').filter((name) => !name.startsWith('.') && name !== 'node_modules'));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to "-". */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1] ?? '')));
}

/** Markdown links `[text](target)` outside code blocks, but not URLs. */
function linksOf(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target));
}

/** Backticked repository paths: `agent/deploy/`, `functions/store/write/pod-commit.ts`, … */
function pathsOf(text: string): string[] {
  return [...text.matchAll(/`([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]*)`/g)]
    .map((m) => m[1] ?? '')
    .filter((path) => TOP.has(path.split('/')[0] ?? '') && !/[*<>…]/.test(path));
}

describe.each(DOCS)('%s', (file) => {
  const text = readFileSync(file, 'utf8');

  it('links only to files and headings that exist', () => {
    const broken = linksOf(text).filter((target) => {
      const [path = '', anchor] = target.split('#');
      const resolved = path === '' ? file : normalize(join(dirname(file), path));
      if (!existsSync(resolved)) return true;
      if (anchor === undefined || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) return false;
      return !anchorsOf(resolved).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('names only repository paths that exist', () => {
    expect(pathsOf(text).filter((path) => !existsSync(path))).toEqual([]);
  });

  it('points at nothing kept outside the repository', () => {
    expect(text).not.toMatch(/design\.md|\/shared\/|shared\/reference|reference\//);
  });
});

it('finds the paths and links it checks (README names agent/deploy/ and links docs/deploy.md)', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(pathsOf(readme)).toContain('agent/deploy/');
  expect(linksOf(readme)).toContain('docs/deploy.md');
});

describe('agent/', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  it.each(files('agent'))('%s points at nothing kept outside the repository', (file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/design\.md|\/shared\/|shared\/reference|reference\//);
  });
});
