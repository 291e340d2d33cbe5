import { describe, expect, it } from 'vitest';
import { cartRequests, oneAtATime, sendCartChange } from '../src/cart-api.js';

const line = {
  productId: '5b1f0c52-8a4e-4a57-9d61-1f7f1d3c2a01',
  slug: 'blue-mug',
  name: 'Blue mug',
  priceMinor: 1250,
  currency: 'EUR',
  quantity: 2,
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

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('changing the cart on the order service', () => {
  it('when a product is added, the cart API gets its id and quantity with the CSRF header, and the answer is the cart', async () => {
    const { send, calls } = answering(json(200, { items: [line] }));

    const change = await sendCartChange(cartRequests.add(line.productId, 2), { 'x-csrf-token': 'tok' }, send);

    expect(change).toEqual({ ok: true, items: [line] });
    expect(calls[0]!.url).toBe('/api/orders/cart/items');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toMatchObject({
      'x-csrf-token': 'tok',
      'content-type': 'application/json',
    });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ productId: line.productId, quantity: 2 });
  });

  it('when the visitor leaves the page right after a change, the change is still sent (a keepalive request)', async () => {
    const { send, calls } = answering(json(200, { items: [line] }));

    await sendCartChange(cartRequests.add(line.productId, 1), {}, send);

    expect(calls[0]!.init.keepalive).toBe(true);
  });

  it('when a quantity is set or a line removed, the line has its own path and method', () => {
    expect(cartRequests.setQuantity('p/1', 3)).toEqual({
      method: 'PUT',
      path: '/api/orders/cart/items/p%2F1',
      body: { quantity: 3 },
    });
    expect(cartRequests.remove('p-1')).toEqual({ method: 'DELETE', path: '/api/orders/cart/items/p-1' });
  });

  it("when the order service refuses, the problem's detail comes back and no cart", async () => {
    const { send } = answering(
      json(
        422,
        { title: 'Unprocessable', status: 422, detail: 'This product is not for sale.' },
        'application/problem+json',
      ),
    );

    expect(await sendCartChange(cartRequests.add(line.productId, 1), {}, send)).toEqual({
      ok: false,
      status: 422,
      detail: 'This product is not for sale.',
    });
  });

  it('when the network fails or the answer is not a cart, the change fails with a sentence and never throws', async () => {
    const down = await sendCartChange(
      cartRequests.remove('p-1'),
      {},
      answering(new TypeError('offline')).send,
    );
    const html = await sendCartChange(
      cartRequests.remove('p-1'),
      {},
      answering(new Response('<h1>Bad gateway</h1>', { status: 502 })).send,
    );

    expect(down).toMatchObject({ ok: false, status: 0, detail: expect.stringMatching(/cannot be reached/) });
    expect(html).toMatchObject({
      ok: false,
      status: 502,
      detail: expect.stringMatching(/could not be changed/),
    });
  });

  it('when a line in the answer is malformed, it is dropped rather than shown', async () => {
    const { send } = answering(json(200, { items: [line, { productId: 1, quantity: 'lots' }] }));

    expect(await sendCartChange(cartRequests.add(line.productId, 1), {}, send)).toEqual({
      ok: true,
      items: [line],
    });
  });
});

describe('cart changes sent close together', () => {
  it('when two changes are sent at once, the second leaves only once the first is answered, and both are answered', async () => {
    const inTurn = oneAtATime();
    const order: string[] = [];
    let answerFirst!: () => void;
    const first = inTurn(async () => {
      order.push('first sent');
      await new Promise<void>((resolve) => (answerFirst = resolve));
      order.push('first answered');
      return 'first';
    });
    const second = inTurn(async () => {
      order.push('second sent');
      return 'second';
    });

    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['first sent']);
    answerFirst();

    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(order).toEqual(['first sent', 'first answered', 'second sent']);
  });

  it('when a change fails, the next one is still sent', async () => {
    const inTurn = oneAtATime();

    const failed = inTurn(() => Promise.reject(new Error('offline')));
    const next = inTurn(() => Promise.resolve('sent'));

    await expect(failed).rejects.toThrow('offline');
    expect(await next).toBe('sent');
  });
});
