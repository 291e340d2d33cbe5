import type { FailureMessage } from './account-api.js';

/** The error a failure names for one field (by its path in the request), if any. */
export function fieldError(failure: FailureMessage | null, path: string): string | null {
  return failure?.fields?.[path] ?? null;
}
