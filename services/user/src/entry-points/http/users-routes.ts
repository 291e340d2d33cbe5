import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import { z } from 'zod';
import {
  PASSWORD_FORGOT_PAGE,
  PASSWORD_RESET_COOKIE,
  PASSWORD_RESET_PAGE,
  PASSWORD_RESET_TTL_MS,
  SESSION_COOKIE,
  sessionCookieOptions,
  withFormFailure,
} from '@storefront/auth';
import {
  changePasswordRequest,
  changeRoleRequest,
  forgotPasswordRequest,
  loginRequest,
  registerRequest,
  resetPasswordRequest,
  updateProfileRequest,
} from '@storefront/contracts';
import { parseBody, parseParams, parseQuery, serviceRouter } from '@storefront/service-kit';
import { activeUser, type ActiveUserDependencies } from '../../domain/active-user.js';
import { changePassword, type ChangePasswordDependencies } from '../../domain/change-password.js';
import { changeRole, type ChangeRoleDependencies } from '../../domain/change-role.js';
import { editAddresses } from '../../domain/edit-addresses.js';
import { getCurrentUser } from '../../domain/get-current-user.js';
import { listUsers } from '../../domain/list-users.js';
import { refreshSession } from '../../domain/refresh-session.js';
import { registerUser, type RegisterUserDependencies } from '../../domain/register-user.js';
import {
  requestPasswordReset,
  type RequestPasswordResetDependencies,
} from '../../domain/request-password-reset.js';
import {
  isResetLinkUsable,
  resetPassword,
  type ResetPasswordDependencies,
} from '../../domain/reset-password.js';
import { signIn, type SignInDependencies } from '../../domain/sign-in.js';
import { AccountLockedProblem } from '../../domain/sign-in-throttle.js';
import { signOut } from '../../domain/sign-out.js';
import { signOutEverywhere } from '../../domain/sign-out-everywhere.js';
import { updateProfile } from '../../domain/update-profile.js';
import { listUsersQuery } from '../../domain/user-list-cursor.js';
import { addressForm, addressIndexParams, preferencesForm, profileForm } from './form-requests.js';

export interface UsersRoutesDependencies
  extends
    RegisterUserDependencies,
    SignInDependencies,
    ChangePasswordDependencies,
    ActiveUserDependencies,
    ChangeRoleDependencies,
    RequestPasswordResetDependencies,
    ResetPasswordDependencies {
  cookieSecure: boolean;
}

/** The client's address as the trusted proxies (TRUST_PROXY) tell it: the lockout counts per account and client. */
const clientOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

const userIdParams = z.object({ id: z.uuid('is not a user id') }).strict();
const resetLinkParams = z.object({ token: z.string().max(200) }).strict();

/** What "Forgot password?" answers, whoever asked: it cannot tell whether the address has an account. */
export const FORGOT_PASSWORD_ANSWER = {
  message: 'If an account exists for this address, we have sent it a link to reset the password.',
};
const noQuery = z.object({}).strict();
const noBody = z.object({}).strict();

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
  // The reset token's cookie: the form that uses it is on this site, so Strict costs nothing.
  const resetCookieOptions = { ...clearOptions, sameSite: 'strict' as const, maxAge: PASSWORD_RESET_TTL_MS };

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

  router.post('/password/forgot', async (req, res) => {
    await requestPasswordReset(deps, parseBody(forgotPasswordRequest, req), clientOf(req));
    res.status(202).set('cache-control', 'no-store').json(FORGOT_PASSWORD_ANSWER);
  });

  // The emailed link: a look, not a use (mail scanners follow links too). A good token moves into its cookie and
  // the visitor on to the form; any other lands on "Forgot password?" saying the link is gone.
  router.get('/password/reset/:token', async (req, res) => {
    parseQuery(noQuery, req);
    const { token } = parseParams(resetLinkParams, req);
    res.set('cache-control', 'no-store').set('referrer-policy', 'no-referrer');
    if (await isResetLinkUsable(deps, token)) {
      res.cookie(PASSWORD_RESET_COOKIE, token, resetCookieOptions).redirect(303, PASSWORD_RESET_PAGE);
      return;
    }
    res.redirect(303, withFormFailure(PASSWORD_FORGOT_PAGE, { status: 410, form: 'reset-link', fields: [] }));
  });

  router.post('/password/reset', async (req, res) => {
    const body = parseBody(resetPasswordRequest, req);
    const { user, token } = await resetPassword(
      deps,
      req.cookies[PASSWORD_RESET_COOKIE],
      body,
      clientOf(req),
    );
    res.clearCookie(PASSWORD_RESET_COOKIE, { ...clearOptions, sameSite: 'strict' });
    sendSession(res, token);
    res.json(user);
  });

  router.post('/refresh', async (req, res) => {
    const { user, token } = await refreshSession(deps, req.user);
    sendSession(res, token);
    res.json(user);
  });

  // Internal (the gateway does not route it): a signature cannot tell the layout that a session ended elsewhere.
  router.get('/session', async (req, res) => {
    parseQuery(noQuery, req);
    await activeUser(deps, req.user);
    res.set('cache-control', 'no-store').status(204).end();
  });

  router.get('/me', async (req, res) => {
    const user = await getCurrentUser(deps, req.user);
    res.set('cache-control', 'no-store').json(user);
  });

  router.patch('/me', async (req, res) => {
    const user = await updateProfile(deps, req.user, parseBody(updateProfileRequest, req));
    res.set('cache-control', 'no-store').json(user);
  });

  // The profile page's forms, one route each, so that every one also works as a plain form post.
  const sendProfile = (res: Response, profile: unknown) => res.set('cache-control', 'no-store').json(profile);
  router.post('/me/profile', async (req, res) => {
    sendProfile(res, await updateProfile(deps, req.user, parseBody(profileForm, req)));
  });

  router.post('/me/preferences', async (req, res) => {
    const preferences = parseBody(preferencesForm, req);
    sendProfile(res, await updateProfile(deps, req.user, { preferences }));
  });

  router.post('/me/addresses', async (req, res) => {
    const address = parseBody(addressForm, req);
    sendProfile(res, await editAddresses(deps, req.user, { kind: 'add', address }));
  });

  router.post('/me/addresses/:index', async (req, res) => {
    const { index } = parseParams(addressIndexParams, req);
    const address = parseBody(addressForm, req);
    sendProfile(res, await editAddresses(deps, req.user, { kind: 'replace', index, address }));
  });

  router.post('/me/addresses/:index/remove', async (req, res) => {
    const { index } = parseParams(addressIndexParams, req);
    parseBody(noBody, req);
    sendProfile(res, await editAddresses(deps, req.user, { kind: 'remove', index }));
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
