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
      warnings: [
        '--api-secret is visible to every user of this machine (ps): set SCENARIO_EMULATOR_API_SECRET instead',
        '--token is visible to every user of this machine (ps): set SCENARIO_EMULATOR_TOKEN instead',
      ],
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
    [['--upload-urls', 'all'], /--upload-urls must be public or any, got "all"/],
    [['--allow-origin', '192.168.1.20'], /allowOrigins: "192.168.1.20" is not an origin/],
    [['--verbose', 'yes'], /unknown option --verbose/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
  });

  test('credentials come from SCENARIO_EMULATOR_API_KEY, _API_SECRET and _TOKEN; a flag wins', () => {
    const env = {
      SCENARIO_EMULATOR_API_KEY: 'api_env',
      SCENARIO_EMULATOR_API_SECRET: 'secret\n',
      SCENARIO_EMULATOR_TOKEN: 'jwt',
      SCENARIO_API_SECRET: 'the real one, not for the emulator',
    };
    expect(parseEmulatorArgs([], env)).toEqual({ port: 4010, apiKey: 'api_env', apiSecret: 'secret', token: 'jwt' });
    expect(parseEmulatorArgs(['--api-key', 'api_flag'], env)).toMatchObject({
      apiKey: 'api_flag',
      apiSecret: 'secret',
    });
    expect(() => parseEmulatorArgs([], { SCENARIO_EMULATOR_API_KEY: 'k' })).toThrow(/Pass both apiKey and apiSecret/);
  });

  test('--upload-urls, --allow-origin and --allow-host (repeatable), --open', () => {
    expect(
      parseEmulatorArgs([
        '--upload-urls',
        'any',
        '--allow-origin',
        'http://192.168.1.20:5173',
        '--allow-origin=https://studio.example',
        '--allow-host',
        'emulator',
      ]),
    ).toEqual({
      port: 4010,
      uploadUrls: 'any',
      allowOrigins: ['http://192.168.1.20:5173', 'https://studio.example'],
      allowHosts: ['emulator'],
    });
    expect(parseEmulatorArgs(['--open'])).toEqual({ port: 4010, allowOrigins: '*', allowHosts: '*' });
    expect(parseEmulatorArgs(['--allow-host', 'a', '--allow-host', '*']).allowHosts).toBe('*');
  });

  test('--help', () => {
    expect(parseEmulatorArgs(['--help']).help).toBe(true);
  });
});
