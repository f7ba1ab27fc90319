// Node 24, CommonJS: the SDK through `require` (the package's `require` export, dist/index.cjs).
const sdk = require('scenario-sdk');

const loadedFrom = require.resolve('scenario-sdk');
if (!loadedFrom.endsWith('.cjs')) {
  console.log(`SMOKE_FAIL require('scenario-sdk') resolved to ${loadedFrom}, not the CommonJS build`);
  process.exit(1);
}
import('./harness.mjs').then(({ runSmoke }) => runSmoke(sdk, loadedFrom));
