import { Router, type Response } from 'express';
import { SESSION_COOKIE, sessionCookieOptions } from '@storefront/auth';
import { loginRequest, registerRequest } from '@storefront/contracts';
import { parseBody, requireUser } from '@storefront/service-kit';
import { getCurrentUser } from '../../domain/get-current-user.js';
import { registerUser, type RegisterUserDependencies } from '../../domain/register-user.js';
import { signIn } from '../../domain/sign-in.js';
import { signOut } from '../../domain/sign-out.js';

export interface UsersRoutesDependencies extends RegisterUserDependencies {
  cookieSecure: boolean;
}

export function usersRoutes(deps: UsersRoutesDependencies): Router {
  const router = Router();
  const cookieOptions = sessionCookieOptions(deps.cookieSecure);
  const { maxAge: _maxAge, ...clearOptions } = cookieOptions;

  const sendSession = (res: Response, token: string) => {
    res.cookie(SESSION_COOKIE, token, cookieOptions);
    // A session answer is personal: no shared cache may keep it.
    res.set('cache-control', 'no-store');
  };

  router.post('/register', async (req, res) => {
    const { user, token } = await registerUser(deps, parseBody(registerRequest, req));
    sendSession(res, token);
    res.status(201).location('/users/me').json(user);
  });

  router.post('/login', async (req, res) => {
    const { user, token } = await signIn(deps, parseBody(loginRequest, req));
    sendSession(res, token);
    res.json(user);
  });

  router.post('/logout', async (req, res) => {
    await signOut(deps, req.user);
    res.clearCookie(SESSION_COOKIE, clearOptions);
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    const user = await getCurrentUser(deps, requireUser(req));
    res.set('cache-control', 'no-store').json(user);
  });

  return router;
}
