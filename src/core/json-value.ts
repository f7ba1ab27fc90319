import type { InputIssue } from './errors.js';

/**
 * Where `value` holds something JSON cannot carry as it is, so a request body would reach the
 * server changed (`NaN` and `Infinity` become `null`, so does `undefined` in an array; a `Map` or
 * a `Date` is not what was meant) or not at all (a BigInt or a cycle throws, a function vanishes).
 *
 * Accepted: strings, finite numbers, booleans, `null`, arrays and plain objects of those. An
 * object property set to `undefined` is left out, as `JSON.stringify` does: that is how an
 * optional input is omitted. Values for which `skip` is true are not looked into (the caller
 * replaces them before sending, such as images uploaded first). A value reached twice without a
 * cycle is fine.
 */
export function jsonValueIssues(value: unknown, skip: (value: unknown) => boolean = () => false): InputIssue[] {
  const issues: InputIssue[] = [];
  const ancestors = new Set<object>();
  const visit = (item: unknown, path: string): void => {
    if (skip(item) || isJsonScalar(item)) return;
    if (!isJsonContainer(item)) {
      issues.push({ path, message: notJson(item) });
    } else if (ancestors.has(item)) {
      issues.push({ path, message: 'refers back to an enclosing value (a cycle), which JSON cannot carry' });
    } else {
      ancestors.add(item);
      if (Array.isArray(item)) {
        // A plain loop, not forEach: holes must be seen.
        for (let index = 0; index < item.length; index++) {
          const element: unknown = item[index];
          const where = `${path}[${index}]`;
          if (element === undefined)
            issues.push({ path: where, message: 'undefined (or a hole) in an array would be sent as null' });
          else visit(element, where);
        }
      } else {
        for (const [key, property] of Object.entries(item)) {
          if (property !== undefined) visit(property, path ? `${path}.${key}` : key);
        }
      }
      ancestors.delete(item);
    }
  };
  visit(value, '');
  return issues;
}

function isJsonScalar(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** An array or a plain object: what JSON writes by its contents. */
function isJsonContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function notJson(value: unknown): string {
  if (typeof value === 'number') return `${value} is not a JSON number (it would be sent as null)`;
  const kind = typeof value === 'object' ? (value?.constructor?.name ?? 'object') : typeof value;
  return `expected a JSON value (string, finite number, boolean, null, array or plain object), got a ${kind}`;
}
