export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
  constructor() {
    super('email already registered');
  }
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
