/**
 * The studio example (examples/studio) in the system Chromium: the seed's whole flow through the
 * proxy on the emulator, two users who see only their own work, a user over budget, and a page
 * and a build that never hold a credential. Needs a built dist/ (`npm test` builds first).
 * Without a browser it is skipped with one line, unless RUNTIMES_REQUIRE_ALL is set (CI).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Studio, startStudio } from '../../examples/studio/studio.ts';
import {
  CHROMIUM_ARGS,
  decide,
  findChromium,
  isExecutableFile,
  requirement,
} from '../../scripts/runtimes/availability.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const STUDIO_DIR = join(ROOT, 'examples', 'studio');
const SKETCH = join(ROOT, 'examples', 'assets', 'sketch.png');
/** The emulator's credentials in examples/studio/studio.ts: what must never reach the page. */
const SECRETS = ['studio-secret', btoa('studio:studio-secret')];
/** Where to write the docs' screenshots (`STUDIO_SCREENSHOTS=docs/images`), when set. */
const SCREENSHOTS = process.env.STUDIO_SCREENSHOTS;

/** A screenshot for the docs, from the top of the page, when asked for. */
async function screenshot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.jpg`), type: 'jpeg', quality: 70 });
}

const probe = findChromium(process.env, isExecutableFile);
const decision = decide('studio in chromium', probe, requirement('chromium', process.env, []));
if (decision.action === 'skip') console.log(decision.line);
if (decision.action === 'fail') throw new Error(decision.reason);

describe.runIf(decision.action === 'run')('the studio in Chromium', () => {
  let studio: Studio;
  let browser: Browser;
  beforeAll(async () => {
    studio = await startStudio({ port: 0 });
    browser = await chromium.launch({
      executablePath: decision.action === 'run' ? decision.path : undefined,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  /** A browser context (its own cookies: its own user) on the studio, recording what the page sends. */
  async function open(
    user: string,
    url = studio.url,
  ): Promise<{ page: Page; context: BrowserContext; sent: string[] }> {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      sent.push(
        [request.method(), request.url(), JSON.stringify(request.headers()), request.postData() ?? ''].join(' '),
      );
    });
    await page.goto(url);
    if ((await page.locator('#user').inputValue()) !== user) {
      await Promise.all([page.waitForEvent('load'), page.selectOption('#user', user)]);
    }
    return { page, context, sent };
  }

  /** Waits for a confirm bar naming a cost, then runs the action. */
  async function confirm(page: Page, label: string) {
    await expect
      .poll(() => page.locator('#confirm-text').textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^${label} costs \\d+(\\.\\d+)? credits\\.$`));
    await page.click('#confirm-run');
  }

  /** Waits until the status line says `label` finished, and fails on a refusal. */
  async function done(page: Page, label: string) {
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`^${label}: done$|refused`));
    expect(await page.locator('#status').textContent()).toBe(`${label}: done`);
  }

  test('upload → generate 4 → refine → retouch with a drawn mask → remove background → download; a second user sees none of it', async () => {
    const { page, sent, context } = await open('alice');
    await page.setInputFiles('#file', SKETCH);
    await page.locator('#reference').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#cost').textContent(), { timeout: 10_000 }).toMatch(/^\d+ credits$/);
    await page.click('#generate');
    await done(page, 'Generate');
    expect(await page.locator('.card').count()).toBe(4);
    await screenshot(page, 'studio-generate');

    // Refine: the first result becomes the reference; one more image from it.
    const first = page.locator('.card').first();
    const refined = (await first.getAttribute('data-asset-id')) as string;
    await first.getByRole('button', { name: 'Refine' }).click();
    await page.fill('#count', '1');
    await page.locator('#count').dispatchEvent('change');
    await page.click('#generate');
    await done(page, 'Generate');
    expect(await page.locator('.card').count()).toBe(5);

    // Retouch: paint a stroke on the mask canvas, then inpaint.
    await page.locator('.card').first().getByRole('button', { name: 'Retouch' }).click();
    const canvas = await page.locator('#retouch-canvas').boundingBox();
    if (!canvas) throw new Error('no mask canvas');
    await page.mouse.move(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.4, { steps: 12 });
    await page.mouse.up();
    await screenshot(page, 'studio-retouch');
    await page.click('#retouch-run');
    await confirm(page, 'Retouch');
    await done(page, 'Retouch');

    // Remove the background of the retouched image, and download the cut-out.
    await page.locator('.card').first().getByRole('button', { name: 'Remove background' }).click();
    await confirm(page, 'Remove background');
    await done(page, 'Remove background');
    const cutout = page.locator('.card').first();
    expect(await cutout.locator('figcaption').textContent()).toBe('background-removal');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      cutout.getByRole('button', { name: 'Download' }).click(),
    ]);
    const bytes = await readFile((await download.path()) as string);
    expect([...bytes.subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
    await screenshot(page, 'studio-results');

    // What reached Scenario: the generations, the refine from the chosen output, an inpaint with a mask.
    const jobs = await (studio.emulator as NonNullable<Studio['emulator']>).state.jobs();
    const inputs = jobs.map((job) => job.metadata.input ?? {});
    expect(inputs.filter((input) => input.numSamples === 4)).toHaveLength(1);
    expect(inputs.some((input) => input.image === refined)).toBe(true);
    expect(inputs.some((input) => typeof input.mask === 'string' || typeof input.maskId === 'string')).toBe(true);
    expect(jobs.map((job) => job.jobType)).toContain('remove-background');

    // No request from the page carried a credential.
    expect(sent.length).toBeGreaterThan(20);
    for (const line of sent) {
      expect(line).not.toMatch(/"authorization"/i);
      for (const secret of SECRETS) expect(line).not.toContain(secret);
    }

    // A second user: an empty grid, and 404 for the first user's job and assets.
    const bob = await open('bob');
    expect(await bob.page.locator('.card').count()).toBe(0);
    const status = (path: string) =>
      bob.page.evaluate(async (url) => (await fetch(url)).status, `/api/scenario${path}`);
    expect(await status(`/jobs/${jobs[0]?.jobId}`)).toBe(404);
    expect(await status(`/assets/${refined}`)).toBe(404);
    // …which the first user still reads.
    expect(await page.evaluate(async (url) => (await fetch(url)).status, `/api/scenario/assets/${refined}`)).toBe(200);
    await bob.context.close();
    await context.close();
  }, 120_000);

  test('a user over budget sees the refusal, and Scenario receives no paid request', async () => {
    const poor = await startStudio({ port: 0, credits: 10 });
    try {
      const { page, context } = await open('carol', poor.url);
      await page.click('#sample');
      await expect.poll(() => page.locator('#cost').textContent(), { timeout: 10_000 }).toMatch(/^\d+ credits$/);
      await page.click('#generate');
      await expect
        .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
        .toMatch(/^Generate refused: over budget: this call costs \d+ credits and 10 of 10 are left until /);
      expect(await page.locator('#status').getAttribute('class')).toBe('error');
      await screenshot(page, 'studio-over-budget');
      expect((poor.emulator as NonNullable<Studio['emulator']>).state.counters.jobsCreated).toBe(0);
      await context.close();
    } finally {
      await poor.close();
    }
  }, 60_000);

  test('the built app contains no credential', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'studio-build-'));
    try {
      await build({ root: STUDIO_DIR, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      const files = await readdir(outDir, { recursive: true });
      const texts = await Promise.all(
        files.filter((file) => /\.(js|html|css)$/.test(file)).map((file) => readFile(join(outDir, file), 'utf8')),
      );
      expect(texts.join('').length).toBeGreaterThan(10_000);
      for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
