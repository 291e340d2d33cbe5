import { z } from 'zod';
import {
  changePasswordRequest,
  changeRoleRequest,
  loginRequest,
  profileView,
  registerRequest,
  updateProfileRequest,
  userList,
  userView,
} from '@storefront/contracts';
import {
  createServiceOpenApi,
  jsonBody,
  jsonResponse,
  problemResponses,
  security,
  setCookieHeader,
  type OpenApiDocument,
  rateLimited,
} from '@storefront/service-kit';
import { listUsersQuery } from '../../domain/user-list-cursor.js';

// Named components: each copy is registered once (zod's global registry), when this module loads.
const views = {
  user: userView.meta({ id: 'UserView' }),
  profile: profileView.meta({ id: 'ProfileView' }),
  userList: userList.meta({ id: 'UserList' }),
};
const bodies = {
  register: registerRequest.meta({ id: 'RegisterRequest' }),
  login: loginRequest.meta({ id: 'LoginRequest' }),
  updateProfile: updateProfileRequest.meta({ id: 'UpdateProfileRequest' }),
  changePassword: changePasswordRequest.meta({ id: 'ChangePasswordRequest' }),
  changeRole: changeRoleRequest.meta({ id: 'ChangeRoleRequest' }),
};
const userIdParams = z.object({ id: z.uuid() });
const setsSession = setCookieHeader('The new `sf_session` cookie (HttpOnly).');
const clearsSession = setCookieHeader('Clears the `sf_session` cookie.');
const noContent = (description: string, headers?: z.ZodObject) => ({
  description,
  ...(headers ? { headers } : {}),
});
const lockedOut = {
  description: 'Too many failed password checks for this email: locked; `Retry-After` says for how long',
  headers: z.object({ 'Retry-After': z.string().meta({ description: 'Seconds until the lock ends' }) }),
};

/** The user service's API: accounts, sessions and profiles under /users. */
export function userOpenApi(): OpenApiDocument {
  return createServiceOpenApi({
    title: 'Storefront user service',
    description:
      'Accounts and sessions. State-changing calls need the CSRF pair (`sf_csrf` cookie = `x-csrf-token` header). ' +
      'Errors are RFC 7807 problem+json.',
    paths: {
      '/users/register': {
        post: {
          ...rateLimited,
          tags: ['sessions'],
          summary: 'Create an account and sign in',
          security: security.csrf,
          requestBody: jsonBody(bodies.register),
          responses: {
            201: jsonResponse('Registered and signed in', views.user, {
              headers: setsSession.extend({ Location: z.string().meta({ example: '/users/me' }) }),
            }),
            ...problemResponses({
              400: true,
              403: true,
              409: 'An account with this email (in any case) exists',
            }),
          },
        },
      },
      '/users/login': {
        post: {
          ...rateLimited,
          tags: ['sessions'],
          summary: 'Sign in',
          security: security.csrf,
          requestBody: jsonBody(bodies.login),
          responses: {
            200: jsonResponse('Signed in', views.user, { headers: setsSession }),
            ...problemResponses({
              400: true,
              401: 'The email or password is not correct (the same answer for both)',
              403: true,
              429: lockedOut,
            }),
          },
        },
      },
      '/users/logout': {
        post: {
          tags: ['sessions'],
          summary: 'Sign out: revokes this session and clears the cookie',
          security: security.csrf,
          responses: {
            204: noContent('Signed out', clearsSession),
            ...problemResponses({ 403: true }),
          },
        },
      },
      '/users/refresh': {
        post: {
          tags: ['sessions'],
          summary:
            'Rotate the session: a new session with name and role as stored now; the old one is revoked',
          security: security.sessionWithCsrf,
          responses: {
            200: jsonResponse('A new session', views.user, { headers: setsSession }),
            ...problemResponses({ 401: true, 403: true }),
          },
        },
      },
      '/users/me': {
        get: {
          tags: ['profile'],
          summary: 'The signed-in user with phone, addresses and notification preferences',
          security: security.session,
          responses: {
            200: jsonResponse('The profile (`Cache-Control: no-store`)', views.profile),
            ...problemResponses({ 401: true }),
          },
        },
        patch: {
          tags: ['profile'],
          summary: 'Change name, phone, addresses or notification preferences',
          security: security.sessionWithCsrf,
          requestBody: jsonBody(bodies.updateProfile),
          responses: {
            200: jsonResponse('The changed profile', views.profile),
            ...problemResponses({
              400: 'Invalid or unknown fields (`email` and `role` included)',
              401: true,
              403: true,
              409: 'The account is being changed by someone else',
            }),
          },
        },
      },
      '/users/me/password': {
        post: {
          tags: ['profile'],
          summary: "Change one's password; every other session of the account is revoked",
          security: security.sessionWithCsrf,
          requestBody: jsonBody(bodies.changePassword),
          responses: {
            204: noContent('Changed'),
            ...problemResponses({
              400: 'Invalid body, or `currentPassword` is wrong (counts towards the lockout)',
              401: true,
              403: true,
              429: lockedOut,
            }),
          },
        },
      },
      '/users/me/sessions/revoke-all': {
        post: {
          tags: ['sessions'],
          summary: 'Sign out everywhere: revokes every session of the account, this one too',
          security: security.sessionWithCsrf,
          responses: {
            204: noContent('Signed out everywhere', clearsSession),
            ...problemResponses({ 401: true, 403: true }),
          },
        },
      },
      '/users': {
        get: {
          tags: ['admin'],
          summary: 'Every account in sign-up order, a page at a time (admins)',
          security: security.session,
          requestParams: { query: listUsersQuery },
          responses: {
            200: jsonResponse('A page; `nextCursor` is null on the last one', views.userList),
            ...problemResponses({ 400: true, 401: true, 403: 'Not an admin' }),
          },
        },
      },
      '/users/{id}/role': {
        patch: {
          tags: ['admin'],
          summary: "Change an account's role (admins); revokes that account's sessions",
          security: security.sessionWithCsrf,
          requestParams: { path: userIdParams },
          requestBody: jsonBody(bodies.changeRole),
          responses: {
            200: jsonResponse('The changed user', views.user),
            ...problemResponses({
              400: true,
              401: true,
              403: 'Not an admin, or the CSRF pair is missing',
              404: 'There is no such user',
              409: 'Admins cannot change their own role, or the account is being changed by someone else',
            }),
          },
        },
      },
    },
  });
}
