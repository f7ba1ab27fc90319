export { Scenario } from './client.js';
export * from './core/errors/index.js';
export type { Logger, LogLevel } from './core/logger.js';
export type { ClientOptions, RequestOptions } from './core/options.js';
export { Page, type PageData, PagePromise } from './core/pagination.js';
export { VERSION } from './core/version.js';
