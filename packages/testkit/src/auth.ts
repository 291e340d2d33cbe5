import { randomUUID } from 'node:crypto';
import {
  SESSION_COOKIE,
  createSessionSigner,
  createSessionVerifier,
  generateAuthKeyPair,
  type SessionUser,
} from '@storefront/auth';

export async function createTestAuth() {
  const { publicKey, privateKey } = await generateAuthKeyPair();
  const signer = createSessionSigner(privateKey);
  const verifier = createSessionVerifier(publicKey);
  return {
    publicKey,
    privateKey,
    signer,
    verifier,
    /** A `cookie` header value for a signed-in visitor (a fresh customer unless told otherwise). */
    async sessionCookie(user: Partial<SessionUser> = {}): Promise<string> {
      const id = user.id ?? randomUUID();
      const token = await signer.sign({
        id,
        email: user.email ?? `${id}@example.test`,
        name: user.name ?? 'Test Customer',
        role: user.role ?? 'customer',
        sessionId: user.sessionId ?? randomUUID(),
      });
      return `${SESSION_COOKIE}=${token}`;
    },
  };
}
