import * as z from 'zod/mini';

/**
 * Inputs of `client.custom`: the model's own input names and values, sent as a flat JSON body.
 * File inputs may be any image input; they are uploaded (as hidden assets) and sent as asset ids.
 */
export const CustomInputsSchema = z.record(z.string(), z.unknown());
/** What the caller passes, as {@link CustomInputsSchema}. */
export type CustomInputs = z.input<typeof CustomInputsSchema>;
