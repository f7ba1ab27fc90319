/** Types of the vendoring script, for the tests that check the vendored files against it. */
export declare const SPEC_DIR: string;
export declare const REQUEST_SCHEMAS: string;
export declare const RESPONSE_SCHEMAS: string;
export declare const SOURCE: string;
export declare const PATH_PREFIXES: string[];
export declare function sha256(text: string): string;
export declare function subset(
  requestText: string,
  responseText: string,
): { requests: string; responses: string; operations: string[] };
