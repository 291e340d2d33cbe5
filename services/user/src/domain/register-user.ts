import { randomUUID } from 'node:crypto';
import { problems } from '@storefront/service-kit';
import { makeEvent, type RegisterRequest, type UserView } from '@storefront/contracts';
import { DuplicateEmailError } from '../data-access/errors.js';
import type { UsersRepository } from '../data-access/users-repository.js';
import type { PasswordHasher } from './passwords.js';
import { startSession, type SessionDependencies } from './sessions.js';
import { toUserView } from './user-view.js';

export interface RegisterUserDependencies extends SessionDependencies {
  users: UsersRepository;
  passwords: PasswordHasher;
}

export async function registerUser(
  deps: RegisterUserDependencies,
  request: RegisterRequest,
): Promise<{ user: UserView; token: string }> {
  const user = {
    id: randomUUID(),
    email: request.email,
    name: request.name,
    role: 'customer' as const,
    passwordHash: await deps.passwords.hash(request.password),
    createdAt: new Date(),
  };
  const event = makeEvent('user.registered', { userId: user.id, email: user.email, name: user.name });
  try {
    await deps.users.insert(user, event);
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      throw problems.conflict('An account with this email already exists.');
    }
    throw error;
  }
  return { user: toUserView(user), token: await startSession(deps, user) };
}
