import { ScenarioError } from './ScenarioError.js';

/** The request never got an HTTP answer (DNS, refused or reset connection, offline). */
export class APIConnectionError extends ScenarioError {}
