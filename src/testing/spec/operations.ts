import type { OperationContract } from './contract.js';
import { REQUEST_CONTRACTS } from './request-contracts.js';

/** The contract of `"METHOD /path"` (swagger placeholders, `/jobs/{jobId}`). */
export function operationContract(key: string): OperationContract {
  const contract = REQUEST_CONTRACTS[key];
  if (!contract) throw new Error(`No request contract for ${key}: regenerate the spec data`);
  return contract;
}
