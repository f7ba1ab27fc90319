#!/usr/bin/env node
/**
 * Copies the part of Scenario's public swagger this repository reads into `spec/`: the request
 * schemas and the 2xx response schemas of every operation under the path prefixes below, and
 * writes `spec/source.json` with where they came from and the SHA-256 of each file, so a clone of
 * the package alone can regenerate the emulator's contracts and run the response-sample tests.
 *
 * Run on demand when the swagger changes; commit the output:
 *   node scripts/spec/vendor-swagger.mjs --from <folder with scenario-request-schemas.json and scenario-response-schemas.json>
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_DIR = join(ROOT, 'spec');
export const REQUEST_SCHEMAS = join(SPEC_DIR, 'scenario-request-schemas.json');
export const RESPONSE_SCHEMAS = join(SPEC_DIR, 'scenario-response-schemas.json');
export const SOURCE = join(SPEC_DIR, 'source.json');

/** The API areas the SDK and the emulator cover (and the helpers adding generations and training read). */
export const PATH_PREFIXES = ['/assets', '/generate/', '/jobs', '/models', '/uploads'];

/** Where the swagger itself is kept: the YAML the folder's JSON files were derived from. */
const SWAGGER = {
  repository: 'https://github.com/pasie15/scenario.com-mcp-server',
  path: 'swagger (1).yaml',
  commit: 'e8e620d5303b30121424fd36c005e55c3000722a',
  removedIn: '71c6935824109d93e32db51346953b01f5b01529',
  infoVersion: '2025-11-04T16:24:17Z',
  sha256: 'f916ff462217d034b29568bf58e3b0fa28783471b3d4b4df3b46e7ba56d088f3',
};

export const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const covered = (key) => PATH_PREFIXES.some((prefix) => key.split(' ')[1].startsWith(prefix));
const json = (value) => `${JSON.stringify(value, null, 1)}\n`;

/** The vendored files' text, from the full request and response schema files. */
export function subset(requestText, responseText) {
  const requests = JSON.parse(requestText);
  const responses = JSON.parse(responseText);
  const operations = Object.keys(requests).filter(covered).sort();
  const responseOperations = Object.fromEntries(operations.map((key) => [key, responses.operations[key]]));
  const referenced = new Set(JSON.stringify(responseOperations).match(/(?<=#\/definitions\/)\w+/g));
  const definitions = Object.fromEntries(
    Object.keys(responses.definitions)
      .filter((name) => referenced.has(name))
      .sort()
      .map((name) => [name, responses.definitions[name]]),
  );
  return {
    requests: json(Object.fromEntries(operations.map((key) => [key, requests[key]]))),
    responses: json({ source: responses.source, operations: responseOperations, definitions }),
    operations,
  };
}

function main(argv) {
  const from = argv[argv.indexOf('--from') + 1];
  if (!argv.includes('--from') || !from) {
    console.error('Usage: node scripts/spec/vendor-swagger.mjs --from <folder>');
    process.exit(1);
  }
  const requestText = readFileSync(join(from, 'scenario-request-schemas.json'), 'utf8');
  const responseText = readFileSync(join(from, 'scenario-response-schemas.json'), 'utf8');
  const { requests, responses, operations } = subset(requestText, responseText);
  writeFileSync(REQUEST_SCHEMAS, requests);
  writeFileSync(RESPONSE_SCHEMAS, responses);
  const source = {
    description:
      "Request and 2xx response schemas of Scenario's public swagger, for the operations under pathPrefixes; derived from the swagger's YAML (descriptions kept, $refs of responses resolved into definitions).",
    swagger: SWAGGER,
    pathPrefixes: PATH_PREFIXES,
    operations: operations.length,
    derivedFrom: {
      'scenario-request-schemas.json': sha256(requestText),
      'scenario-response-schemas.json': sha256(responseText),
    },
    files: { 'scenario-request-schemas.json': sha256(requests), 'scenario-response-schemas.json': sha256(responses) },
  };
  writeFileSync(SOURCE, json(source));
  console.log(`Wrote ${operations.length} operations to ${SPEC_DIR}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
