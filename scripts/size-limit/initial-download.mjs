// `import { Scenario }` in an app built with code splitting: what a page loads before its first call (see app-build.mjs).
import { appBuild } from './app-build.mjs';

export default appBuild('initial-download', "import { Scenario } from './dist/index.js'; console.log(Scenario);", {
  splitting: true,
});
