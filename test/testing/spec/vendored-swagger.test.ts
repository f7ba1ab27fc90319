import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  PATH_PREFIXES,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  SOURCE,
  sha256,
} from '../../../scripts/spec/vendor-swagger.mjs';

const source = JSON.parse(readFileSync(SOURCE, 'utf8')) as {
  swagger: { sha256: string; commit: string };
  operations: number;
  files: Record<string, string>;
};
const requests = JSON.parse(readFileSync(REQUEST_SCHEMAS, 'utf8')) as Record<string, unknown>;
const responses = JSON.parse(readFileSync(RESPONSE_SCHEMAS, 'utf8')) as {
  operations: Record<string, { responses: Record<string, { $ref: string }> }>;
  definitions: Record<string, unknown>;
};

describe('the vendored swagger subset (spec/)', () => {
  test('is the file its source.json hashes, so a hand edit is caught', () => {
    for (const file of [REQUEST_SCHEMAS, RESPONSE_SCHEMAS]) {
      expect(sha256(readFileSync(file, 'utf8')), basename(file)).toBe(source.files[basename(file)]);
    }
    expect(source.swagger.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(source.swagger.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  test('covers every operation under the covered prefixes, requests and 2xx responses alike', () => {
    const operations = Object.keys(requests);
    expect(operations).toHaveLength(source.operations);
    expect(Object.keys(responses.operations)).toEqual(operations);
    for (const key of operations)
      expect(PATH_PREFIXES.some((prefix) => key.split(' ')[1]?.startsWith(prefix))).toBe(true);
    expect(operations.filter((key) => key.startsWith('POST /generate/'))).toHaveLength(34);
    for (const training of ['POST /models', 'PUT /models/{modelId}/train', 'POST /models/{modelId}/train/action']) {
      expect(operations).toContain(training);
    }
    // Every referenced definition is kept, and only those.
    const referenced = new Set(
      Object.values(responses.operations).flatMap((operation) =>
        Object.values(operation.responses).map((response) => response.$ref.replace('#/definitions/', '')),
      ),
    );
    expect(new Set(Object.keys(responses.definitions))).toEqual(referenced);
  });
});
