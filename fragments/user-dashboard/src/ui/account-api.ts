import type { OrderStatus } from '@storefront/contracts';
import type { SessionUserView } from '@storefront/store';
import { lastOrders } from '../orders.js';
import type { OrdersState } from '../render-contract.js';

export type Send = typeof fetch;

export const REGISTER_URL = '/api/users/register';
export const LOGIN_URL = '/api/users/login';
export const LOGOUT_URL = '/api/users/logout';
export const ORDERS_URL = '/api/orders';

/** What the visitor reads when a call fails: the problem's detail, and the fields it names. */
export interface FailureMessage {
  message: string;
  fieldErrors: string[];
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
  let message = `${action} failed (${response.status}). Please try again.`;
  if (isRecord(problem)) {
    if (typeof problem.detail === 'string' && problem.detail) message = problem.detail;
    else if (typeof problem.title === 'string' && problem.title) message = problem.title;
    if (Array.isArray(problem.errors)) {
      for (const error of problem.errors) {
        if (isRecord(error) && typeof error.message === 'string') {
          const path = typeof error.path === 'string' && error.path ? `${error.path} ` : '';
          fieldErrors.push(`${path}${error.message}`);
        }
      }
    }
  }
  return { message, fieldErrors };
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
