import { describe, expect, it } from 'vitest';
import {
  changePassword,
  fetchOrders,
  LOGIN_URL,
  REGISTER_URL,
  signOut,
  signOutEverywhere,
  submitCredentials,
  tooManyAttempts,
  updateProfile,
} from '../src/ui/account-api.js';
import { lastOrders } from '../src/orders.js';

function answering(response: Response | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const send = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;
  return { send, calls };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, body: object) => json(status, body, 'application/problem+json');

const userView = {
  id: 'u-1',
  email: 'ada@example.test',
  name: 'Ada',
  role: 'customer',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('signing up and signing in from the dashboard', () => {
  it('when the user service creates the account, the session user comes back and the CSRF header was sent', async () => {
    const { send, calls } = answering(json(201, userView));

    const outcome = await submitCredentials(
      REGISTER_URL,
      { name: 'Ada', email: 'ada@example.test', password: 'correct horse' },
      { 'x-csrf-token': 'tok' },
      send,
    );

    expect(outcome).toEqual({
      kind: 'signed-in',
      user: { id: 'u-1', email: 'ada@example.test', name: 'Ada', role: 'customer' },
    });
    expect(calls[0]!.url).toBe('/api/users/register');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(calls[0]!.init.headers).toMatchObject({
      'content-type': 'application/json',
      'x-csrf-token': 'tok',
    });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      name: 'Ada',
      email: 'ada@example.test',
      password: 'correct horse',
    });
  });

  it('when the credentials are wrong, the problem detail is what the visitor reads', async () => {
    const { send } = answering(
      problem(401, {
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Wrong email or password.',
      }),
    );

    expect(await submitCredentials(LOGIN_URL, { email: 'a@b.c', password: 'x' }, {}, send)).toEqual({
      kind: 'failed',
      message: 'Wrong email or password.',
      fieldErrors: [],
    });
  });

  it('when the input is invalid, each field error is listed with its field', async () => {
    const { send } = answering(
      problem(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request is invalid.',
        errors: [{ path: 'password', message: 'must be at least 8 characters' }],
      }),
    );

    expect(await submitCredentials(REGISTER_URL, {}, {}, send)).toMatchObject({
      kind: 'failed',
      message: 'The request is invalid.',
      fieldErrors: ['password must be at least 8 characters'],
    });
  });

  it('when a proxy answers with an HTML page, a generic message with the status is shown', async () => {
    const { send } = answering(new Response('<html>bad gateway</html>', { status: 502 }));

    expect(await submitCredentials(LOGIN_URL, {}, {}, send)).toMatchObject({
      kind: 'failed',
      message: 'Signing in failed (502). Please try again.',
    });
  });

  it('when the network fails, the visitor is told the shop could not be reached', async () => {
    const { send } = answering(new TypeError('fetch failed'));

    expect(await submitCredentials(LOGIN_URL, {}, {}, send)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('could not be reached'),
    });
  });
});

describe('signing out from the dashboard', () => {
  it.each([204, 401])('when the user service answers %i, the visitor is signed out', async (status) => {
    const { send, calls } = answering(new Response(null, { status }));

    expect(await signOut({ 'x-csrf-token': 'tok' }, send)).toEqual({ kind: 'signed-out' });
    expect(calls[0]!.url).toBe('/api/users/logout');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', headers: { 'x-csrf-token': 'tok' } });
  });

  it('when the CSRF check fails, its detail is shown and the visitor stays signed in', async () => {
    const { send } = answering(
      problem(403, {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'Missing or invalid CSRF token.',
      }),
    );

    expect(await signOut({}, send)).toMatchObject({
      kind: 'failed',
      message: 'Missing or invalid CSRF token.',
    });
  });
});

describe('the last orders after signing in without a reload', () => {
  const orders = [
    {
      id: 'a',
      status: 'placed',
      totalMinor: 100,
      currency: 'EUR',
      createdAt: '2026-01-01T00:00:00Z',
      lines: [],
    },
    {
      id: 'b',
      status: 'paid',
      totalMinor: 200,
      currency: 'EUR',
      createdAt: '2026-02-01T00:00:00Z',
      lines: [],
    },
  ];

  it('when the order service lists orders, the newest come first, without their lines', async () => {
    const { send, calls } = answering(json(200, { items: orders }));

    expect(await fetchOrders(send)).toEqual({
      kind: 'listed',
      items: [
        { id: 'b', status: 'paid', totalMinor: 200, currency: 'EUR', createdAt: '2026-02-01T00:00:00Z' },
        { id: 'a', status: 'placed', totalMinor: 100, currency: 'EUR', createdAt: '2026-01-01T00:00:00Z' },
      ],
    });
    expect(calls[0]!.url).toBe('/api/orders');
    expect(calls[0]!.init.credentials).toBe('same-origin');
  });

  it.each([
    ['fails', new Response('{}', { status: 500 })],
    ['answers outside its contract', json(200, { items: [{ id: 1 }] })],
    ['cannot be reached', new TypeError('fetch failed')],
  ])('when the order service %s, the orders are unavailable', async (_case, answer) => {
    expect(await fetchOrders(answering(answer).send)).toEqual({ kind: 'unavailable' });
  });

  it('when a visitor has many orders, only the newest ten are listed', () => {
    const many = Array.from({ length: 12 }, (_, index) => ({
      ...orders[0]!,
      id: `o-${index}`,
      createdAt: new Date(Date.UTC(2026, 0, index + 1)).toISOString(),
    })) as Parameters<typeof lastOrders>[0];

    expect(lastOrders(many).map((listed) => listed.id)).toEqual(
      Array.from({ length: 10 }, (_, index) => `o-${11 - index}`),
    );
  });
});

describe('the lockout answer (429)', () => {
  const locked = (retryAfter?: string) =>
    new Response(
      JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Wait.' }),
      {
        status: 429,
        headers: {
          'content-type': 'application/problem+json',
          ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
        },
      },
    );

  it.each([
    ['900', 'Try again in 15 minutes.'],
    ['61', 'Try again in 2 minutes.'],
    ['20', 'Try again in 1 minute.'],
  ])('when Retry-After says %s seconds, the visitor reads "%s"', async (seconds, expected) => {
    const outcome = await submitCredentials(LOGIN_URL, {}, {}, answering(locked(seconds)).send);

    expect(outcome).toMatchObject({ kind: 'failed', message: `Too many failed attempts. ${expected}` });
  });

  it('when Retry-After is a date, the minutes are counted to it', () => {
    const inFiveMinutes = new Date(Date.now() + 5 * 60_000).toUTCString();

    expect(tooManyAttempts(inFiveMinutes)).toMatch(/Try again in [56] minutes\./);
  });

  it('when Retry-After is missing, the visitor is still told to wait', async () => {
    const outcome = await submitCredentials(LOGIN_URL, {}, {}, answering(locked()).send);

    expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringContaining('wait a while') });
  });
});

describe('editing the account from the dashboard', () => {
  it('when the profile is saved, it is a PATCH with JSON and the CSRF header, and the stored profile comes back', async () => {
    const stored = { ...userView, phone: null, addresses: [], preferences: {} };
    const { send, calls } = answering(json(200, stored));

    const outcome = await updateProfile({ name: 'Ada' }, { 'x-csrf-token': 'tok' }, send);

    expect(outcome).toMatchObject({ kind: 'saved', profile: { name: 'Ada', phone: null } });
    expect(calls[0]!.url).toBe('/api/users/me');
    expect(calls[0]!.init).toMatchObject({
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'tok' },
    });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ name: 'Ada' });
  });

  it('when the service names fields, each error is kept by its path for the field it belongs to', async () => {
    const { send } = answering(
      problem(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid body: addresses.1.city is required',
        errors: [{ path: 'addresses.1.city', message: 'is required' }],
      }),
    );

    expect(await updateProfile({ addresses: [] }, {}, send)).toMatchObject({
      kind: 'failed',
      fields: { 'addresses.1.city': 'is required' },
    });
  });

  it('when the password changes, it is posted with the CSRF header; a wrong one names its field', async () => {
    const ok = answering(new Response(null, { status: 204 }));
    const wrong = answering(
      problem(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The current password is not correct.',
        errors: [{ path: 'currentPassword', message: 'is not correct' }],
      }),
    );
    const fields = { currentPassword: 'old', newPassword: 'new password' };

    expect(await changePassword(fields, { 'x-csrf-token': 'tok' }, ok.send)).toEqual({ kind: 'done' });
    expect(ok.calls[0]).toMatchObject({
      url: '/api/users/me/password',
      init: { method: 'POST', headers: { 'x-csrf-token': 'tok' } },
    });
    expect(await changePassword(fields, {}, wrong.send)).toMatchObject({
      kind: 'failed',
      message: 'The current password is not correct.',
      fields: { currentPassword: 'is not correct' },
    });
  });

  it.each([204, 401])(
    'when signing out everywhere is answered %i, the visitor is signed out',
    async (status) => {
      const { send, calls } = answering(new Response(null, { status }));

      expect(await signOutEverywhere({ 'x-csrf-token': 'tok' }, send)).toEqual({ kind: 'done' });
      expect(calls[0]).toMatchObject({ url: '/api/users/me/sessions/revoke-all', init: { method: 'POST' } });
    },
  );
});
