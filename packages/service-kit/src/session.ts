import type { Request, RequestHandler } from 'express';
import { SESSION_COOKIE, type Role, type SessionUser, type SessionVerifier } from '@storefront/auth';
import { problems } from './problems.js';
import { sessionChecker, type SessionRegistry } from './session-registry.js';

/**
 * Reads the session cookie: a valid signature, then the registry (when given) for a revocation or a new role. If
 * the registry cannot be asked, the request goes on without a user and `requireUser` answers 503, not 401: the
 * visitor is not signed out, the service just cannot vouch for the session now.
 */
export function readSession(verifier: SessionVerifier, registry?: SessionRegistry): RequestHandler {
  const check = registry ? sessionChecker(registry) : null;
  return async (req, _res, next) => {
    const user = await verifier.verify(req.cookies[SESSION_COOKIE]);
    if (!user) {
      next();
      return;
    }
    if (!check) {
      req.user = user;
      next();
      return;
    }
    try {
      const current = await check(user);
      if (current) req.user = current;
    } catch {
      req.sessionUnchecked = true;
    }
    next();
  };
}

export function requireUser(req: Request): SessionUser {
  if (!req.user) {
    if (req.sessionUnchecked) throw problems.serviceUnavailable('Sessions cannot be checked right now.');
    throw problems.unauthorized();
  }
  return req.user;
}

export function requireRole(req: Request, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw problems.forbidden();
  return user;
}
