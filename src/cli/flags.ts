import { type Command, Option } from 'commander';
import type * as z from 'zod/mini';
import { InvalidRequestError } from '../index.js';
import { ImageInputSchema } from '../schemas.js';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';

/**
 * How a param reads from the command line: `value` is anything else (a union such as
 * "one number or one per image"): a number when it looks like one, and a list when repeated.
 */
type FlagKind = 'string' | 'number' | 'boolean' | 'image' | 'list' | 'json' | 'value';

/** One param as a flag (`--num-samples`) and a manifest field (`num-samples` or `numSamples`). */
export interface Flag {
  /** The params key: `numSamples`. */
  param: string;
  /** The long flag without dashes: `num-samples`. */
  name: string;
  kind: FlagKind;
  /** Kind of each item of a `list`. */
  item?: FlagKind;
  /** `n` for `-n`. */
  short?: string;
  /** Shown in `--help`. */
  description: string;
  /** Shown after the flag in `--help`: `<number>`. */
  placeholder: string;
}

/** Flag names that differ from the params key. */
const RENAMED: Record<string, { name?: string; short?: string }> = {
  modelId: { name: 'model' },
  numSamples: { short: 'n' },
};

/** Help for the params most commands share; the others show their kind and allowed values. */
const DESCRIPTIONS: Record<string, string> = {
  modelId: 'model id, e.g. flux.1-dev or model_…',
  prompt: 'what to make',
  negativePrompt: 'what to avoid',
  influence: '0–100: how closely the output follows the reference image',
  strength: '0.01–1: noise added to the reference (instead of --influence)',
  numSamples: 'images to make per input',
  seed: 'seed for reproducible outputs',
  width: 'output width in pixels (a multiple of 8)',
  height: 'output height in pixels (a multiple of 8)',
  modality: 'control map kind, e.g. pose, depth, canny (or depth:0.5,canny:1)',
  controlImage: 'control map (image): with it, the input is the init image',
  mask: 'mask image: white = repaint',
  styleImages: 'style reference image',
  concepts: 'LoRAs as JSON: [{"modelId":"…","scale":0.8}]',
  guidance: 'prompt adherence',
  scalingFactor: 'upscale factor, 1–16',
  targetWidth: 'upscale to this width',
  backgroundColor: 'transparent, a hex colour or a colour name',
};

type Def = {
  type: string;
  innerType?: Schema;
  in?: Schema;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, unknown>;
  /** A literal's allowed values. */
  values?: unknown[];
};
type Schema = z.core.$ZodType & { _zod: { def: Def } };

/** The schema under `optional`, `default`, `nullable` and the input side of a `pipe`. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The item of a list param: an array's element, or `X` of a union `X | X[]` ("one or several"). */
function listItem(schema: Schema): Schema | undefined {
  const { type, element, options = [] } = schema._zod.def;
  if (type === 'array') return element && unwrap(element);
  const branches = options.map(unwrap);
  const arrays = branches.filter((branch) => branch._zod.def.type === 'array');
  const items = branches.map((branch) => unwrap(branch._zod.def.element ?? branch));
  const [first] = items;
  const alike = first !== undefined && items.every((item) => kindOf(item) === kindOf(first));
  return type === 'union' && arrays.length > 0 && alike ? first : undefined;
}

function kindOf(schema: Schema): FlagKind {
  if (schema === (ImageInputSchema as unknown)) return 'image';
  const { type, values = [] } = schema._zod.def;
  if (type === 'literal') return typeof values[0] === 'number' ? 'number' : 'string';
  if (type === 'string' || type === 'enum') return 'string';
  if (type === 'number' || type === 'boolean') return type;
  // Objects, and lists of lists (a palette of [r, g, b]), are given as JSON.
  if (type === 'object' || type === 'record' || type === 'array') return 'json';
  return 'value';
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const singular = (name: string) => (/[^s]s$/.test(name) ? name.slice(0, -1) : name);

/** Params checked as a whole by a custom schema (one image or a list), which a flag repeats like a list. */
const ONE_OR_MORE_IMAGES = new Set(['styleImages']);

/** The flags of an object schema's fields, named after them (`numSamples` → `--num-samples`), minus `omit`. */
export function flagsOf(schema: z.core.$ZodType, omit: readonly string[] = []): Flag[] {
  const shape = (schema as Schema & { _zod: { def: { shape: Record<string, Schema> } } })._zod.def.shape;
  const params = Object.keys(shape).filter((param) => !omit.includes(param));
  // The flag that first listed a set of choices; a later flag with the same set points at it.
  const listedBy = new Map<string, string>();
  return params.map((param) => {
    const field = unwrap(shape[param] as Schema);
    const element = listItem(field) ?? (ONE_OR_MORE_IMAGES.has(param) ? (ImageInputSchema as Schema) : undefined);
    const itemKind = element && kindOf(element);
    const kind: FlagKind = itemKind === 'json' ? 'json' : itemKind ? 'list' : kindOf(field);
    let name = RENAMED[param]?.name ?? kebab(param);
    // A repeatable flag reads as one item (`--style-image a --style-image b`), unless that name is taken.
    if (kind === 'list' && !params.some((other) => kebab(other) === singular(name))) name = singular(name);
    const { entries = {}, values = [] } = (element ?? field)._zod.def;
    const choices = [...Object.keys(entries), ...values.map(String)];
    const known = DESCRIPTIONS[param];
    const listed = listedBy.get(choices.join());
    if (choices.length > 0 && !listed) listedBy.set(choices.join(), name);
    const allowed = listed ? `as --${listed}` : choices.length > 0 ? `one of ${choices.join(', ')}` : undefined;
    const repeat = kind === 'list' ? ' (repeatable)' : '';
    return {
      param,
      name,
      kind,
      ...(itemKind && kind === 'list' ? { item: itemKind } : {}),
      ...(RENAMED[param]?.short ? { short: RENAMED[param]?.short } : {}),
      description: [known, allowed].filter(Boolean).join('; ') + repeat,
      placeholder: placeholderOf(
        kind === 'list' ? (itemKind ?? 'string') : kind,
        choices.length > 0 && kind !== 'number',
      ),
    };
  });
}

function placeholderOf(kind: FlagKind, isChoice: boolean): string {
  if (isChoice) return '<name>';
  if (kind === 'image') return '<image>';
  if (kind === 'number') return '<number>';
  if (kind === 'json') return '<json>';
  return '<value>';
}

/** Commander's parser of a repeatable option: the values so far, then this one. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds the flags to a command: `--x <value>`, repeatable lists, and `--x` / `--no-x` for booleans. */
export function addFlags(command: Command, flags: readonly Flag[]): Command {
  for (const flag of flags) {
    const short = flag.short ? `-${flag.short}, ` : '';
    if (flag.kind === 'boolean') {
      command.addOption(new Option(`${short}--${flag.name}`, flag.description));
      command.addOption(new Option(`--no-${flag.name}`).hideHelp());
      continue;
    }
    const option = new Option(`${short}--${flag.name} ${flag.placeholder}`, flag.description);
    if (flag.kind === 'list' || flag.kind === 'value') {
      option.argParser(collect);
    }
    command.addOption(option);
  }
  return command;
}

/** Commander's key for a flag's value: `--num-samples` → `numSamples`. */
const attributeOf = (flag: Flag) => flag.name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The params given as flags, typed from their text; what zod then refuses, it refuses with the SDK's message. */
export function paramsFromOptions(flags: readonly Flag[], options: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const flag of flags) {
    const value = options[attributeOf(flag)];
    if (value !== undefined) params[flag.param] = typed(flag, value);
  }
  return params;
}

/**
 * A manifest row's params. Fields are named like the flags (`num-samples`, `model`, `style-image`)
 * or like the params (`numSamples`); text values (CSV) are typed like flags, and a list may be
 * one value or several separated by `|`. Unknown fields are passed on, so the params schema
 * refuses them by name.
 */
export function paramsFromRow(flags: readonly Flag[], row: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined || value === null || value === '') continue;
    const flag = flags.find((candidate) => candidate.name === key || candidate.param === key);
    if (!flag) {
      params[key] = value;
      continue;
    }
    const listed =
      flag.kind === 'list' && typeof value === 'string' ? value.split('|').map((item) => item.trim()) : value;
    params[flag.param] = typed(flag, listed);
  }
  return params;
}

function typed(flag: Flag, value: unknown): unknown {
  if (flag.kind === 'list')
    return (Array.isArray(value) ? value : [value]).map((item) => fromText(flag.item ?? 'string', flag, item));
  if (flag.kind === 'value' && Array.isArray(value)) {
    const items = value.map((item) => fromText('value', flag, item));
    return items.length === 1 ? items[0] : items;
  }
  return fromText(flag.kind, flag, value);
}

/** Text typed as well as it can be without a schema: a number, true/false, JSON, else the text itself. */
export function valueFromText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `name=value` as an entry, its value typed by {@link valueFromText}; `flag` names the option in the error. */
export function nameValue(flag: string, text: string): [string, unknown] {
  const split = text.indexOf('=');
  if (split < 1) throw new UsageError(`--${flag} ${JSON.stringify(text)}: expected name=value`);
  return [text.slice(0, split), valueFromText(text.slice(split + 1))];
}

/** Text as the kind asks; anything else (and text that is not a valid number) goes to zod as is. */
function fromText(kind: FlagKind, flag: Flag, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const number = value.trim() === '' ? Number.NaN : Number(value);
  const bool = /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : undefined;
  switch (kind) {
    case 'number':
      return Number.isFinite(number) ? number : value;
    case 'boolean':
      return bool ?? value;
    case 'value':
      return Number.isFinite(number) ? number : (bool ?? value);
    case 'json':
      try {
        return JSON.parse(value);
      } catch {
        throw new UsageError(`--${flag.name}: expected JSON, got ${JSON.stringify(value)}`);
      }
    default:
      return value;
  }
}

/** How a command names a param to its user: `modelId` is `--model` on the command line, `model` in a manifest. */
export type Words = (param: string) => string;

/** The command line's words: each param's flag. */
export function flagWords(flags: readonly Flag[]): Words {
  return (param) => {
    const flag = flags.find((candidate) => candidate.param === param);
    return flag ? `--${flag.name}` : param;
  };
}

/** A manifest row's words: the field the row used for a param (`numSamples` or `num-samples`), else the flag's name. */
export function rowWords(flags: readonly Flag[], keys: readonly string[]): Words {
  return (param) => {
    const flag = flags.find((candidate) => candidate.param === param);
    if (!flag) return param;
    return keys.find((key) => key === flag.name || key === flag.param) ?? flag.name;
  };
}

/**
 * An input error of the SDK (its params' names, zod's wording) as usage problems in the user's
 * words: `modelId: Invalid input: expected string, received undefined` becomes `--model is
 * required`; an unknown key gets the closest of `known`. Any other error is returned as it is.
 */
export function inUserWords(error: unknown, words: Words, known: readonly string[] = []): unknown {
  if (!(error instanceof InvalidRequestError)) return error;
  const problems = error.issues.flatMap(({ path, message }) => {
    const unknown = /^Unrecognized keys?: (.*)$/.exec(message)?.[1];
    if (!path && unknown) {
      const keys = [...unknown.matchAll(/"([^"]*)"/g)].map(([, key = '']) => key);
      return keys.map((key) => `${words(key)}: unknown${didYouMean(key, known)}`);
    }
    const [, param = '', rest = ''] = /^([^.[]*)(.*)$/.exec(path) ?? [];
    const word = param ? `${words(param)}${rest}` : '';
    if (!word) return [message];
    if (/received undefined$/.test(message)) return [`${word} is required`];
    return [/^required\b/.test(message) ? `${word} is ${message}` : `${word}: ${message}`];
  });
  return new UsageError(problems.join('; '), problems);
}
