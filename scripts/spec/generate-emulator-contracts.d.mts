/** Types of the generator script, for the test that checks the committed data against it. */
export declare const DEFAULT_OUT: string;
export declare const DEFAULT_SOURCE: string;
