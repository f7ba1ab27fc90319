import type { EmulatorContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { ImageResolver, ResolvedImage } from '../image-inputs.js';
import type { GenerationRender } from '../images/generation.js';
import { type CatalogModel, FAMILIES, type ModelFamily } from '../model-catalog.js';
import type { JobPlan } from '../store.js';
import { findModel } from '../training.js';

/** What a generator gets besides the body. */
export interface GeneratorEnv {
  context: EmulatorContext;
  images: ImageResolver;
  /** The request's seed (a number or, as the swagger types it, a string of digits), or one drawn from the emulator's seeded stream. */
  seed(given: unknown): number;
  /** Body fields the real API ignores: recorded, or refused in strict mode. */
  ignore(fields: readonly string[]): void;
}

/** Validates one `/generate/*` body and plans the job; throws an `EmulatorHttpError` to refuse it. */
export type Generator = (body: Record<string, unknown>, env: GeneratorEnv) => Promise<JobPlan>;

/** A model the typed endpoints run; unknown ids get 404, custom-only models 400. */
export function typedModel(
  context: EmulatorContext,
  modelId: string,
  endpoint: string,
): CatalogModel & { family: ModelFamily } {
  const model = findModel(context, modelId);
  if (!model) throw notFound(`Model ${modelId} not found`);
  if (model.wire.status !== 'trained')
    throw badRequest(`Model ${modelId} is not trained (status ${model.wire.status})`);
  if (!model.family) {
    throw badRequest(`Model ${modelId} cannot run on /generate/${endpoint}; use /generate/custom/${modelId}`);
  }
  return model as CatalogModel & { family: ModelFamily };
}

/** `numSamples`-like counts above the plan's batch size are refused, as plans cap them. */
export function checkBatch(context: EmulatorContext, field: string, count: number): number {
  if (count > context.options.maxSamples) {
    throw badRequest(`${field} ${count} exceeds your plan's batch size limit (${context.options.maxSamples})`);
  }
  return count;
}

/**
 * Output size: the requested one, checked against the model family's range, or (when omitted)
 * the reference's, rounded down to a multiple of 8 and clamped into that range.
 */
export function outputSize(
  family: ModelFamily,
  requested: { width?: number | undefined; height?: number | undefined },
  reference: { width: number; height: number },
): { width: number; height: number } {
  const { minSize, maxSize } = FAMILIES[family];
  const clampSize = (value: number) => Math.min(maxSize, Math.max(minSize, Math.floor(value / 8) * 8));
  const size = {
    width: requested.width ?? clampSize(reference.width),
    height: requested.height ?? clampSize(reference.height),
  };
  for (const [field, value] of Object.entries(size)) {
    if (value < minSize || value > maxSize) {
      throw badRequest(`Invalid ${field}: ${value} is outside ${minSize}–${maxSize} for this model`);
    }
  }
  return size;
}

/** Job type of a typed generation: `inference` for Stable Diffusion models, `flux` for Flux ones. */
export const typedJobType = (family: ModelFamily) => (family === 'flux' ? 'flux' : 'inference');

/** The first of `names` the body gives, resolved as an image (asset id or data URL), with the field it came from. */
export async function firstImage(
  body: Record<string, unknown>,
  images: ImageResolver,
  names: readonly string[],
  options: { parentId?: string; hide?: boolean } = {},
): Promise<(ResolvedImage & { field: string }) | undefined> {
  const field = names.find((name) => typeof body[name] === 'string');
  if (field === undefined) return undefined;
  return { ...(await images.resolve(body[field] as string, field, options)), field };
}

/**
 * Resolves a field the route takes as an asset id only (`pixelate`'s `image`, `texture`'s
 * `texture`): a data URL there is a 400, as the swagger says the field must reference an asset.
 */
export async function assetImage(images: ImageResolver, value: string, field: string): Promise<ResolvedImage> {
  if (!value.startsWith('asset_')) throw badRequest(`${field} must reference an existing AssetId`);
  return images.resolve(value, field);
}

/** A list field of asset ids only (`styleImages`, `referenceImages`), each resolved as {@link assetImage} does; none when absent. */
export function assetImages(
  body: Record<string, unknown>,
  images: ImageResolver,
  field: string,
): Promise<ResolvedImage[]> {
  return Promise.all(((body[field] as string[] | undefined) ?? []).map((id) => assetImage(images, id, field)));
}

/** A render's `styles`: the images' palettes, each pulling by `scale`; none for no images. */
export function renderStyles(refs: readonly ResolvedImage[], scale: number): Pick<GenerationRender, 'styles'> {
  return refs.length > 0 ? { styles: { images: refs.map((r) => ({ bytes: r.bytes, scale })), type: 'style' } } : {};
}

/** The body without `undefined` fields, with data-URL images replaced by their asset ids (for `metadata.input`). */
export function echo(
  body: Record<string, unknown>,
  images: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...body, ...images };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
}
