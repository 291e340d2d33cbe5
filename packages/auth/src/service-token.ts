import { SignJWT, jwtVerify } from 'jose';

/**
 * Service-to-service credentials: short-lived JWTs (HS256 under SERVICE_TOKEN_SECRET, shared by the services only,
 * never by the browser-facing parts) whose audience names the service they are for. A session token can never
 * pass for one (other issuer, algorithm and audience), and one service's token is useless at another.
 */
export const SERVICE_TOKEN_TTL_SECONDS = 60;
const ALGORITHM = 'HS256';
const MIN_SECRET_LENGTH = 32;

export interface ServiceTokens {
  /** A token saying "`caller` calls `audience`", valid for a minute. */
  issue(caller: string, audience: string): Promise<string>;
  /** The calling service's name when the token is valid for `audience`, else null. */
  verify(token: string | undefined, audience: string): Promise<string | null>;
}

export function createServiceTokens(secret: string): ServiceTokens {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`a service token secret needs at least ${MIN_SECRET_LENGTH} characters`);
  }
  const key = new TextEncoder().encode(secret);
  return {
    issue(caller, audience) {
      return new SignJWT({})
        .setProtectedHeader({ alg: ALGORITHM })
        .setIssuer(caller)
        .setSubject(caller)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${SERVICE_TOKEN_TTL_SECONDS}s`)
        .sign(key);
    },
    async verify(token, audience) {
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, key, {
          audience,
          algorithms: [ALGORITHM],
          maxTokenAge: `${SERVICE_TOKEN_TTL_SECONDS}s`,
          requiredClaims: ['iss', 'sub', 'iat', 'exp'],
        });
        return payload.iss === payload.sub && typeof payload.iss === 'string' ? payload.iss : null;
      } catch {
        return null;
      }
    },
  };
}

/**
 * What a calling service sends: one token per audience, reused until it is half-way to expiry, so every call
 * does not pay for a signature.
 */
export function serviceTokenSource(tokens: ServiceTokens, caller: string, audience: string) {
  let current: { token: string; renewAt: number } | undefined;
  return async (): Promise<string> => {
    if (!current || Date.now() >= current.renewAt) {
      current = {
        token: await tokens.issue(caller, audience),
        renewAt: Date.now() + (SERVICE_TOKEN_TTL_SECONDS * 1000) / 2,
      };
    }
    return current.token;
  };
}
