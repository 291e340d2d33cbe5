import { randomUUID } from 'node:crypto';
import type { Role } from '@storefront/auth';
import type { Logger } from '@storefront/service-kit';
import { DuplicateEmailError } from '../data-access/errors.js';
import type { UsersRepository } from '../data-access/users-repository.js';
import { applyUserChange } from './apply-user-change.js';

export interface AccountSeed {
  email: string;
  password: string;
  name: string;
}

const rank: Record<Role, number> = { customer: 0, editor: 1, admin: 2 };

/**
 * Makes sure the account an operator configured exists with at least `role`, and is safe to run at every start
 * on every replica: a missing account is created with the configured password; an existing one keeps its
 * password and name (it may have been changed since) and is raised to `role` if it had less, never lowered.
 */
export async function seedAccount(
  users: UsersRepository,
  hashPassword: (password: string) => Promise<string>,
  seed: AccountSeed & { role: Role },
  logger: Logger,
): Promise<void> {
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
      return;
    } catch (error) {
      // Another replica seeded it between our check and insert; it may still need the role below.
      if (!(error instanceof DuplicateEmailError)) throw error;
    }
  }
  const current = existing ?? (await users.findByEmail(email));
  if (!current || rank[current.role] >= rank[seed.role]) return;
  const { changed } = await applyUserChange(users, current.id, (user) =>
    rank[user.role] < rank[seed.role] ? { role: seed.role } : {},
  );
  if (changed) logger.info({ email, role: seed.role }, 'raised the seeded account to its role');
}

/** The editor account of `SEED_EDITOR_EMAIL` / `SEED_EDITOR_PASSWORD`. */
export const seedEditor = (
  users: UsersRepository,
  hashPassword: (password: string) => Promise<string>,
  seed: AccountSeed,
  logger: Logger,
) => seedAccount(users, hashPassword, { ...seed, role: 'editor' }, logger);
