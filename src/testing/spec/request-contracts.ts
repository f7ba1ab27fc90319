import type { OperationContract } from './contract.js';
import data from './request-contracts.json' with { type: 'json' };

/**
 * Request contracts of the operations the emulator serves, by `"METHOD /path"`: data generated
 * from Scenario's public swagger by scripts/spec/generate-emulator-contracts.mjs.
 */
export const REQUEST_CONTRACTS = data.operations as Readonly<Record<string, OperationContract>>;
