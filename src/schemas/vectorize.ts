import * as z from 'zod/mini';
import { AssetIdRefSchema } from './generation.js';

const degrees = z.number().check(z.minimum(0), z.maximum(180));
const nonNegative = z.number().check(z.minimum(0));
const count = (min: number) => z.number().check(z.int(), z.minimum(min));

/** Tuning fields a `preset` other than `custom` makes the API ignore. */
export const VECTORIZE_TUNING = [
  'mode',
  'colorMode',
  'filterSpeckle',
  'colorPrecision',
  'layerDifference',
  'cornerThreshold',
  'lengthThreshold',
  'spliceThreshold',
  'maxIterations',
  'pathPrecision',
] as const;

/** The fields of {@link VectorizeBodySchema}, before its cross-field check. */
export const VectorizeFieldsSchema = z.strictObject({
  /** The image to trace: an asset id (the route takes no data URL). */
  image: AssetIdRefSchema,
  /** A preset; any but `custom` makes the API ignore the tuning fields. */
  preset: z.optional(z.enum(['asset', 'bw', 'custom', 'photo', 'pixelart', 'poster'])),
  /** Curve fitting: `none`, `polygon` or `spline`. */
  mode: z.optional(z.enum(['none', 'polygon', 'spline'])),
  /** `bw` traces black and white, `color` colour layers. */
  colorMode: z.optional(z.enum(['bw', 'color'])),
  /** Discard patches smaller than this many pixels. */
  filterSpeckle: z.optional(count(0)),
  /** `color` mode: significant bits per RGB channel, 1–16. */
  colorPrecision: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(16))),
  /** `color` mode: colour difference between gradient layers (higher, fewer layers). */
  layerDifference: z.optional(nonNegative),
  /** `spline` mode: smallest angle (degrees) counted as a corner. */
  cornerThreshold: z.optional(degrees),
  /** `spline` mode: shortest segment length. */
  lengthThreshold: z.optional(nonNegative),
  /** `spline` mode: smallest angle displacement (degrees) that splices a spline. */
  spliceThreshold: z.optional(degrees),
  maxIterations: z.optional(count(1)),
  /** Decimal places in the path strings. */
  pathPrecision: z.optional(count(0)),
});

/** Refinement: tuning fields only without a preset or with `preset: 'custom'`, where the API reads them. */
export const vectorizeTuningRule = z.superRefine(
  (body: { preset?: string | undefined } & Partial<Record<(typeof VECTORIZE_TUNING)[number], unknown>>, context) => {
    if (body.preset === undefined || body.preset === 'custom') return;
    for (const field of VECTORIZE_TUNING) {
      if (body[field] === undefined) continue;
      context.addIssue({
        code: 'custom',
        message: `${field} is ignored with preset "${body.preset}": leave it out, or use preset "custom"`,
        path: [field],
      });
    }
  },
);

/** Body of `POST /generate/vectorize` as sent on the wire. */
export const VectorizeBodySchema = VectorizeFieldsSchema.check(vectorizeTuningRule);
/** The parsed shape of {@link VectorizeBodySchema}. */
export type VectorizeBody = z.output<typeof VectorizeBodySchema>;
