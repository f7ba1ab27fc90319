// Node 22, Node 24 and Bun: the SDK through a static ESM import (the package's `import` export).
import * as sdk from 'scenario-sdk';
import { runSmoke } from './harness.mjs';

await runSmoke(sdk, import.meta.resolve('scenario-sdk'));
