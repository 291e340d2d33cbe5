import type { Request, RequestHandler } from 'express';
import { SESSION_COOKIE, type Role, type SessionUser, type SessionVerifier } from '@storefront/auth';
import { problems } from './problems.js';

export function readSession(verifier: SessionVerifier): RequestHandler {
  return async (req, _res, next) => {
    const user = await verifier.verify(req.cookies[SESSION_COOKIE]);
    if (user) req.user = user;
    next();
  };
}

export function requireUser(req: Request): SessionUser {
  if (!req.user) throw problems.unauthorized();
  return req.user;
}

export function requireRole(req: Request, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw problems.forbidden();
  return user;
}
