import type * as z from 'zod/mini';
import {
  ControlNetParamsSchema,
  DetectParamsSchema,
  Img2ImgParamsSchema,
  InpaintParamsSchema,
  RemoveBackgroundParamsSchema,
  Txt2ImgParamsSchema,
  UpscaleParamsSchema,
} from '../schemas.js';
import { type Flag, flagsOf } from './flags.js';
import type { TypedField } from './sdk.js';

/** A typed generation as a subcommand: the client field that runs it and the schema its flags come from. */
export interface TypedCommand {
  /** The subcommand: `remove-background`. */
  name: string;
  /** The client field: `removeBackground`; also names the params in the SDK's errors. */
  field: TypedField;
  schema: z.core.$ZodType;
  /** The image param the positional arguments fill, one generation per argument; none for txt2img. */
  positional?: string;
  /** One line for `--help`. */
  summary: string;
}

/** One row per typed generation resource; flags, manifest fields and checks all derive from it. */
export const TYPED_COMMANDS: readonly TypedCommand[] = [
  { name: 'txt2img', field: 'txt2img', schema: Txt2ImgParamsSchema, summary: 'text to image' },
  { name: 'img2img', field: 'img2img', schema: Img2ImgParamsSchema, positional: 'image', summary: 'image to image' },
  {
    name: 'inpaint',
    field: 'inpaint',
    schema: InpaintParamsSchema,
    positional: 'image',
    summary: 'repaint the masked part (--mask: white = repaint)',
  },
  {
    name: 'controlnet',
    field: 'controlnet',
    schema: ControlNetParamsSchema,
    positional: 'image',
    summary: 'generation guided by a control map (pose, depth, edges…)',
  },
  {
    name: 'detect',
    field: 'detect',
    schema: DetectParamsSchema,
    positional: 'image',
    summary: 'extract a control map',
  },
  {
    name: 'remove-background',
    field: 'removeBackground',
    schema: RemoveBackgroundParamsSchema,
    positional: 'image',
    summary: 'cut out the subject',
  },
  { name: 'upscale', field: 'upscale', schema: UpscaleParamsSchema, positional: 'image', summary: 'upscale an image' },
];

/** The flags of a typed command: every param but the positional one. */
export function commandFlags(command: TypedCommand): Flag[] {
  return flagsOf(command.schema, command.positional ? [command.positional] : []);
}

/** The typed command of a name, for manifest rows. */
export function typedCommand(name: string): TypedCommand | undefined {
  return TYPED_COMMANDS.find((command) => command.name === name);
}
