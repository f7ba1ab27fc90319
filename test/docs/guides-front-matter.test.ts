/**
 * The guides open as typedoc's `projectDocuments` expect: a YAML front matter block whose
 * `title` names the guide in the API docs' navigation, then the page's `# Heading`. A Markdown
 * formatter that does not know front matter turns `---` / `title: …` / `---` into a rule and a
 * `## title: …` heading (Biome does unless `markdown.parser.frontmatter` is on), and typedoc
 * then shows the file name and prints the broken header on the page.
 */
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseDocument } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const typedoc: { projectDocuments: string[] } = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8'));
const guides = typedoc.projectDocuments.flatMap((pattern) => globSync(pattern, { cwd: ROOT })).sort();

/** What typedoc reads (its own rule): `---\n`, the YAML, `\n---\n`, then the page. */
function frontMatter(text: string): { data: unknown; errors: string[]; rest: string } | undefined {
  if (!text.startsWith('---\n')) return undefined;
  const end = text.indexOf('\n---\n');
  if (end === -1) return undefined;
  const yaml = parseDocument(text.slice('---\n'.length, end));
  return {
    data: yaml.toJS(),
    errors: yaml.errors.map((error) => error.message),
    rest: text.slice(end + '\n---\n'.length),
  };
}

test('typedoc finds the guides', () => {
  expect(guides.length).toBeGreaterThanOrEqual(10);
});

test.each(guides)('%s starts with a front matter title, then its # heading', (guide) => {
  const text = readFileSync(join(ROOT, guide), 'utf8');
  const parsed = frontMatter(text);
  expect(parsed, 'a `---` / `title: …` / `---` block on the first lines').toBeDefined();
  const { data, errors, rest } = parsed as NonNullable<typeof parsed>;
  expect(errors).toEqual([]);
  expect(data).toEqual({ title: expect.stringMatching(/^[A-Z]\S*( \S+)*$/) });
  expect(rest).toMatch(/^\n# \S[^\n]*\n/);
  expect(text).not.toMatch(/^#+ title:/m);
});

test('the front matter rule catches the mangled header', () => {
  expect(frontMatter('---\n\n## title: Runtimes\n\n# Runtimes\n')).toBeUndefined();
  expect(frontMatter('---\ntitle: Runtimes\n---\n\n# Runtimes\n')).toMatchObject({ data: { title: 'Runtimes' } });
});
