/**
 * The studio page: the seed's workflow on top of `new Scenario({ proxyUrl })`. The page holds no
 * credentials: every call goes to /api/scenario, where the proxy adds the key, keeps each user's
 * work their own and holds them to a budget.
 */
/// <reference types="vite/client" />
import { APIError, type Asset, type CostEstimate, type Job, Scenario } from 'scenario-sdk';
import sampleSketch from '../assets/sketch.png';

const client = new Scenario({ proxyUrl: '/api/scenario' });
const USERS = ['alice', 'bob', 'carol'];
const MODELS = ['flux.1-dev', 'flux.1-schnell'];
/** The web app's "Vary": a new take that stays close to the image. */
const VARY_INFLUENCE = 80;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => element<HTMLInputElement>(id);

/** The reference image (an asset id, uploaded when dropped) and the style images. */
let reference: Asset | undefined;
let styleImages: string[] = [];

function say(text: string, error = false) {
  element('status').textContent = text;
  element('status').classList.toggle('error', error);
}

const messageOf = (error: unknown) => (error instanceof APIError ? error.reason : String(error));

/** The user this browser is, kept in a cookie the proxy's `authorize` reads. */
async function setUpUser() {
  const select = element<HTMLSelectElement>('user');
  const current = (await cookieStore.get('studio-user'))?.value ?? USERS[0];
  select.innerHTML = USERS.map((user) => `<option ${user === current ? 'selected' : ''}>${user}</option>`).join('');
  const choose = (user: string) => cookieStore.set({ name: 'studio-user', value: user, path: '/', sameSite: 'strict' });
  await choose(select.value);
  select.onchange = async () => {
    await choose(select.value);
    location.reload();
  };
}

/** Uploads a dropped or picked image and makes it the reference. */
async function useReference(image: Blob) {
  say('Uploading…');
  reference = await client.assets.upload(image, { name: image instanceof File ? image.name : 'sketch.png' });
  const preview = element<HTMLImageElement>('reference');
  preview.src = reference.url;
  preview.hidden = false;
  input('generate').disabled = false;
  say('');
  await showCost();
}

function params() {
  return {
    modelId: element<HTMLSelectElement>('model').value,
    prompt: element<HTMLTextAreaElement>('prompt').value,
    image: reference?.id as string,
    influence: Number(input('influence').value),
    numSamples: Number(input('count').value),
    ...(styleImages.length > 0 && {
      styleImages,
      styleType: element<HTMLSelectElement>('style-type').value as 'style' | 'character',
    }),
  };
}

/** The dry-run cost of Generate, shown before it runs. */
async function showCost() {
  if (!reference) return;
  try {
    const { creativeUnitsCost } = await client.img2img.estimate(params());
    element('cost').textContent = `${creativeUnitsCost} credits`;
  } catch (error) {
    element('cost').textContent = messageOf(error);
  }
}

/** Runs a generation with live progress, then adds its images to the grid. */
async function run(label: string, generate: (onProgress: (job: Job) => void) => Promise<{ assets: Asset[] }>) {
  const progress = element<HTMLProgressElement>('progress');
  progress.hidden = false;
  progress.value = 0;
  // At once, so the last action's "done" does not stand while this one sends (the first call of a resource also loads its code).
  say(`${label}: starting`);
  try {
    const { assets } = await generate((job) => {
      progress.value = job.progress;
      say(`${label}: ${job.status} ${Math.round(job.progress * 100)}%`);
    });
    for (const asset of assets) addResult(asset);
    say(`${label}: done`);
  } catch (error) {
    say(`${label} refused: ${messageOf(error)}`, true);
  } finally {
    progress.hidden = true;
  }
}

/** Shows what an action costs (a dry run) and runs it once confirmed. */
async function confirmThen(label: string, quote: () => Promise<CostEstimate>, action: () => Promise<void>) {
  let cost: CostEstimate;
  try {
    cost = await quote();
  } catch (error) {
    return say(`${label} refused: ${messageOf(error)}`, true);
  }
  const bar = element('confirm');
  element('confirm-text').textContent = `${label} costs ${cost.creativeUnitsCost} credits.`;
  bar.hidden = false;
  const confirmed = await new Promise<boolean>((resolve) => {
    element('confirm-run').onclick = () => resolve(true);
    element('confirm-cancel').onclick = () => resolve(false);
  });
  bar.hidden = true;
  if (confirmed) await action();
}

/** A result card: the image, and what can be done with it next. */
function addResult(asset: Asset) {
  const card = document.createElement('figure');
  card.className = 'card';
  card.dataset.assetId = asset.id;
  card.innerHTML = `<img alt="" src="${asset.url}"><figcaption>${asset.metadata.type}</figcaption><div class="actions"></div>`;
  const actions = card.querySelector('.actions') as HTMLElement;
  const button = (label: string, onClick: () => void) => {
    const control = document.createElement('button');
    control.textContent = label;
    control.onclick = onClick;
    actions.append(control);
  };
  const modelId = () => element<HTMLSelectElement>('model').value;
  const prompt = () => element<HTMLTextAreaElement>('prompt').value;
  button('Refine', () => {
    reference = asset;
    element<HTMLImageElement>('reference').src = asset.url;
    void showCost();
  });
  button('Vary', () => {
    const vary = { modelId: modelId(), prompt: prompt(), image: asset.id, influence: VARY_INFLUENCE, numSamples: 2 };
    void confirmThen(
      'Vary',
      () => client.img2img.estimate(vary),
      () => run('Vary', (onProgress) => client.img2img.run(vary, { onProgress })),
    );
  });
  button('Retouch', () => openRetouch(asset));
  button('Remove background', () => {
    void confirmThen(
      'Remove background',
      () => client.removeBackground.estimate({ image: asset.id }),
      () => run('Remove background', (onProgress) => client.removeBackground.run({ image: asset.id }, { onProgress })),
    );
  });
  button('Upscale', () => {
    const upscale = { image: asset.id, scalingFactor: 2 };
    void confirmThen(
      'Upscale',
      () => client.upscale.estimate(upscale),
      () => run('Upscale', (onProgress) => client.upscale.run(upscale, { onProgress })),
    );
  });
  button('Download', async () => {
    const bytes = await client.assets.download(asset.id);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: asset.mimeType }));
    link.download = `${asset.id}.${asset.mimeType.split('/')[1] ?? 'png'}`;
    link.click();
  });
  element('results').prepend(card);
}

/** Retouch: paint a mask (white = repaint) over the image, then inpaint that region. */
function openRetouch(asset: Asset) {
  const dialog = element<HTMLDialogElement>('retouch');
  const canvas = element<HTMLCanvasElement>('retouch-canvas');
  element<HTMLImageElement>('retouch-image').src = asset.url;
  canvas.width = Number(asset.properties.width);
  canvas.height = Number(asset.properties.height);
  const paint = canvas.getContext('2d') as CanvasRenderingContext2D;
  paint.fillStyle = 'black';
  paint.fillRect(0, 0, canvas.width, canvas.height);
  paint.fillStyle = 'white';
  canvas.onpointermove = (event) => {
    if (event.buttons !== 1) return;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    paint.beginPath();
    paint.arc(event.offsetX * scale, event.offsetY * scale, 24 * scale, 0, 2 * Math.PI);
    paint.fill();
  };
  element('retouch-cancel').onclick = () => dialog.close();
  element('retouch-run').onclick = async () => {
    const mask = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob as Blob), 'image/png'));
    dialog.close();
    const inpaint = {
      modelId: element<HTMLSelectElement>('model').value,
      prompt: input('retouch-prompt').value,
      image: asset.id,
      mask,
      numSamples: 1,
    };
    await confirmThen(
      'Retouch',
      () => client.inpaint.estimate(inpaint),
      () => run('Retouch', (onProgress) => client.inpaint.run(inpaint, { onProgress })),
    );
  };
  dialog.showModal();
}

/** Drag and drop, or a file picker, for one image or several. */
function dropTarget(fileInput: HTMLInputElement, take: (files: File[]) => void) {
  const zone = fileInput.closest('.drop') as HTMLElement;
  zone.ondragover = (event) => {
    event.preventDefault();
    zone.classList.add('over');
  };
  zone.ondragleave = () => zone.classList.remove('over');
  zone.ondrop = (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    take([...(event.dataTransfer?.files ?? [])]);
  };
  fileInput.onchange = () => take([...(fileInput.files ?? [])]);
}

await setUpUser();
element<HTMLSelectElement>('model').innerHTML = MODELS.map((model) => `<option>${model}</option>`).join('');
dropTarget(input('file'), ([file]) => file && void useReference(file));
dropTarget(input('style-files'), async (files) => {
  say('Uploading style images…');
  styleImages = (await Promise.all(files.map((file) => client.assets.upload(file)))).map((asset) => asset.id);
  element('style-label').textContent = `${styleImages.length} style image(s)`;
  say('');
  await showCost();
});
element('sample').onclick = async () => useReference(await (await fetch(sampleSketch)).blob());
for (const id of ['model', 'prompt', 'influence', 'count', 'style-type']) element(id).onchange = () => void showCost();
input('influence').oninput = () => {
  element('influence-value').textContent = input('influence').value;
};
element('generate').onclick = () => run('Generate', (onProgress) => client.img2img.run(params(), { onProgress }));

// This user's earlier results: the proxy lists only their own.
for await (const asset of client.assets.list()) if (asset.metadata.type !== 'uploaded') addResult(asset);
