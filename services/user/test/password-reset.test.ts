import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '@storefront/contracts';
import { csrf } from '@storefront/testkit';
import { FORGOT_ANSWER_MIN_MS } from '../src/domain/request-password-reset.js';
import { startOtherService } from './support/other-service.js';
import {
  call,
  listenForEvents,
  newVisitor,
  sessionFrom,
  signUp,
  startUserService,
  type UserService,
} from './support/user-service.js';

type ResetEvent = EventOf<'user.password-reset-requested'>;

let service: UserService;
let other: Awaited<ReturnType<typeof startOtherService>>;
let events: Awaited<ReturnType<typeof listenForEvents>>;

beforeAll(async () => {
  service = await startUserService();
  other = await startOtherService(service);
  events = await listenForEvents(service, 'user.password-reset-requested');
});
afterAll(async () => {
  await events?.close();
  await other?.close();
  await service?.close();
});

let clients = 0;
/** Each story asks from its own address, so the per-visitor limit counts only its own requests. */
const newClient = () => `203.0.113.${(clients += 1)}`;

const forgot = (email: string, client = newClient()) =>
  call(service, 'POST', '/users/password/forgot', { body: { email }, client });

async function resetEventFor(email: string): Promise<ResetEvent> {
  let found: ResetEvent | undefined;
  await expect
    .poll(
      () =>
        (found = events.received.find(
          (event): event is ResetEvent =>
            event.type === 'user.password-reset-requested' && event.data.email === email,
        )),
      { timeout: 10_000 },
    )
    .toBeDefined();
  return found!;
}

const followLink = (token: string) =>
  fetch(`${service.url}/users/password/reset/${token}`, { redirect: 'manual' });

const reset = (token: string | undefined, password: string, client = newClient()) =>
  call(service, 'POST', '/users/password/reset', {
    body: { password },
    client,
    ...(token ? { session: `sf_reset=${token}` } : {}),
  });

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const resetsOf = (userId: string) =>
  service.db.connection.collection('password_resets').find({ userId }).toArray();

describe('asking for a reset link', () => {
  it('when a customer asks, the answer is 202 and an event carries a link token whose hash alone is stored', async () => {
    const { id, visitor } = await signUp(service);

    const res = await forgot(visitor.email.toUpperCase());

    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { data } = await resetEventFor(visitor.email);
    expect(data).toMatchObject({ userId: id, email: visitor.email, name: visitor.name });
    expect(data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(data.expiresAt) - Date.now()).toBeGreaterThan(29 * 60 * 1000);
    expect(Date.parse(data.expiresAt) - Date.now()).toBeLessThanOrEqual(30 * 60 * 1000);
    const stored = await resetsOf(id);
    expect(stored.map((row) => row._id)).toEqual([sha256(data.token)]);
    expect(JSON.stringify(stored)).not.toContain(data.token);
  });

  it('when the event has been relayed, the outbox keeps no copy of the token', async () => {
    const { visitor } = await signUp(service);
    await forgot(visitor.email);
    const { id, data } = await resetEventFor(visitor.email);

    const outbox = service.db.connection.collection('outbox');
    await expect.poll(async () => (await outbox.findOne({ _id: id as never }))?.sentAt).toBeTruthy();

    expect(JSON.stringify(await outbox.findOne({ _id: id as never }))).not.toContain(data.token);
  });

  it('when the address has no account, the answer has the same status, body and timing, and nothing is sent', async () => {
    const { visitor } = await signUp(service);
    const stranger = newVisitor();

    const timed = async (email: string) => {
      const started = performance.now();
      const res = await forgot(email);
      return { status: res.status, body: await res.text(), ms: performance.now() - started };
    };
    const known = await timed(visitor.email);
    const unknown = await timed(stranger.email);

    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toBe(known.body);
    expect(known.ms).toBeGreaterThanOrEqual(FORGOT_ANSWER_MIN_MS - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(FORGOT_ANSWER_MIN_MS - 5);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
    await resetEventFor(visitor.email);
    expect(events.received.some((event) => JSON.stringify(event).includes(stranger.email))).toBe(false);
  });

  it('when one address asks a fourth time within 15 minutes, the answer is the same but no link is sent', async () => {
    const { id, visitor } = await signUp(service);

    const answers = [];
    for (let ask = 0; ask < 4; ask++) answers.push((await forgot(visitor.email)).status);

    expect(answers).toEqual([202, 202, 202, 202]);
    expect(await resetsOf(id)).toHaveLength(3);
  });

  it('when one visitor asks an eleventh time within 15 minutes, whatever the addresses, it answers 429', async () => {
    const client = newClient();

    const answers = [];
    for (let ask = 0; ask < 11; ask++) answers.push((await forgot(newVisitor().email, client)).status);

    expect(answers.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(answers[10]).toBe(429);
  });

  it('when the body is not an email address, it answers 400 problem+json naming the field', async () => {
    const res = await call(service, 'POST', '/users/password/forgot', { body: { email: 'nobody' } });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ path: 'email' }] });
  });
});

describe('following the emailed link', () => {
  it('when the token is good, the visitor goes on to the reset page with the token in a strict, HttpOnly cookie', async () => {
    const { visitor } = await signUp(service);
    await forgot(visitor.email);
    const { data } = await resetEventFor(visitor.email);

    const res = await followLink(data.token);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/password/reset');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith('sf_reset='));
    expect(cookie).toContain(`sf_reset=${data.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=1800/);
  });

  it.each([
    ['an unknown token', 'x'.repeat(43)],
    ['a malformed one', 'not-a-token'],
  ])(
    'when the token is %s, the visitor lands on "Forgot password?" told the link is gone',
    async (_case, token) => {
      const res = await followLink(token);

      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/password/forgot?form_error=410&form=reset-link');
      expect(res.headers.getSetCookie()).toEqual([]);
    },
  );
});

describe('setting the new password', () => {
  it('when the token is used, the password changes, every earlier session ends everywhere and this visitor is signed in', async () => {
    const { visitor, session } = await signUp(service);
    const laptop = sessionFrom(await call(service, 'POST', '/users/login', { body: visitor }));
    await forgot(visitor.email);
    const { data } = await resetEventFor(visitor.email);

    const res = await reset(data.token, 'a brand new passphrase');

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: visitor.email });
    const fresh = sessionFrom(res);
    expect(res.headers.getSetCookie().some((line) => /^sf_reset=;/.test(line))).toBe(true);
    for (const old of [session, laptop]) {
      expect((await call(service, 'GET', '/users/me', { session: old })).status).toBe(401);
      expect(await other.whoAmI(old)).toBe(401);
    }
    expect((await call(service, 'GET', '/users/me', { session: fresh })).status).toBe(200);
    const withOld = await call(service, 'POST', '/users/login', { body: visitor });
    expect(withOld.status).toBe(401);
    const withNew = await call(service, 'POST', '/users/login', {
      body: { email: visitor.email, password: 'a brand new passphrase' },
    });
    expect(withNew.status).toBe(200);
  });

  it('when the token is used a second time, or twice at once, only one use works and the rest answer 410', async () => {
    const { visitor } = await signUp(service);
    await forgot(visitor.email);
    const { data } = await resetEventFor(visitor.email);

    const [first, second] = await Promise.all([
      reset(data.token, 'first new passphrase'),
      reset(data.token, 'second new passphrase'),
    ]);
    const later = await reset(data.token, 'third new passphrase');

    expect([first.status, second.status].sort()).toEqual([200, 410]);
    expect(later.status).toBe(410);
    expect(await later.json()).toMatchObject({
      status: 410,
      detail: expect.stringMatching(/expired or was already used/),
    });
  });

  it('when 30 minutes have passed, the token answers 410 and its link lands on "Forgot password?"', async () => {
    const { id, visitor } = await signUp(service);
    await forgot(visitor.email);
    const { data } = await resetEventFor(visitor.email);
    await service.db.connection
      .collection('password_resets')
      .updateMany({ userId: id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });

    expect((await followLink(data.token)).headers.get('location')).toMatch(
      /^\/password\/forgot\?form_error=410/,
    );
    expect((await reset(data.token, 'too late passphrase')).status).toBe(410);
  });

  it('when the new password breaks the sign-up rules, it answers 400 and the link still works', async () => {
    const { visitor } = await signUp(service);
    await forgot(visitor.email);
    const { data } = await resetEventFor(visitor.email);

    const short = await reset(data.token, 'short');

    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ errors: [{ path: 'password' }] });
    expect((await reset(data.token, 'long enough passphrase')).status).toBe(200);
  });

  it('when one link is used, the other links of the account stop working too', async () => {
    const { visitor } = await signUp(service);
    await forgot(visitor.email);
    const first = await resetEventFor(visitor.email);
    await forgot(visitor.email);
    await expect
      .poll(() => events.received.filter((event) => JSON.stringify(event).includes(visitor.email)).length)
      .toBe(2);
    const second = events.received.filter(
      (event): event is ResetEvent =>
        event.type === 'user.password-reset-requested' && event.data.email === visitor.email,
    )[1]!;

    expect((await reset(second.data.token, 'a newer passphrase')).status).toBe(200);

    expect((await reset(first.data.token, 'an older passphrase')).status).toBe(410);
  });

  it('when there is no reset cookie, it answers 410 problem+json', async () => {
    const res = await reset(undefined, 'whatever passphrase');

    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('without JavaScript', () => {
  const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const formPost = (path: string, fields: Record<string, string>, from: string, cookie = '') =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ _csrf: csrf.headers['x-csrf-token'], ...fields }),
      headers: {
        accept: browser,
        referer: `http://shop.test${from}`,
        cookie: [csrf.cookie, cookie].filter(Boolean).join('; '),
      },
    });

  it('when the forgot form is posted, the visitor is sent to the page it names', async () => {
    const res = await formPost(
      '/users/password/forgot',
      { email: newVisitor().email, _redirect: '/password/forgot?sent=1' },
      '/password/forgot',
    );

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/password/forgot?sent=1');
  });

  it('when the reset form is posted with a used link, the visitor is sent back to the form told so', async () => {
    const res = await formPost(
      '/users/password/reset',
      { password: 'a fine passphrase', _form: 'reset-password', _redirect: '/account' },
      '/password/reset',
      `sf_reset=${'y'.repeat(43)}`,
    );

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/password/reset?form_error=410&form=reset-password');
  });
});
