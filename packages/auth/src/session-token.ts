import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { SESSION_TTL_SECONDS } from './cookies.js';

export type Role = 'customer' | 'editor' | 'admin';
const roles: readonly Role[] = ['customer', 'editor', 'admin'];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

export interface SessionVerifier {
  verify(token: string | undefined): Promise<SessionUser | null>;
}

export interface SessionSigner {
  sign(user: SessionUser, ttlSeconds?: number): Promise<string>;
}

// EdDSA keeps the signing key in the user service alone; every other part only verifies.
const ALGORITHM = 'EdDSA';
const ISSUER = 'storefront-user-service';

export function createSessionSigner(privateKeyPem: string): SessionSigner {
  const key = importPKCS8(privateKeyPem, ALGORITHM);
  // A bad key must surface when signing, not as an unhandled rejection at start-up.
  key.catch(() => undefined);
  return {
    async sign(user, ttlSeconds = SESSION_TTL_SECONDS) {
      return new SignJWT({ email: user.email, name: user.name, role: user.role, sid: user.sessionId })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(await key);
    },
  };
}

/** How many verified tokens one verifier keeps: a session's token comes back with every request of its visitor. */
const KEPT_TOKENS = 10_000;

export function createSessionVerifier(publicKeyPem: string): SessionVerifier {
  const key = importSPKI(publicKeyPem, ALGORITHM);
  key.catch(() => undefined);
  // The Ed25519 check (WebCrypto, through the thread pool) was the largest single cost of a signed-in request, paid
  // again for the same token on every one. Only tokens that passed it are kept, by their exact text, each until its
  // own expiry; revocations and role changes are the session registry's, checked per request as before.
  const verified = new Map<string, { user: SessionUser; expiresAtMs: number }>();
  return {
    async verify(token) {
      if (!token) return null;
      const known = verified.get(token);
      if (known) {
        if (Date.now() < known.expiresAtMs) return { ...known.user };
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, await key, { issuer: ISSUER, algorithms: [ALGORITHM] });
        const { sub, email, name, role, sid, exp } = payload;
        if (
          typeof sub !== 'string' ||
          typeof email !== 'string' ||
          typeof name !== 'string' ||
          typeof sid !== 'string' ||
          typeof exp !== 'number' ||
          !roles.includes(role as Role)
        ) {
          return null;
        }
        const user: SessionUser = { id: sub, email, name, role: role as Role, sessionId: sid };
        // Past the cap the oldest goes (a Map keeps insertion order).
        if (verified.size >= KEPT_TOKENS) verified.delete(verified.keys().next().value as string);
        verified.set(token, { user, expiresAtMs: exp * 1000 });
        return { ...user };
      } catch {
        // An expired, forged or malformed token is simply "not signed in".
        return null;
      }
    },
  };
}

export async function generateAuthKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  return { publicKey: await exportSPKI(publicKey), privateKey: await exportPKCS8(privateKey) };
}
