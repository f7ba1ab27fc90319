/**
 * The guides' and README's TypeScript snippets typecheck against the SDK's source.
 *
 * Every ```ts block of `docs/*.md` and `README.md` is written to `.tmp/snippets/` (inside the
 * project, so tsconfig `paths` resolve `scenario-sdk` to `src/`) as its own ES module, where
 * top-level await works, then compiled with the root tsconfig's options. A block may be
 * preceded by `<!-- prelude: declare const client: Scenario; -->`: the prelude's text is
 * prepended to the snippet (on the same first line, so line numbers stay the snippet's).
 * Failures name the Markdown file and line of the offending code.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const outDir = join(root, '.tmp', 'snippets');

interface Snippet {
  /** Where the block starts: `docs/jobs-and-waiting.md:42` (the line after the fence). */
  source: string;
  file: string;
  /** Markdown line of the snippet's first line. */
  firstLine: number;
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, 'docs', name));
  return [join(root, 'README.md'), ...docs.sort()];
}

function extractSnippets(): Snippet[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const snippets: Snippet[] = [];
  for (const path of markdownFiles()) {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let index = 0; index < lines.length; index++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[index] as string)) continue;
      const prelude = /^<!--\s*prelude:\s*(.*?)\s*-->$/.exec(lines[index - 1] ?? '')?.[1] ?? '';
      const start = index + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end] as string)) end++;
      const body = lines.slice(start, end);
      // `export {}` makes every snippet a module: top-level await, no clashes between snippets.
      const text = `${prelude} ${body.join('\n')}\nexport {};\n`;
      const name = `${basename(path, '.md')}-${start + 1}.ts`;
      const file = join(outDir, name);
      writeFileSync(file, text);
      snippets.push({ source: `${relative(root, path)}:${start + 1}`, file, firstLine: start + 1 });
      index = end;
    }
  }
  return snippets;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  return { ...parsed.options, noEmit: true };
}

test('every ts snippet in the README and docs/ typechecks', () => {
  const snippets = extractSnippets();
  expect(snippets.length).toBeGreaterThan(20);
  const program = ts.createProgram({
    rootNames: snippets.map((snippet) => snippet.file),
    options: compilerOptions(),
  });
  const byFile = new Map(snippets.map((snippet) => [snippet.file, snippet]));
  const problems: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const { file: source, start } = diagnostic;
    const snippet = source && byFile.get(source.fileName);
    if (!source || !snippet || start === undefined) {
      // Only problems inside snippets count; anything else (a broken src/ file) is another test's.
      if (!source) problems.push(`(global) ${message}`);
      continue;
    }
    const { line, character } = source.getLineAndCharacterOfPosition(start);
    const markdownLine = snippet.firstLine + line;
    const file = snippet.source.slice(0, snippet.source.lastIndexOf(':'));
    problems.push(`${file}:${markdownLine}:${character + 1} (snippet ${snippet.source}): ${message}`);
  }
  // Kept for reading when something failed; removed otherwise, so `biome check .` never sees them.
  if (problems.length === 0) rmSync(outDir, { recursive: true, force: true });
  expect(problems, problems.join('\n')).toEqual([]);
}, 60_000);
