import type * as z from 'zod/mini';
import {
  CaptionParamsSchema,
  ControlNetParamsSchema,
  DescribeStyleParamsSchema,
  DetectParamsSchema,
  EmbedParamsSchema,
  GenerativeFillParamsSchema,
  Img2ImgParamsSchema,
  InpaintParamsSchema,
  PatchParamsSchema,
  PixelateParamsSchema,
  PromptEditingParamsSchema,
  PromptParamsSchema,
  ReframeParamsSchema,
  RemoveBackgroundParamsSchema,
  RestyleParamsSchema,
  SegmentParamsSchema,
  SkyboxParamsSchema,
  SkyboxUpscaleParamsSchema,
  TextureParamsSchema,
  TranslateParamsSchema,
  Txt2ImgParamsSchema,
  UpscaleParamsSchema,
  VectorizeParamsSchema,
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
  {
    name: 'texture',
    field: 'texture',
    schema: TextureParamsSchema,
    positional: 'texture',
    summary: 'material maps of a texture (normal, height, smoothness, metallic, ao, edge, albedo)',
  },
  { name: 'skybox', field: 'skybox', schema: SkyboxParamsSchema, summary: 'a 360° skybox from a prompt (2:1)' },
  {
    name: 'skybox-upscale',
    field: 'skyboxUpscale',
    schema: SkyboxUpscaleParamsSchema,
    positional: 'image',
    summary: 'upscale a 360° skybox',
  },
  {
    name: 'pixelate',
    field: 'pixelate',
    schema: PixelateParamsSchema,
    positional: 'image',
    summary: 'pixel art (--pixel-grid-size 16–256)',
  },
  {
    name: 'vectorize',
    field: 'vectorize',
    schema: VectorizeParamsSchema,
    positional: 'image',
    summary: 'trace an image into an SVG',
  },
  {
    name: 'reframe',
    field: 'reframe',
    schema: ReframeParamsSchema,
    positional: 'image',
    summary: 'place an image in a new frame size, the new space painted',
  },
  {
    name: 'restyle',
    field: 'restyle',
    schema: RestyleParamsSchema,
    positional: 'image',
    summary: 'repaint an image in the look of style images',
  },
  {
    name: 'segment',
    field: 'segment',
    schema: SegmentParamsSchema,
    positional: 'image',
    summary: 'a mask of the object in an image',
  },
  {
    name: 'generative-fill',
    field: 'generativeFill',
    schema: GenerativeFillParamsSchema,
    positional: 'image',
    summary: 'erase or replace the masked part (--mask: white = refill)',
  },
  {
    name: 'prompt-editing',
    field: 'promptEditing',
    schema: PromptEditingParamsSchema,
    positional: 'image',
    summary: 'edit an image with a prompt (deprecated route, still served)',
  },
  {
    name: 'patch',
    field: 'patch',
    schema: PatchParamsSchema,
    positional: 'image',
    summary: 'merge one image onto another (--patch JSON: image and mode)',
  },
  { name: 'caption', field: 'caption', schema: CaptionParamsSchema, summary: 'caption images (text)' },
  {
    name: 'describe-style',
    field: 'describeStyle',
    schema: DescribeStyleParamsSchema,
    summary: 'describe the style of images or a model (text)',
  },
  { name: 'prompt', field: 'prompt', schema: PromptParamsSchema, summary: 'write prompts (text)' },
  { name: 'translate', field: 'translate', schema: TranslateParamsSchema, summary: 'translate a prompt into English' },
  { name: 'embed', field: 'embed', schema: EmbedParamsSchema, summary: "a text's embedding vector" },
];

/** Flags built once per command: start-up asks for all of them, a batch for each row's several times. */
const FLAGS = new Map<TypedCommand, readonly Flag[]>();

/** The flags of a typed command: every param but the positional one. Shared: never change them. */
export function commandFlags(command: TypedCommand): readonly Flag[] {
  let flags = FLAGS.get(command);
  if (!flags) {
    flags = flagsOf(command.schema, command.positional ? [command.positional] : []);
    FLAGS.set(command, flags);
  }
  return flags;
}

/** The typed command of a name, for manifest rows. */
export function typedCommand(name: string): TypedCommand | undefined {
  return TYPED_COMMANDS.find((command) => command.name === name);
}
