/*
 * The web app's Influence slider and the API's `strength` it stands for.
 */
import * as z from 'zod/mini';

/** The web app's Influence slider, 0–100: higher stays closer to the reference image. */
export const InfluenceSchema = z.number().check(z.minimum(0), z.maximum(100));

const MIN_STRENGTH = 0.01;
const MAX_STRENGTH = 1;

/** Noise added to the reference: 0.01 stays close, 1 ignores it. */
export const StrengthSchema = z.number().check(z.minimum(MIN_STRENGTH), z.maximum(MAX_STRENGTH));

/** `strength = clamp((100 - influence) / 100, 0.01, 1)`: Influence 20 → strength 0.8. */
export function strengthFromInfluence(influence: number): number {
  return Math.min(MAX_STRENGTH, Math.max(MIN_STRENGTH, (100 - influence) / 100));
}

/** Params that take either `influence` or `strength`; both at once is an error. */
export interface InfluenceOrStrength {
  influence?: number | undefined;
  strength?: number | undefined;
}

/** Refinement for params schemas that accept `influence` or `strength`. */
export const influenceOrStrength: [(params: InfluenceOrStrength) => boolean, { message: string; path: string[] }] = [
  (params) => params.influence === undefined || params.strength === undefined,
  { message: 'pass influence (0–100) or strength (0.01–1), not both', path: ['influence'] },
];

/** The API's `strength` for params that took `influence` or `strength`. */
export function strengthOf(params: InfluenceOrStrength): number | undefined {
  return params.influence === undefined ? params.strength : strengthFromInfluence(params.influence);
}
