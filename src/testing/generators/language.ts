import { LANGUAGE_COST } from '../cost.js';
import type { ImageResolver } from '../image-inputs.js';
import { loadSharp } from '../images/sharp.js';
import { createRng, hashSeed } from '../rng.js';
import type { JobPlan } from '../store.js';
import { echo, type Generator } from './generator.js';

/**
 * The language routes (`caption`, `describe-style`, `prompt`, `translate`, `embed`). They answer
 * at once, as the swagger's required answer fields say: the plan's `output` goes into the
 * submission's answer and the job's `metadata.output`, and the job is done when created. The
 * text is made from the input, deterministically: the same input always reads the same.
 */

/** Length of an `embed` vector, as the swagger states it. */
const EMBEDDING_LENGTH = 1024;

const COLOURS: [string, [number, number, number]][] = [
  ['red', [200, 40, 40]],
  ['orange', [235, 130, 30]],
  ['yellow', [240, 210, 60]],
  ['green', [60, 160, 70]],
  ['teal', [30, 140, 140]],
  ['blue', [50, 90, 210]],
  ['purple', [130, 60, 170]],
  ['pink', [235, 120, 170]],
  ['brown', [120, 80, 50]],
  ['black', [25, 25, 30]],
  ['grey', [128, 128, 128]],
  ['white', [240, 240, 235]],
];
const SUBJECTS = ['a character', 'a creature', 'a weapon', 'a building', 'a landscape', 'an item', 'a vehicle'];
const DESCRIPTORS = ['hand-painted', 'cel-shaded', 'isometric', 'soft rim light', 'high detail', 'muted palette'];
const SETTINGS = ['at dawn', 'in a misty forest', 'on a stone bridge', 'under neon lights', 'in a desert ruin'];

/** What an image looks like, in the few words the captions are built from. */
interface ImageLook {
  colour: string;
  brightness: 'dark' | 'bright' | 'balanced';
  shape: 'square' | 'wide' | 'tall';
  subject: string;
}

async function lookOf(bytes: Uint8Array, width: number, height: number): Promise<ImageLook> {
  const sharp = await loadSharp();
  const { channels } = await sharp(bytes).flatten({ background: '#ffffff' }).stats();
  const mean = [0, 1, 2].map((channel) => channels[channel]?.mean ?? 0);
  const distance = ([, rgb]: (typeof COLOURS)[number]) => rgb.reduce((sum, v, i) => sum + (v - (mean[i] ?? 0)) ** 2, 0);
  const [colour] = [...COLOURS].sort((a, b) => distance(a) - distance(b))[0] ?? ['grey'];
  const luminance = (mean[0] ?? 0) * 0.2126 + (mean[1] ?? 0) * 0.7152 + (mean[2] ?? 0) * 0.0722;
  return {
    colour,
    brightness: luminance < 85 ? 'dark' : luminance > 170 ? 'bright' : 'balanced',
    shape: width === height ? 'square' : width > height ? 'wide' : 'tall',
    subject: pick(SUBJECTS, hashSeed(...bytes.subarray(0, 256), bytes.byteLength)),
  };
}

const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length] as T;

/** Each image of a language route (asset ids or data URLs), resolved and looked at. */
async function looks(
  images: ImageResolver,
  refs: unknown,
  field: string,
): Promise<{ ids: string[]; looks: ImageLook[] }> {
  const resolved = await Promise.all(
    ((refs as string[] | undefined) ?? []).map((ref, index) => images.resolve(ref, `${field}.${index}`)),
  );
  return {
    ids: resolved.map((image) => image.assetId),
    looks: await Promise.all(resolved.map((image) => lookOf(image.bytes, image.info.width, image.info.height))),
  };
}

/** The plan of a language route: nothing to render, the text as `output`. */
function answered(
  jobType: string,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
  cost = LANGUAGE_COST,
): JobPlan {
  return {
    jobType,
    input,
    cost,
    outputType: jobType,
    outputMetadata: {},
    hideResults: false,
    render: async () => [],
    output,
  };
}

/** `POST /generate/caption`: one caption per image, from its colour, brightness, shape and a subject its bytes pick. */
export const caption: Generator = async (body, { images }) => {
  const seen = await looks(images, body.images, 'images');
  const style = body.detailsLevel === 'action+style' ? ', flat colours, clean outlines' : '';
  const captions = seen.looks.map(
    (look) => `${look.subject} in ${look.brightness} ${look.colour} tones, ${look.shape} framing${style}`,
  );
  return answered(
    'caption',
    echo({ ...body, type: 'caption' }, { images: seen.ids }),
    { captions, ...(body.detailsLevel ? { detailsLevel: body.detailsLevel } : {}) },
    LANGUAGE_COST * Math.max(1, captions.length),
  );
};

/** `POST /generate/describe-style`: the images' dominant colours and light, or a model's style named from its id. */
export const describeStyle: Generator = async (body, { images }) => {
  const seen = await looks(images, body.images, 'images');
  const colours = [...new Set(seen.looks.map((look) => look.colour))];
  const light = seen.looks[0]?.brightness ?? pick(['dark', 'bright', 'balanced'], hashSeed(String(body.modelId)));
  const palette = colours.length > 0 ? colours.join(' and ') : pick(COLOURS, hashSeed(String(body.modelId)))[0];
  const touch = pick(DESCRIPTORS, hashSeed(palette, light));
  return answered('describe-style', echo({ ...body, type: 'describe-style' }, { images: seen.ids }), {
    description: `A ${light} palette led by ${palette}, ${touch}, with consistent shapes and lighting across the set.`,
    synthesis: `${light} ${palette}, ${touch}`,
  });
};

/** `POST /generate/prompt`: `numResults` prompts (default 1) grown from the spark, the mode and the seed. */
export const prompt: Generator = async (body, { images }) => {
  const mode = body.mode as string;
  const image = typeof body.image === 'string' ? await images.resolve(body.image, 'image') : undefined;
  const look = image ? await lookOf(image.bytes, image.info.width, image.info.height) : undefined;
  const spark = ((body.prompt as string | undefined) ?? '').trim() || (look?.subject ?? 'a game scene');
  const count = (body.numResults as number | undefined) ?? 1;
  const prompts = Array.from({ length: count }, (_, index) => {
    const seed = hashSeed(mode, spark, String(body.seed ?? ''), String(body.modelId ?? ''), index);
    const [descriptor, setting] = [pick(DESCRIPTORS, seed), pick(SETTINGS, seed >>> 8)];
    switch (mode) {
      case 'completion':
        return `${spark}, ${descriptor}, ${setting}`;
      case 'structured':
        return `Subject: ${spark}. Setting: ${setting}. Style: ${descriptor}.`;
      case 'contextual':
        return `${spark} ${setting}, in the style of ${body.modelId ?? 'the project'}`;
      case 'image-editing':
        return `Turn the ${look?.colour ?? 'main'} areas ${descriptor} and set the scene ${setting}`;
      default:
        return `${pick(SUBJECTS, seed >>> 4)} inspired by ${spark}, ${descriptor}, ${setting}`;
    }
  });
  return answered(
    'generate-prompt',
    echo({ ...body, type: 'prompt' }, { image: image?.assetId }),
    { prompts, mode },
    LANGUAGE_COST * count,
  );
};

/**
 * Words of a few languages and their English, enough to detect the language and translate game
 * prompts word by word. (Pairs of strings, not object keys: a bundler escapes `ê` in a key, and
 * some CommonJS transforms then misread `for\u00EAt` as the keyword `for`.)
 */
const DICTIONARIES: Record<string, Map<string, string>> = {
  fr: new Map([
    ['un', 'a'],
    ['une', 'a'],
    ['le', 'the'],
    ['la', 'the'],
    ['les', 'the'],
    ['de', 'of'],
    ['du', 'of the'],
    ['et', 'and'],
    ['avec', 'with'],
    ['chevalier', 'knight'],
    ['armure', 'armour'],
    ['dorée', 'golden'],
    ['doré', 'golden'],
    ['épée', 'sword'],
    ['château', 'castle'],
    ['forêt', 'forest'],
    ['rouge', 'red'],
    ['bleu', 'blue'],
    ['vert', 'green'],
    ['nuit', 'night'],
    ['en', 'in'],
  ]),
  de: new Map([
    ['ein', 'a'],
    ['eine', 'a'],
    ['der', 'the'],
    ['die', 'the'],
    ['das', 'the'],
    ['und', 'and'],
    ['mit', 'with'],
    ['aus', 'of'],
    ['im', 'in the'],
    ['ritter', 'knight'],
    ['rüstung', 'armour'],
    ['goldene', 'golden'],
    ['schwert', 'sword'],
    ['drache', 'dragon'],
    ['burg', 'castle'],
    ['wald', 'forest'],
    ['rot', 'red'],
    ['blau', 'blue'],
    ['grün', 'green'],
    ['nacht', 'night'],
    ['eis', 'ice'],
  ]),
  es: new Map([
    ['un', 'a'],
    ['una', 'a'],
    ['el', 'the'],
    ['la', 'the'],
    ['los', 'the'],
    ['y', 'and'],
    ['con', 'with'],
    ['de', 'of'],
    ['en', 'in'],
    ['caballero', 'knight'],
    ['armadura', 'armour'],
    ['dorada', 'golden'],
    ['espada', 'sword'],
    ['dragón', 'dragon'],
    ['castillo', 'castle'],
    ['bosque', 'forest'],
    ['rojo', 'red'],
    ['azul', 'blue'],
    ['verde', 'green'],
    ['noche', 'night'],
    ['hielo', 'ice'],
  ]),
};

/** `POST /generate/translate`: the language with the most dictionary words (else English), translated word by word. */
export const translate: Generator = async (body, { images }) => {
  const seen = await looks(images, body.images, 'images');
  const text = body.prompt as string;
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const [language, hits] = Object.entries(DICTIONARIES)
    .map(([code, dictionary]) => [code, words.filter((word) => dictionary.has(word)).length] as const)
    .sort((a, b) => b[1] - a[1])[0] ?? ['en', 0];
  const dictionary = hits > 0 ? DICTIONARIES[language] : undefined;
  const translation = text.replace(/[\p{L}']+/gu, (word) => dictionary?.get(word.toLowerCase()) ?? word);
  return answered('translate', echo({ ...body, type: 'translate' }, { images: body.images ? seen.ids : undefined }), {
    translation,
    detectedLanguage: hits > 0 ? language : 'en',
  });
};

/** Words too common to say what a text is about. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'at', 'with', 'and', 'to', 'for']);

/**
 * `POST /generate/embed`: a unit vector of {@link EMBEDDING_LENGTH} numbers, the sum of one seeded
 * random vector per word (common words left out), so texts that share words point the same way.
 */
export const embed: Generator = async (body) => {
  const text = body.text as string;
  const all = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const meaningful = all.filter((word) => !STOP_WORDS.has(word));
  const words = meaningful.length > 0 ? meaningful : all.length > 0 ? all : [text];
  const vector = new Array<number>(EMBEDDING_LENGTH).fill(0);
  for (const word of words) {
    const rng = createRng(hashSeed('embed', word));
    for (let index = 0; index < EMBEDDING_LENGTH; index++) vector[index] = (vector[index] ?? 0) + rng.next() * 2 - 1;
  }
  const length = Math.hypot(...vector) || 1;
  return answered('embed', { ...body, type: 'embed' }, { embedding: vector.map((value) => value / length) });
};
