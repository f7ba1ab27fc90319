/** Types of the generator script, for the test that checks the committed data against it. */
export declare const DEFAULT_OUT: string;
export declare const SOURCE_CANDIDATES: string[];
export declare function buildContracts(schemas: unknown): Record<string, unknown>;
export declare function renderModule(sourceText: string): string;
