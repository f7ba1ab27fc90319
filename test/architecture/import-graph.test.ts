import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Dependencies point one way: a module may import its own layer or a lower one, never a higher
 * one. The emulator (`testing/`) sits beside the SDK, on schemas and core only, so it can never
 * agree with the SDK's resources by importing them. The command line (`cli/`) is a user of the
 * package: it imports only its public entries (`index.ts`, `schemas.ts`), and loads the emulator
 * by the package's name (`scenario-sdk/testing`), never by path. The server proxy (`server/`)
 * is a user of the package too, on the same rule.
 */
const LAYERS = ['schemas', 'core', 'lib', 'resources', 'client', 'index', 'cli', 'server'] as const;
type Layer = (typeof LAYERS)[number] | 'testing';

const SRC = resolve(import.meta.dirname, '../../src');

function layerOf(file: string): Layer {
  const [top = ''] = relative(SRC, file).split('/');
  if (top === 'client.ts') return 'client';
  // The public entries: the root and the `scenario-sdk/schemas` subpath.
  if (top === 'index.ts' || top === 'schemas.ts') return 'index';
  if (['testing', 'schemas', 'core', 'lib', 'resources', 'cli', 'server'].includes(top)) return top as Layer;
  throw new Error(`${relative(SRC, file)} is in no layer: add its folder to the import-order test`);
}

/** What each layer may import, besides packages. */
function mayImport(from: Layer, to: Layer): boolean {
  if (from === 'testing') return to === 'testing' || to === 'schemas' || to === 'core';
  if (to === 'testing') return false;
  // The command line and the server proxy are users of the package: its public entries only.
  if (from === 'cli' || from === 'server') return to === from || to === 'index';
  return LAYERS.indexOf(to) <= LAYERS.indexOf(from);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of a module (type-only ones included: they shape the reader's graph too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gms)].map((match) => match[1]);
  const dynamic = [...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((match) => match[1]);
  return (
    [...specifiers, ...dynamic]
      // Data files (the emulator's generated JSON) are leaves of the graph, not modules with imports.
      .filter((specifier): specifier is string => specifier !== undefined && !specifier.endsWith('.json'))
      .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
  );
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('src/ import graph', () => {
  test('finds the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(join(SRC, 'client.ts'))?.length).toBeGreaterThan(5);
  });

  test('every import points to an existing module', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => !graph.has(target))
        .map((target) => `${relative(SRC, file)} → ${relative(SRC, target)}`),
    );
    expect(missing).toEqual([]);
  });

  test('no import goes against the layer order schemas ← core ← lib ← resources ← client ← index ← cli', () => {
    const against = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => graph.has(target) && !mayImport(layerOf(file), layerOf(target)))
        .map((target) => `${relative(SRC, file)} → ${relative(SRC, target)}`),
    );
    expect(against).toEqual([]);
  });

  test('no cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((path) => relative(SRC, path)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  test('the layer rule itself refuses what it should', () => {
    expect(mayImport('core', 'resources')).toBe(false);
    expect(mayImport('schemas', 'core')).toBe(false);
    expect(mayImport('testing', 'resources')).toBe(false);
    expect(mayImport('testing', 'lib')).toBe(false);
    expect(mayImport('resources', 'testing')).toBe(false);
    expect(mayImport('resources', 'lib')).toBe(true);
    expect(mayImport('index', 'cli')).toBe(false);
    expect(mayImport('testing', 'cli')).toBe(false);
    expect(mayImport('cli', 'testing')).toBe(false);
    expect(mayImport('cli', 'index')).toBe(true);
    expect(mayImport('cli', 'core')).toBe(false);
    expect(mayImport('cli', 'lib')).toBe(false);
    expect(mayImport('cli', 'resources')).toBe(false);
    expect(mayImport('cli', 'schemas')).toBe(false);
    expect(mayImport('cli', 'client')).toBe(false);
    expect(mayImport('server', 'index')).toBe(true);
    expect(mayImport('server', 'server')).toBe(true);
    expect(mayImport('server', 'client')).toBe(false);
    expect(mayImport('server', 'core')).toBe(false);
    expect(mayImport('server', 'cli')).toBe(false);
    expect(mayImport('cli', 'server')).toBe(false);
    expect(mayImport('index', 'server')).toBe(false);
  });
});
