import { describe, expect, it } from 'vitest';
import { placeOrder } from '../src/ui/place-order.js';

const address = {
  label: 'Home',
  line1: '12 Harbour Road',
  city: 'Bristol',
  postalCode: 'BS1 4QA',
  country: 'GB',
};

function answering(response: Response | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const send = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;
  return { send, calls };
}

const problem = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('placing an order from the cart', () => {
  it('when the order service accepts, the order id comes back and only the address was sent (the cart is on the server)', async () => {
    const { send, calls } = answering(new Response(JSON.stringify({ id: 'ord-1' }), { status: 201 }));

    const outcome = await placeOrder(
      { address, idempotencyKey: 'key-1', csrfHeaders: { 'x-csrf-token': 'tok' } },
      send,
    );

    expect(outcome).toEqual({ kind: 'placed', orderId: 'ord-1' });
    expect(calls[0]!.url).toBe('/api/orders');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toEqual({
      'content-type': 'application/json',
      'Idempotency-Key': 'key-1',
      'x-csrf-token': 'tok',
    });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ address });
  });

  it('when the visitor is signed out, the outcome asks them to sign in', async () => {
    const { send } = answering(
      problem(401, { title: 'Unauthorized', status: 401, detail: 'Sign in to continue.' }),
    );

    expect(await placeOrder({ address, idempotencyKey: 'k', csrfHeaders: {} }, send)).toEqual({
      kind: 'signed-out',
    });
  });

  it('when the order service refuses with a problem, its detail is what the visitor reads', async () => {
    const { send } = answering(problem(409, { title: 'Conflict', status: 409, detail: 'Only 1 Mug left.' }));

    expect(await placeOrder({ address, idempotencyKey: 'k', csrfHeaders: {} }, send)).toEqual({
      kind: 'failed',
      detail: 'Only 1 Mug left.',
    });
  });

  it('when a proxy answers with an HTML error page, a generic message with the status is shown', async () => {
    const { send } = answering(new Response('<html>bad gateway</html>', { status: 502 }));

    expect(await placeOrder({ address, idempotencyKey: 'k', csrfHeaders: {} }, send)).toEqual({
      kind: 'failed',
      detail: 'The order could not be placed (502). Please try again.',
    });
  });

  it('when the network fails, the outcome says the shop could not be reached', async () => {
    const { send } = answering(new TypeError('fetch failed'));

    const outcome = await placeOrder({ address, idempotencyKey: 'k', csrfHeaders: {} }, send);

    expect(outcome).toMatchObject({
      kind: 'failed',
      detail: expect.stringContaining('could not be reached'),
    });
  });
});
