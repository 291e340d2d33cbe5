import { randomUUID } from 'node:crypto';
import type { Logger } from '@storefront/service-kit';
import { DuplicateEmailError } from './errors.js';
import type { UsersRepository } from './users-repository.js';

export interface EditorSeed {
  email: string;
  password: string;
  name: string;
}

/**
 * Creates the editor account an operator configured, once: an existing account (even one whose password was
 * changed since) is left as it is, so restarts never reset anything.
 */
export async function seedEditor(
  users: UsersRepository,
  hashPassword: (password: string) => Promise<string>,
  seed: EditorSeed,
  logger: Logger,
): Promise<void> {
  const email = seed.email.trim().toLowerCase();
  if (await users.findByEmail(email)) return;
  try {
    await users.insert({
      id: randomUUID(),
      email,
      name: seed.name,
      role: 'editor',
      passwordHash: await hashPassword(seed.password),
      createdAt: new Date(),
    });
    logger.info({ email }, 'seeded the editor account');
  } catch (error) {
    // Another replica seeded it between our check and insert.
    if (!(error instanceof DuplicateEmailError)) throw error;
  }
}
