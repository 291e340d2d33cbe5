import { z } from 'zod';
import {
  changePasswordRequest,
  changeRoleRequest,
  forgotPasswordRequest,
  loginRequest,
  profileView,
  registerRequest,
  resetPasswordRequest,
  updateProfileRequest,
  userList,
  userView,
} from '@storefront/contracts';
import {
  createServiceOpenApi,
  INTERNAL_TAG,
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
  forgotPassword: forgotPasswordRequest.meta({ id: 'ForgotPasswordRequest' }),
  resetPassword: resetPasswordRequest.meta({ id: 'ResetPasswordRequest' }),
};
const forgotAnswer = z.object({ message: z.string() }).meta({
  id: 'ForgotPasswordAnswer',
  description: 'The same for every address, with or without an account',
});
/** The profile page's form bodies, as documented (the routes read them with form-requests.ts). */
const forms = {
  profile: z
    .object({
      name: z.string().max(100),
      phone: z
        .string()
        .meta({ description: 'E.164, e.g. +4915112345678; empty removes the number' })
        .optional(),
    })
    .meta({ id: 'ProfileForm' }),
  address: z
    .object({
      label: z.string().max(40),
      line1: z.string().max(120),
      line2: z.string().max(120).meta({ description: 'Empty: none' }).optional(),
      city: z.string().max(80),
      postalCode: z.string().max(16),
      country: z.string().meta({ description: 'Two letters, any case (DE, de)' }),
    })
    .meta({ id: 'AddressForm' }),
  preferences: z.record(z.string(), z.literal('on')).meta({
    id: 'PreferencesForm',
    description: 'One checkbox per `<event>.<channel>` (e.g. `order.shipped.sms=on`); an absent one is off',
  }),
};
const addressIndex = z.object({ index: z.string().meta({ description: 'The address, from 0' }) });
/** A body a plain HTML form can send (and the same fields as JSON). */
const formBody = (schema: z.ZodType) => ({
  required: true,
  content: {
    'application/x-www-form-urlencoded': { schema },
    'application/json': { schema },
  },
});
const profileChanged = {
  200: jsonResponse('The changed profile (`Cache-Control: no-store`)', views.profile),
  ...problemResponses({
    400: true,
    401: true,
    403: true,
    409: 'The account is being changed by someone else (or, adding, it keeps 10 addresses already)',
  }),
};

const resetLinkParams = z.object({ token: z.string().meta({ description: 'The token from the email' }) });
const seeOther = (description: string, headers?: z.ZodObject) => ({
  description,
  headers: z
    .object({ Location: z.string().meta({ description: 'The page to go on to' }) })
    .extend(headers?.shape ?? {}),
});
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
      '/users/password/forgot': {
        post: {
          ...rateLimited,
          tags: ['sessions'],
          summary:
            'Ask for a password reset link by email (single use, 30 minutes). The answer, and its timing, are ' +
            'the same whether or not the address has an account; a few links per address per 15 minutes at most',
          security: security.csrf,
          requestBody: jsonBody(bodies.forgotPassword),
          responses: {
            202: jsonResponse('Accepted (`Cache-Control: no-store`)', forgotAnswer),
            ...problemResponses({ 400: true, 403: true, 429: 'Too many requests from this visitor' }),
          },
        },
      },
      '/users/password/reset/{token}': {
        get: {
          tags: ['sessions'],
          summary:
            'The emailed link: a usable token is set as the `sf_reset` cookie (HttpOnly, SameSite=Strict) and the ' +
            'visitor sent on to `/password/reset`; any other token to `/password/forgot?form_error=410`. Using ' +
            'the link is the POST below, so following it (a mail scanner) changes nothing',
          requestParams: { path: resetLinkParams },
          responses: {
            303: seeOther(
              'On to the reset page, or to "Forgot password?" when the link is gone',
              setCookieHeader('`sf_reset`, the token, for at most 30 minutes'),
            ),
            ...problemResponses({ 400: true }),
          },
        },
      },
      '/users/password/reset': {
        post: {
          ...rateLimited,
          tags: ['sessions'],
          summary:
            'Set a new password with the token of the `sf_reset` cookie (used up by this call). Every session of ' +
            'the account ends, and this visitor is signed in with a new one',
          security: security.csrf,
          requestBody: jsonBody(bodies.resetPassword),
          responses: {
            200: jsonResponse('Changed and signed in', views.user, { headers: setsSession }),
            ...problemResponses({
              400: 'The password breaks the rules of sign-up',
              403: true,
              410: 'The link expired, was used, or never existed (one answer for all three)',
            }),
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
      '/users/me/profile': {
        post: {
          tags: ['profile'],
          summary: 'Change name and phone (the profile form; works as a plain form post)',
          security: security.sessionWithCsrf,
          requestBody: formBody(forms.profile),
          responses: profileChanged,
        },
      },
      '/users/me/preferences': {
        post: {
          tags: ['profile'],
          summary: 'Replace the notification preferences (the preferences form)',
          security: security.sessionWithCsrf,
          requestBody: formBody(forms.preferences),
          responses: profileChanged,
        },
      },
      '/users/me/addresses': {
        post: {
          tags: ['profile'],
          summary: 'Add an address (at most 10)',
          security: security.sessionWithCsrf,
          requestBody: formBody(forms.address),
          responses: profileChanged,
        },
      },
      '/users/me/addresses/{index}': {
        post: {
          tags: ['profile'],
          summary: 'Replace one address',
          security: security.sessionWithCsrf,
          requestParams: { path: addressIndex },
          requestBody: formBody(forms.address),
          responses: { ...profileChanged, ...problemResponses({ 404: 'There is no such address' }) },
        },
      },
      '/users/me/addresses/{index}/remove': {
        post: {
          tags: ['profile'],
          summary: 'Remove one address',
          security: security.sessionWithCsrf,
          requestParams: { path: addressIndex },
          responses: { ...profileChanged, ...problemResponses({ 404: 'There is no such address' }) },
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
      '/users/session': {
        get: {
          tags: [INTERNAL_TAG],
          summary:
            "Whether the request's session is still live (the layout asks before it shows a visitor as signed in)",
          security: security.session,
          responses: {
            204: noContent('The session is live (`Cache-Control: no-store`)'),
            ...problemResponses({
              401: 'Signed out, revoked everywhere, ended by a password reset, or no session',
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
