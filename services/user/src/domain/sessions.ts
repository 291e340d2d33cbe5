import { randomUUID } from 'node:crypto';
import { SESSION_TTL_SECONDS, type SessionSigner } from '@storefront/auth';
import type { SessionsRepository } from '../data-access/sessions-repository.js';
import type { StoredUser } from '../data-access/users-repository.js';

export interface SessionDependencies {
  sessions: SessionsRepository;
  signer: SessionSigner;
}

/** Records a session (so it can be revoked) and signs the token that carries its id. */
export async function startSession(
  { sessions, signer }: SessionDependencies,
  user: Pick<StoredUser, 'id' | 'email' | 'name' | 'role'>,
): Promise<string> {
  const sessionId = randomUUID();
  await sessions.create({
    id: sessionId,
    userId: user.id,
    expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
  });
  return signer.sign({ id: user.id, email: user.email, name: user.name, role: user.role, sessionId });
}
