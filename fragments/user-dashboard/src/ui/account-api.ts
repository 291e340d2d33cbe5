import type { Address, NotificationPreferences, OrderStatus } from '@storefront/contracts';
import type { SessionUserView } from '@storefront/store';
import { lastOrders } from '../orders.js';
import type { OrdersState } from '../render-contract.js';

export type Send = typeof fetch;

export const REGISTER_URL = '/api/users/register';
export const LOGIN_URL = '/api/users/login';
export const LOGOUT_URL = '/api/users/logout';
export const ORDERS_URL = '/api/orders';
export const PROFILE_URL = '/api/users/me';
export const PASSWORD_URL = '/api/users/me/password';
export const REVOKE_ALL_URL = '/api/users/me/sessions/revoke-all';
export const REFRESH_URL = '/api/users/refresh';
/** The profile page's form routes (plain form posts; with JavaScript the forms PATCH `PROFILE_URL`). */
export const PROFILE_FORM_URL = '/api/users/me/profile';
export const PREFERENCES_FORM_URL = '/api/users/me/preferences';
export const ADDRESSES_URL = '/api/users/me/addresses';
export const addressUrl = (index: number) => `${ADDRESSES_URL}/${index}`;
export const removeAddressUrl = (index: number) => `${addressUrl(index)}/remove`;
export const FORGOT_PASSWORD_URL = '/api/users/password/forgot';
export const RESET_PASSWORD_URL = '/api/users/password/reset';

/** What the visitor reads when a call fails: the problem's detail, and the fields it names. */
export interface FailureMessage {
  message: string;
  fieldErrors: string[];
  /** The field errors by their path (`name`, `addresses.2.city`), when the problem names any. */
  fields?: Record<string, string>;
}

export type AccountOutcome =
  { kind: 'signed-in'; user: SessionUserView } | ({ kind: 'failed' } & FailureMessage);
export type SignOutOutcome = { kind: 'signed-out' } | ({ kind: 'failed' } & FailureMessage);

const UNREACHABLE = 'The shop could not be reached. Check your connection and try again.';
const roles = ['customer', 'editor', 'admin'] as const;
const statuses: readonly OrderStatus[] = ['placed', 'paid', 'shipped', 'delivered', 'cancelled'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7807 problem → what the visitor reads; anything else (a proxy's HTML page) → a generic message. */
export async function failureFrom(response: Response, action: string): Promise<FailureMessage> {
  let problem: unknown;
  try {
    problem = await response.json();
  } catch {
    problem = undefined;
  }
  const fieldErrors: string[] = [];
  const fields: Record<string, string> = {};
  let message = `${action} failed (${response.status}). Please try again.`;
  if (isRecord(problem)) {
    if (typeof problem.detail === 'string' && problem.detail) message = problem.detail;
    else if (typeof problem.title === 'string' && problem.title) message = problem.title;
    if (Array.isArray(problem.errors)) {
      for (const error of problem.errors) {
        if (isRecord(error) && typeof error.message === 'string') {
          const path = typeof error.path === 'string' && error.path ? error.path : '';
          fieldErrors.push(path ? `${path} ${error.message}` : error.message);
          if (path && !(path in fields)) fields[path] = error.message;
        }
      }
    }
  }
  if (response.status === 429) message = tooManyAttempts(response.headers.get('retry-after'));
  return Object.keys(fields).length > 0 ? { message, fieldErrors, fields } : { message, fieldErrors };
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The lockout answer (429): when to try again, in whole minutes, from its `Retry-After`. */
export function tooManyAttempts(retryAfter: string | null): string {
  const seconds = retryAfterSeconds(retryAfter);
  if (seconds === undefined) return 'Too many failed attempts. Please wait a while and try again.';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** The user service answers a user view; the store keeps its session fields only. */
export function toSessionUser(body: unknown): SessionUserView | null {
  if (!isRecord(body)) return null;
  const { id, email, name, role } = body;
  if (typeof id !== 'string' || typeof email !== 'string' || typeof name !== 'string') return null;
  if (!roles.includes(role as (typeof roles)[number])) return null;
  return { id, email, name, role: role as SessionUserView['role'] };
}

async function post(url: string, body: unknown, csrfHeaders: Record<string, string>, send: Send) {
  return send(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders },
    body: JSON.stringify(body),
  });
}

/** Registers (`/api/users/register`) or signs in (`/api/users/login`); the user service sets the session cookie. */
export async function submitCredentials(
  url: typeof REGISTER_URL | typeof LOGIN_URL,
  fields: Record<string, string>,
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<AccountOutcome> {
  const action = url === REGISTER_URL ? 'Creating your account' : 'Signing in';
  let response: Response;
  try {
    response = await post(url, fields, csrfHeaders, send);
  } catch {
    return { kind: 'failed', message: UNREACHABLE, fieldErrors: [] };
  }
  if (!response.ok) return { kind: 'failed', ...(await failureFrom(response, action)) };
  const user = toSessionUser(await response.json().catch(() => undefined));
  if (!user) return { kind: 'failed', message: `${action} failed. Please try again.`, fieldErrors: [] };
  return { kind: 'signed-in', user };
}

/** Ends the session; a session that had already ended (401) is as good as signed out. */
export async function signOut(
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<SignOutOutcome> {
  let response: Response;
  try {
    response = await send(LOGOUT_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...csrfHeaders },
    });
  } catch {
    return { kind: 'failed', message: UNREACHABLE, fieldErrors: [] };
  }
  if (response.ok || response.status === 401) {
    await response.body?.cancel();
    return { kind: 'signed-out' };
  }
  return { kind: 'failed', ...(await failureFrom(response, 'Signing out')) };
}

const isOrder = (value: unknown) =>
  isRecord(value) &&
  typeof value.id === 'string' &&
  statuses.includes(value.status as OrderStatus) &&
  typeof value.totalMinor === 'number' &&
  typeof value.currency === 'string' &&
  typeof value.createdAt === 'string';

/** The signed-in visitor's orders, asked from the browser after signing in without a reload. */
export async function fetchOrders(send: Send = fetch): Promise<OrdersState> {
  try {
    const response = await send(ORDERS_URL, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'unavailable' };
    }
    const body: unknown = await response.json();
    if (!isRecord(body) || !Array.isArray(body.items) || !body.items.every(isOrder))
      return { kind: 'unavailable' };
    return { kind: 'listed', items: lastOrders(body.items as Parameters<typeof lastOrders>[0]) };
  } catch {
    return { kind: 'unavailable' };
  }
}

export type ProfileOutcome = { kind: 'saved'; profile: ProfileView } | ({ kind: 'failed' } & FailureMessage);
export type DoneOutcome = { kind: 'done' } | ({ kind: 'failed' } & FailureMessage);

/** What `PATCH /users/me` takes: any of name, phone, addresses (max 10), preferences. */
export interface ProfileChange {
  name?: string;
  phone?: string | null;
  addresses?: Address[];
  preferences?: NotificationPreferences;
}

/** What the dashboard keeps of a profile answer. */
export interface ProfileView {
  name: string;
  email: string;
  phone: string | null;
  addresses: Address[];
  preferences: NotificationPreferences;
}

function toProfile(body: unknown): ProfileView | null {
  if (!isRecord(body)) return null;
  const { name, email, phone, addresses, preferences } = body;
  if (typeof name !== 'string' || typeof email !== 'string') return null;
  if (phone !== null && typeof phone !== 'string') return null;
  if (!Array.isArray(addresses) || !isRecord(preferences)) return null;
  return {
    name,
    email,
    phone,
    addresses: addresses as Address[],
    preferences: preferences as NotificationPreferences,
  };
}

async function call(
  method: string,
  url: string,
  body: unknown,
  csrfHeaders: Record<string, string>,
  send: Send,
): Promise<Response | null> {
  try {
    return await send(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...csrfHeaders,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return null;
  }
}

const unreachable = () => ({ kind: 'failed' as const, message: UNREACHABLE, fieldErrors: [] });

/** Saves part of the profile (`PATCH /api/users/me`); the answer is the whole profile as stored. */
export async function updateProfile(
  change: ProfileChange,
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<ProfileOutcome> {
  const response = await call('PATCH', PROFILE_URL, change, csrfHeaders, send);
  if (!response) return unreachable();
  if (!response.ok) return { kind: 'failed', ...(await failureFrom(response, 'Saving')) };
  const profile = toProfile(await response.json().catch(() => undefined));
  if (!profile) return { kind: 'failed', message: 'Saving failed. Please try again.', fieldErrors: [] };
  return { kind: 'saved', profile };
}

/** A new session cookie with the account's current name (`POST /api/users/refresh`), for the header and store. */
export async function refreshSession(
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<AccountOutcome> {
  const response = await call('POST', REFRESH_URL, undefined, csrfHeaders, send);
  if (!response) return unreachable();
  if (!response.ok) return { kind: 'failed', ...(await failureFrom(response, 'Refreshing your session')) };
  const user = toSessionUser(await response.json().catch(() => undefined));
  if (!user) return { kind: 'failed', message: 'Refreshing your session failed.', fieldErrors: [] };
  return { kind: 'signed-in', user };
}

/** Proves the current password and sets a new one; the service signs out every other session. */
export async function changePassword(
  fields: { currentPassword: string; newPassword: string },
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<DoneOutcome> {
  const response = await call('POST', PASSWORD_URL, fields, csrfHeaders, send);
  if (!response) return unreachable();
  if (!response.ok) return { kind: 'failed', ...(await failureFrom(response, 'Changing your password')) };
  await response.body?.cancel();
  return { kind: 'done' };
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<DoneOutcome> {
  const response = await call('POST', REVOKE_ALL_URL, undefined, csrfHeaders, send);
  if (!response) return unreachable();
  if (response.ok || response.status === 401) {
    await response.body?.cancel();
    return { kind: 'done' };
  }
  return { kind: 'failed', ...(await failureFrom(response, 'Signing out everywhere')) };
}

/** Asks for a reset link: the answer is the same for every address, so success only means "asked". */
export async function requestResetLink(
  email: string,
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<DoneOutcome> {
  const response = await call('POST', FORGOT_PASSWORD_URL, { email }, csrfHeaders, send);
  if (!response) return unreachable();
  if (!response.ok) return { kind: 'failed', ...(await failureFrom(response, 'Asking for a link')) };
  await response.body?.cancel();
  return { kind: 'done' };
}

/** Sets the new password with the link's token (its cookie); the answer signs the visitor in. */
export async function submitNewPassword(
  password: string,
  csrfHeaders: Record<string, string>,
  send: Send = fetch,
): Promise<AccountOutcome> {
  const response = await call('POST', RESET_PASSWORD_URL, { password }, csrfHeaders, send);
  if (!response) return unreachable();
  if (!response.ok) return { kind: 'failed', ...(await failureFrom(response, 'Setting the password')) };
  const user = toSessionUser(await response.json().catch(() => undefined));
  if (!user)
    return { kind: 'failed', message: 'Setting the password failed. Please try again.', fieldErrors: [] };
  return { kind: 'signed-in', user };
}
