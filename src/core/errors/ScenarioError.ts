const brand = Symbol.for('scenario-sdk.error');

/**
 * Base class of every error the SDK throws. Check with {@link isScenarioError}, which also
 * works across bundles and realms where `instanceof` does not.
 */
export class ScenarioError extends Error {
  /** Realm-safe marker read by {@link isScenarioError}. */
  declare readonly [brand]: true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Set here, not as a field initialiser: the CJS build wraps classes with initialised fields
    // in anonymous class expressions, and `new.target.name` then read `_class`.
    (this as { [brand]: true })[brand] = true;
    this.name = new.target.name;
  }

  /** Keeps `JSON.stringify(error)` useful: name and message, never request headers. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, ...fields } = this as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

/** True for any error thrown by this SDK, whichever copy of it threw. */
export function isScenarioError(value: unknown): value is ScenarioError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
