import { isDeepStrictEqual } from 'node:util';

/** One field that differs between the tenant and `logto.config.json`. */
export interface Change {
  field: string;
  from: unknown;
  to: unknown;
  /** Secrets are reported as changed, never shown. */
  secret?: boolean;
}

/** What one step found, and did (or, in a dry run, would do). */
export interface StepPlan {
  step: string;
  action: 'create' | 'update' | 'none';
  /** A consequence worth saying, e.g. which SMS connector a create replaces. */
  note?: string;
  changes: Change[];
  /** What the tenant has that the file does not, and the step takes away (shown before writing). */
  removals?: string[];
}

/** Compares the listed fields of `current` against `desired`, in the order given. */
export function diffFields(
  current: Record<string, unknown> | undefined,
  desired: Record<string, unknown>,
  prefix = '',
  secretFields: ReadonlySet<string> = new Set(),
): Change[] {
  return Object.entries(desired).flatMap(([key, to]) => {
    const from = current?.[key];
    if (isDeepStrictEqual(asJsonValue(from), asJsonValue(to))) return [];
    const field = `${prefix}${key}`;
    return [secretFields.has(key) ? { field, from, to, secret: true } : { field, from, to }];
  });
}

// Compared as JSON values: the client's response.json() may build objects in another realm (Jest's
// VM does), whose prototypes strict equality would count as a difference.
function asJsonValue(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
