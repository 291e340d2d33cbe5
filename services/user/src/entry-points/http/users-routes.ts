import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import { z } from 'zod';
import { SESSION_COOKIE, sessionCookieOptions } from '@storefront/auth';
import {
  changePasswordRequest,
  changeRoleRequest,
  loginRequest,
  registerRequest,
  updateProfileRequest,
} from '@storefront/contracts';
import { parseBody, parseParams, parseQuery, serviceRouter } from '@storefront/service-kit';
import type { ActiveUserDependencies } from '../../domain/active-user.js';
import { changePassword, type ChangePasswordDependencies } from '../../domain/change-password.js';
import { changeRole, type ChangeRoleDependencies } from '../../domain/change-role.js';
import { getCurrentUser } from '../../domain/get-current-user.js';
import { listUsers } from '../../domain/list-users.js';
import { refreshSession } from '../../domain/refresh-session.js';
import { registerUser, type RegisterUserDependencies } from '../../domain/register-user.js';
import { signIn, type SignInDependencies } from '../../domain/sign-in.js';
import { AccountLockedProblem } from '../../domain/sign-in-throttle.js';
import { signOut } from '../../domain/sign-out.js';
import { signOutEverywhere } from '../../domain/sign-out-everywhere.js';
import { updateProfile } from '../../domain/update-profile.js';
import { listUsersQuery } from '../../domain/user-list-cursor.js';

export interface UsersRoutesDependencies
  extends
    RegisterUserDependencies,
    SignInDependencies,
    ChangePasswordDependencies,
    ActiveUserDependencies,
    ChangeRoleDependencies {
  cookieSecure: boolean;
}

/** The client's address as the trusted proxies (TRUST_PROXY) tell it: the lockout counts per account and client. */
const clientOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

const userIdParams = z.object({ id: z.uuid('is not a user id') }).strict();
const noQuery = z.object({}).strict();

export function usersRoutes(deps: UsersRoutesDependencies): Router {
  const router = serviceRouter();
  const cookieOptions = sessionCookieOptions(deps.cookieSecure);
  const { maxAge: _maxAge, ...clearOptions } = cookieOptions;

  const sendSession = (res: Response, token: string) => {
    res.cookie(SESSION_COOKIE, token, cookieOptions);
    // A session answer is personal: no shared cache may keep it.
    res.set('cache-control', 'no-store');
  };
  const clearSession = (res: Response) => {
    res.clearCookie(SESSION_COOKIE, clearOptions);
  };

  router.post('/register', async (req, res) => {
    const { user, token } = await registerUser(deps, parseBody(registerRequest, req));
    sendSession(res, token);
    res.status(201).location('/users/me').json(user);
  });

  router.post('/login', async (req, res) => {
    const { user, token } = await signIn(deps, parseBody(loginRequest, req), clientOf(req));
    sendSession(res, token);
    res.json(user);
  });

  router.post('/logout', async (req, res) => {
    await signOut(deps, req.user);
    clearSession(res);
    res.status(204).end();
  });

  router.post('/refresh', async (req, res) => {
    const { user, token } = await refreshSession(deps, req.user);
    sendSession(res, token);
    res.json(user);
  });

  router.get('/me', async (req, res) => {
    const user = await getCurrentUser(deps, req.user);
    res.set('cache-control', 'no-store').json(user);
  });

  router.patch('/me', async (req, res) => {
    const user = await updateProfile(deps, req.user, parseBody(updateProfileRequest, req));
    res.set('cache-control', 'no-store').json(user);
  });

  router.post('/me/password', async (req, res) => {
    await changePassword(deps, req.user, parseBody(changePasswordRequest, req), clientOf(req));
    res.status(204).end();
  });

  router.post('/me/sessions/revoke-all', async (req, res) => {
    await signOutEverywhere(deps, req.user);
    clearSession(res);
    res.status(204).end();
  });

  router.get('/', async (req, res) => {
    const page = await listUsers(deps, req.user, parseQuery(listUsersQuery, req));
    res.set('cache-control', 'no-store').json(page);
  });

  router.patch('/:id/role', async (req, res) => {
    parseQuery(noQuery, req);
    const { id } = parseParams(userIdParams, req);
    const user = await changeRole(deps, req.user, id, parseBody(changeRoleRequest, req));
    res.set('cache-control', 'no-store').json(user);
  });

  // The lockout answer tells the client when to try again; the shared problem handler writes the body.
  const retryAfter: ErrorRequestHandler = (error, _req, res, next) => {
    if (error instanceof AccountLockedProblem) res.set('retry-after', String(error.retryAfterSeconds));
    next(error);
  };
  router.use(retryAfter);

  return router;
}
