import { randomBytes } from 'node:crypto';

/** One name per test run and resource, so runs on a shared machine never see each other's data. */
export function uniqueName(prefix = 'sf_test'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
