import { randomUUID } from 'node:crypto';
import type { Role } from '@storefront/auth';
import type { Logger } from '@storefront/service-kit';
import { DuplicateEmailError } from '../data-access/errors.js';
import type { UsersRepository } from '../data-access/users-repository.js';

export interface AccountSeed {
  email: string;
  password: string;
  name: string;
}

/**
 * Creates the account an operator configured if no account has its email yet; safe to run at every start on every
 * replica. An existing account is left exactly as it is: its role is never raised and its password never set, or
 * whoever registered the seeded address first would become an editor or admin at the next restart. The operator
 * is told, so a taken address does not go unnoticed.
 */
export async function seedAccount(
  users: UsersRepository,
  hashPassword: (password: string) => Promise<string>,
  seed: AccountSeed & { role: Role },
  logger: Logger,
): Promise<'created' | 'exists'> {
  const email = seed.email.trim().toLowerCase();
  const existing = await users.findByEmail(email);
  if (!existing) {
    try {
      await users.insert({
        id: randomUUID(),
        email,
        name: seed.name,
        role: seed.role,
        passwordHash: await hashPassword(seed.password),
        createdAt: new Date(),
      });
      logger.info({ email, role: seed.role }, 'seeded an account');
      return 'created';
    } catch (error) {
      // Another replica seeded it between our check and insert.
      if (!(error instanceof DuplicateEmailError)) throw error;
      return 'exists';
    }
  }
  if (existing.role !== seed.role) {
    logger.warn(
      { email, role: existing.role, seededRole: seed.role },
      'the seeded address belongs to an existing account: left as it is (roles are changed by an admin)',
    );
  }
  return 'exists';
}

/** The editor account of `SEED_EDITOR_EMAIL` / `SEED_EDITOR_PASSWORD`. */
export const seedEditor = (
  users: UsersRepository,
  hashPassword: (password: string) => Promise<string>,
  seed: AccountSeed,
  logger: Logger,
) => seedAccount(users, hashPassword, { ...seed, role: 'editor' }, logger);
