/**
 * The README and the guides are read in three places: the repository, the registry's package
 * page and `node_modules/scenario-sdk`. A relative link works in all three only when its target
 * is in the tarball, so every relative link of a shipped Markdown file must name a shipped file
 * (and, with a `#fragment`, one of its headings); anything else is an absolute URL. Absolute
 * links into this repository must name a file it has.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest: { repository: { url: string } } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** `https://github.com/owner/name/blob/<branch>/`, the prefix of links to the repository's files. */
const REPOSITORY_FILE = new RegExp(
  `^${manifest.repository.url
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/blob/[^/]+/([^#?]+)`,
);

/** The files `npm pack` puts in the tarball (paths inside the package folder). */
function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [pack] = JSON.parse(output) as [{ files: { path: string }[] }];
  return pack.files.map((file) => file.path);
}

/** The text with fenced code blocks (and inline code spans, unless `keepSpans`) blanked out, lines kept. */
function withoutCode(markdown: string, keepSpans = false): string {
  const blank = (code: string) => code.replace(/[^\n]/g, ' ');
  const fences = markdown.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[^\n]*$/gm, blank);
  return keepSpans ? fences : fences.replace(/`[^`\n]+`/g, blank);
}

interface Link {
  target: string;
  line: number;
}

/** Inline links and images (their text may span lines), reference definitions and HTML href/src. */
function linksOf(markdown: string): Link[] {
  const text = withoutCode(markdown);
  const patterns = [
    /\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g,
    /^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?/gm,
    /\b(?:href|src)="([^"]+)"/g,
  ];
  return patterns
    .flatMap((pattern) => [...text.matchAll(pattern)])
    .map((match) => ({ target: match[1] as string, line: text.slice(0, match.index).split('\n').length }))
    .sort((a, b) => a.line - b.line);
}

/** The `#fragment`s of a file's headings, as GitHub (and typedoc) make them. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const [, heading] of withoutCode(markdown, true).matchAll(/^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const slug = (heading as string)
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return anchors;
}

const isAbsolute = (target: string) => /^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//');

const shipped = packedFiles();
const markdownFiles = shipped.filter((file) => file.endsWith('.md')).sort();

describe('links of the shipped Markdown files', () => {
  test('the README, the changelog and the guides are shipped', () => {
    expect(markdownFiles).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/getting-started.md']));
    expect(markdownFiles.filter((file) => file.startsWith('docs/')).length).toBeGreaterThanOrEqual(10);
  });

  test.each(markdownFiles)('%s: every relative link names a shipped file and heading', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const broken: string[] = [];
    for (const { target, line } of linksOf(text)) {
      if (isAbsolute(target)) continue;
      const [path = '', fragment] = target.split('#');
      const resolved = path === '' ? file : posix.normalize(posix.join(posix.dirname(file), decodeURI(path)));
      if (!shipped.includes(resolved)) broken.push(`${file}:${line} ${target}: ${resolved} is not in the tarball`);
      else if (fragment && resolved.endsWith('.md')) {
        const anchors = anchorsOf(readFileSync(join(ROOT, resolved), 'utf8'));
        if (!anchors.has(fragment)) broken.push(`${file}:${line} ${target}: ${resolved} has no heading #${fragment}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test.each(markdownFiles)('%s: links into the repository name files it has', (file) => {
    const missing = linksOf(readFileSync(join(ROOT, file), 'utf8'))
      .map(({ target, line }) => ({ line, path: REPOSITORY_FILE.exec(target)?.[1] }))
      .filter(({ path }) => path !== undefined && !existsSync(join(ROOT, path)))
      .map(({ line, path }) => `${file}:${line} ${path}`);
    expect(missing).toEqual([]);
  });

  test('the README links the guides in the tarball and the examples in the repository', () => {
    const targets = linksOf(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((link) => link.target);
    expect(targets).toContain('docs/getting-started.md');
    const examples = readdirSync(join(ROOT, 'examples')).filter((name) => /^[^_].*\.ts$/.test(name));
    const linked = targets
      .map((target) => REPOSITORY_FILE.exec(target)?.[1])
      .filter((path) => path?.startsWith('examples/'));
    expect(linked.sort()).toEqual(examples.map((name) => `examples/${name}`).sort());
  });
});

describe('the link reader', () => {
  test('finds links whose text spans lines, references and HTML, and none in code', () => {
    const markdown = [
      '[the',
      'guide](docs/a.md#part "title") and ![img](<b.png>)',
      '```sh',
      'echo [not](c.md)',
      '```',
      'and `[not](d.md)`',
      '[ref]: e.md',
      '<a href="f.md">f</a>',
    ].join('\n');
    expect(linksOf(markdown)).toEqual([
      { target: 'docs/a.md#part', line: 2 },
      { target: 'b.png', line: 2 },
      { target: 'e.md', line: 7 },
      { target: 'f.md', line: 8 },
    ]);
  });

  test('makes heading anchors as GitHub does', () => {
    const anchors = anchorsOf(
      '# Strings from your users: a risk on servers\n## `run()` vs `create()`\n## Notes\n## Notes\n',
    );
    expect([...anchors]).toEqual(['strings-from-your-users-a-risk-on-servers', 'run-vs-create', 'notes', 'notes-1']);
  });
});
