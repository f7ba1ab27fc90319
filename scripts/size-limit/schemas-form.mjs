// A form that validates with the SDK's schema and nothing else (see app-build.mjs).
import { appBuild } from './app-build.mjs';

export default appBuild(
  'schemas-form',
  "import { Img2ImgParamsSchema } from './dist/schemas.js'; console.log(Img2ImgParamsSchema);",
);
