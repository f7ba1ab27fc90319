// `import { Scenario }` in an app built into one file: every chunk inlined (see app-build.mjs).
import { appBuild } from './app-build.mjs';

export default appBuild('single-file', "import { Scenario } from './dist/index.js'; console.log(Scenario);");
