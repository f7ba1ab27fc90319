import * as z from 'zod/mini';
import {
  AssetIdsBodySchema,
  AssetListQuerySchema,
  AssetUploadBodySchema,
  CaptionBodySchema,
  ControlNetBodySchema,
  ControlNetInpaintBodySchema,
  ControlNetInpaintIpAdapterBodySchema,
  ControlNetIpAdapterBodySchema,
  ControlNetTextureBodySchema,
  CustomInputsSchema,
  DescribeStyleBodySchema,
  DetectBodySchema,
  EmbedBodySchema,
  GenerativeFillBodySchema,
  Img2ImgBodySchema,
  Img2ImgIpAdapterBodySchema,
  Img2ImgTextureBodySchema,
  InpaintBodySchema,
  InpaintIpAdapterBodySchema,
  JobActionBodySchema,
  JobListQuerySchema,
  ModelListQuerySchema,
  PatchBodySchema,
  PixelateBodySchema,
  PromptBodySchema,
  PromptEditingBodySchema,
  ReframeBodySchema,
  RemoveBackgroundBodySchema,
  RestyleBodySchema,
  SegmentBodySchema,
  SkyboxBodySchema,
  SkyboxUpscaleBodySchema,
  TextureBodySchema,
  TranslateBodySchema,
  Txt2ImgBodySchema,
  Txt2ImgIpAdapterBodySchema,
  Txt2ImgTextureBodySchema,
  UploadActionBodySchema,
  UploadCreateBodySchema,
  UpscaleBodySchema,
  VectorizeBodySchema,
} from '../schemas.js';

/**
 * One API route the proxy knows. Requests are checked against it before anything goes
 * upstream; what the caller may name and what they come to own follows from the route's path
 * parameters (`:assetId`, `:jobId`, `:uploadId`, `:modelId`) and the envelopes of its answers
 * (`job`, `asset`, `upload`), so a new route needs no ownership code of its own.
 */
export interface ProxyRoute {
  /**
   * `METHOD /path` below the API root; `:name` segments are path parameters. It is also the
   * route's name in the proxy's `allow` option.
   */
  route: string;
  /** The JSON body's schema (the wire body, as the SDK sends it): a body that fails it gets a 400. No schema: no body. */
  body?: z.core.$ZodType | undefined;
  /** The query's schema; its number and boolean values arrive as strings and are read as such. No schema: no query. */
  query?: z.core.$ZodType | undefined;
  /** Creates billed work: quoted with a dry run first and counted against the caller's budget. */
  billed?: boolean | undefined;
  /** Refused unless named in the proxy's `allow` option. */
  closed?: boolean | undefined;
  /** Answers a page of this listing (`assets`, `jobs` or `models`), which the proxy filters to what the caller may see. */
  list?: 'assets' | 'jobs' | 'models' | undefined;
}

/** The query of every `/generate/*` route: `dryRun=true` quotes without running or billing. */
const GenerateQuerySchema = z.strictObject({ dryRun: z.optional(z.boolean()) });
/** The query of an asset read. */
const AssetQuerySchema = z.strictObject({ originalAssets: z.optional(z.boolean()) });

/** A billed `/generate/*` route with its wire body. */
const generate = (name: string, body: z.core.$ZodType): ProxyRoute => ({
  route: `POST /generate/${name}`,
  body,
  query: GenerateQuerySchema,
  billed: true,
});

/**
 * What a browser UI built on the SDK calls, each route once: the generations (each a wire body
 * schema from `scenario-sdk/schemas`), uploads, asset reads, jobs and models. Deleting assets is
 * known but closed. A route that is not here is refused, whatever `allow` says.
 */
export const PROXY_ROUTES: readonly ProxyRoute[] = [
  generate('txt2img', Txt2ImgBodySchema),
  generate('txt2img-ip-adapter', Txt2ImgIpAdapterBodySchema),
  generate('img2img', Img2ImgBodySchema),
  generate('img2img-ip-adapter', Img2ImgIpAdapterBodySchema),
  generate('inpaint', InpaintBodySchema),
  generate('inpaint-ip-adapter', InpaintIpAdapterBodySchema),
  generate('controlnet', ControlNetBodySchema),
  generate('controlnet-img2img', ControlNetBodySchema),
  generate('controlnet-ip-adapter', ControlNetIpAdapterBodySchema),
  generate('controlnet-inpaint', ControlNetInpaintBodySchema),
  generate('controlnet-inpaint-ip-adapter', ControlNetInpaintIpAdapterBodySchema),
  generate('detect', DetectBodySchema),
  generate('remove-background', RemoveBackgroundBodySchema),
  generate('upscale', UpscaleBodySchema),
  generate('txt2img-texture', Txt2ImgTextureBodySchema),
  generate('img2img-texture', Img2ImgTextureBodySchema),
  generate('controlnet-texture', ControlNetTextureBodySchema),
  generate('texture', TextureBodySchema),
  generate('skybox-base-360', SkyboxBodySchema),
  generate('skybox-upscale-360', SkyboxUpscaleBodySchema),
  generate('pixelate', PixelateBodySchema),
  generate('vectorize', VectorizeBodySchema),
  generate('reframe', ReframeBodySchema),
  generate('restyle', RestyleBodySchema),
  generate('segment', SegmentBodySchema),
  generate('generative-fill', GenerativeFillBodySchema),
  generate('prompt-editing', PromptEditingBodySchema),
  generate('patch', PatchBodySchema),
  generate('caption', CaptionBodySchema),
  generate('describe-style', DescribeStyleBodySchema),
  generate('prompt', PromptBodySchema),
  generate('translate', TranslateBodySchema),
  generate('embed', EmbedBodySchema),
  generate('custom/:modelId', CustomInputsSchema),
  { route: 'POST /assets', body: AssetUploadBodySchema },
  { route: 'POST /assets/get-bulk', body: AssetIdsBodySchema },
  { route: 'GET /assets', query: AssetListQuerySchema, list: 'assets' },
  { route: 'GET /assets/:assetId', query: AssetQuerySchema },
  { route: 'DELETE /assets', body: AssetIdsBodySchema, closed: true },
  { route: 'POST /uploads', body: UploadCreateBodySchema },
  { route: 'GET /uploads/:uploadId' },
  { route: 'POST /uploads/:uploadId/action', body: UploadActionBodySchema },
  { route: 'GET /jobs', query: JobListQuerySchema, list: 'jobs' },
  { route: 'GET /jobs/:jobId' },
  { route: 'POST /jobs/:jobId/action', body: JobActionBodySchema },
  { route: 'GET /models', query: ModelListQuerySchema, list: 'models' },
  { route: 'GET /models/:modelId' },
];

/** A request matched to its route, with its path parameters decoded. */
export interface RouteMatch {
  route: ProxyRoute;
  params: Record<string, string>;
}

/** The route `method path` takes, or `undefined`. */
export function matchRoute(routes: readonly ProxyRoute[], method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    const [routeMethod, pattern = ''] = route.route.split(' ');
    const parts = pattern.split('/');
    if (routeMethod !== method || parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      const segment = segments[index] as string;
      if (!part.startsWith(':')) return part === segment;
      const value = decodeSegment(segment);
      if (value === undefined) return false;
      params[part.slice(1)] = value;
      return true;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/** A path segment decoded, or `undefined` when empty or not valid percent-encoding. */
function decodeSegment(segment: string): string | undefined {
  try {
    const value = decodeURIComponent(segment);
    return value === '' || value === '.' || value === '..' ? undefined : value;
  } catch {
    return undefined;
  }
}
