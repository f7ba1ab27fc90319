import { describe, expect, test } from 'vitest';
import { parseEmulatorArgs } from '../../src/testing/index.js';

describe('parseEmulatorArgs (the bin)', () => {
  test('defaults to port 4010', () => {
    expect(parseEmulatorArgs([])).toEqual({ port: 4010 });
  });

  test('reads every flag, as --name value or --name=value', () => {
    const options = parseEmulatorArgs([
      '--port=0',
      '--host',
      '0.0.0.0',
      '--seed',
      '42',
      '--latency',
      '50-200',
      '--parallel-jobs=3',
      '--project-id',
      'proj_demo',
      '--api-key',
      'api_k',
      '--api-secret',
      's',
      '--token=jwt',
    ]);
    expect(options).toEqual({
      port: 0,
      hostname: '0.0.0.0',
      seed: 42,
      latency: [50, 200],
      parallelJobs: 3,
      projectId: 'proj_demo',
      apiKey: 'api_k',
      apiSecret: 's',
      token: 'jwt',
    });
    expect(parseEmulatorArgs(['--seed', 'demo', '--latency', '80'])).toMatchObject({ seed: 'demo', latency: 80 });
  });

  test('--faults takes a short list (aliases, method limits, slowMs) or JSON', () => {
    expect(
      parseEmulatorArgs(['--faults', '429=0.1,500=0.05,reset:GET=0.02,slow=0.1,slowMs=2000,job=0.2']).faults,
    ).toEqual({
      rateLimit: 0.1,
      serverError: 0.05,
      connectionReset: { rate: 0.02, methods: ['GET'] },
      slow: 0.1,
      slowMs: 2000,
      jobFailure: 0.2,
    });
    expect(parseEmulatorArgs(['--faults', '{"badGateway":0.5}']).faults).toEqual({ badGateway: 0.5 });
  });

  test('--job-durations sets job times by job type; --strict refuses unknown fields', () => {
    expect(parseEmulatorArgs(['--job-durations', 'flux=2000,upscale=500', '--strict'])).toEqual({
      port: 4010,
      jobDurations: { flux: 2000, upscale: 500 },
      strict: true,
    });
  });

  test.each([
    [['--port', 'abc'], /--port must be a non-negative integer/],
    [['--port', '70000'], /--port must be 0–65535, got 70000/],
    [['--port'], /--port needs a value/],
    [['--faults', 'teapot=0.1'], /unknown fault "teapot"/],
    [['--faults', '500'], /not name=number/],
    [['--faults', '429=2'], /faults.rateLimit must be a rate between 0 and 1/],
    [['--latency', '200-50'], /--latency: 200-50 is not a range from low to high/],
    [['--job-durations', 'flx=2000'], /unknown job type "flx" \(known: inference, flux, custom,/],
    [['--job-durations', 'flux=fast'], /--job-durations flux must be a non-negative integer, got "fast"/],
    [['--api-key', 'k'], /Pass both apiKey and apiSecret/],
    [['--verbose', 'yes'], /unknown option --verbose/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });

  test('--help', () => {
    expect(parseEmulatorArgs(['--help']).help).toBe(true);
  });
});
