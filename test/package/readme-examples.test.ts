/**
 * The README's Examples section says how to run an example, and the command it gives works on
 * a machine whose own Node cannot run `.ts` files: `npm exec` runs the Node of the `node`
 * devDependency, as the npm scripts do. Needs a built `dist/` (the examples import the package
 * by name); `npm test` builds it first.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = /^## Examples\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
const commands = [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap(([, block]) =>
  (block as string)
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean),
);

/** The environment of a shell outside npm: no npm settings, no project `node_modules/.bin` on the PATH. */
function shellEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules'));
  return { ...env, PATH: path.join(delimiter) };
}

function run(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [file, ...args] = command.split(/\s+/);
  return new Promise((resolve) => {
    execFile(file as string, args, { cwd: ROOT, env: shellEnv(), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

test('the Examples section lists every example and gives the command that runs one', () => {
  const examples = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.ts') && !name.startsWith('_'));
  const listed = [...section.matchAll(/^- \[`([\w-]+\.ts)`\]/gm)].map(([, name]) => name);
  expect(listed.sort()).toEqual(examples.sort());
  expect(commands).toContain('npm run build');
  expect(commands.filter((command) => command.startsWith('npm exec -- node examples/')).length).toBeGreaterThan(0);
});

test('`npm exec -- node` runs the Node of the `node` devDependency, whatever the machine has', async () => {
  const pinned: { version: string } = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', 'node', 'package.json'), 'utf8'),
  );
  const { code, stdout } = await run('npm exec -- node -p process.versions.node');
  expect(code).toBe(0);
  expect(stdout.trim().split('.')[0]).toBe(pinned.version.split('.')[0]);
});

test("the README's help command runs the example", { timeout: 60_000 }, async () => {
  const help = commands.find(
    (command) => command.startsWith('npm exec -- node examples/') && command.endsWith('--help'),
  );
  expect(help).toBeDefined();
  const { code, stdout, stderr } = await run(help as string);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toMatch(/^Usage: node examples\/[\w-]+\.ts/m);
});
