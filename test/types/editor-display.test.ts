import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';

/**
 * What a user reads in an editor and in `tsc` output, asked of the TypeScript language service
 * over the repository's own tsconfig: errors and hovers name `Asset`, `Job`, … and open enums
 * still complete their known values.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const TYPE_TESTS = resolve(import.meta.dirname, 'response-types.test.ts');
const EXPECT_ERROR = /^\s*\/\/ @ts-expect-error: (.*)$/;

function languageService(files: Map<string, string>): ts.LanguageService {
  const configPath = resolve(ROOT, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
  );
  if (!config) throw new Error('tsconfig.json did not parse');
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config.options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (path) => {
      const text = files.get(path) ?? ts.sys.readFile(path);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (path) => files.has(path) || ts.sys.fileExists(path),
    readFile: (path) => files.get(path) ?? ts.sys.readFile(path),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

const messageOf = (diagnostic: ts.Diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');

/** The type tests with their `@ts-expect-error` lines removed, and what each removed line promised. */
function withoutExpectErrors(): { text: string; expected: { line: number; message: string }[] } {
  const expected: { line: number; message: string }[] = [];
  const lines = readFileSync(TYPE_TESTS, 'utf8')
    .split('\n')
    .map((line, index) => {
      const match = EXPECT_ERROR.exec(line);
      if (!match?.[1]) return line;
      expected.push({ line: index + 1, message: match[1] });
      return ''; // keep the numbering: the error is reported on the next line
    });
  return { text: lines.join('\n'), expected };
}

const FIXTURE = resolve(import.meta.dirname, 'editor-fixture.ts');
const FIXTURE_TEXT = `import { Scenario, type Job } from '../../src/index.js';
const client = new Scenario({ apiKey: 'k', apiSecret: 's' });
export async function main() {
  const asset = await client.assets.get('asset_1');
  const result = await client.img2img.run({ modelId: 'm', prompt: 'p', image: 'asset_1' });
  const job = await client.jobs.get('job_1');
  const status: Job['status'] = 'q';
  const kind = asset.kind;
  const jobStatus = job.status;
  return [asset, result, job, status, kind, jobStatus];
}
`;

let service: ts.LanguageService;
const stripped = withoutExpectErrors();
const UNCHECKED = resolve(import.meta.dirname, 'response-types.unchecked.ts');

beforeAll(() => {
  service = languageService(
    new Map([
      [FIXTURE, FIXTURE_TEXT],
      [UNCHECKED, stripped.text],
    ]),
  );
});

describe('type errors', () => {
  test('each @ts-expect-error of the type tests fails without it, with the message it names', () => {
    expect(stripped.expected.length).toBeGreaterThanOrEqual(13);
    const program = service.getProgram();
    const file = program?.getSourceFile(UNCHECKED);
    if (!program || !file) throw new Error('no program');
    const errors = program.getSemanticDiagnostics(file).map((diagnostic) => ({
      line: file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1,
      message: messageOf(diagnostic),
    }));
    for (const { line, message } of stripped.expected) {
      const onTarget = errors.filter((error) => error.line === line + 1).map((error) => error.message);
      expect(onTarget, `line ${line + 1}`).toEqual([expect.stringContaining(message)]);
    }
    expect(errors).toHaveLength(stripped.expected.length);
  }, 60_000);
});

describe('hovers', () => {
  const hover = (name: string) => {
    const at = FIXTURE_TEXT.indexOf(`const ${name} `) + 'const '.length;
    const info = service.getQuickInfoAtPosition(FIXTURE, at);
    return ts.displayPartsToString(info?.displayParts);
  };

  test('responses show as their named types', () => {
    expect(hover('asset')).toBe('const asset: Asset');
    expect(hover('result')).toBe('const result: GenerationResult');
    expect(hover('job')).toBe('const job: Job');
    expect(hover('kind')).toBe('const kind: AssetKind');
    expect(hover('jobStatus')).toBe('const jobStatus: JobStatus');
  }, 60_000);
});

describe('completions', () => {
  test('an open enum still offers its known values', () => {
    const at = FIXTURE_TEXT.indexOf("'q'") + 2;
    const names = service.getCompletionsAtPosition(FIXTURE, at, {})?.entries.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['queued', 'in-progress', 'success', 'failure', 'canceled']));
  }, 60_000);
});
