import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductService, type ProductService } from '@storefront/product-service/testing';
import { csrf } from '@storefront/testkit';
import { checkCreate, checkStock, checkUpdate } from '../src/ui/form-validation.js';

const valid = {
  slug: 'pc-form-lamp',
  name: 'Form Lamp',
  description: 'Lights forms.',
  priceMinor: '1250',
  currency: 'EUR',
  category: 'kitchen',
  stock: '3',
  status: 'draft',
};

/** The form's fields as the browser check turns them into the API body. */
function body(fields: Record<string, string>) {
  const checked = checkCreate(fields);
  return checked.ok ? checked.body : undefined;
}

describe('the editor forms check what the product service checks', () => {
  let service: ProductService;
  let editor: string;

  beforeAll(async () => {
    service = await startProductService();
    editor = await service.auth.sessionCookie({ role: 'editor' });
  });
  afterAll(async () => {
    await service?.close();
  });

  async function serverVerdict(payload: unknown) {
    const response = await fetch(`${service.url}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...csrf.headers, cookie: `${csrf.cookie}; ${editor}` },
      body: JSON.stringify(payload),
    });
    const answer = (await response.json()) as { errors?: { path: string }[] };
    return { status: response.status, paths: (answer.errors ?? []).map((e) => e.path).sort() };
  }

  it.each([
    ['a slug with capitals', { slug: 'Form Lamp' }],
    ['a reserved slug', { slug: 'manage' }],
    ['an empty name', { name: '   ' }],
    ['a price with cents as a decimal', { priceMinor: '12.50' }],
    ['a negative price', { priceMinor: '-1' }],
    ['no price', { priceMinor: '' }],
    ['a negative stock', { stock: '-2' }],
    ['an unknown currency', { currency: 'JPY' }],
    ['a name over 200 characters', { name: 'x'.repeat(201) }],
  ])('a form with %s is refused by both, on the same fields', async (_case, overrides) => {
    const fields = { ...valid, ...overrides };
    const local = checkCreate(fields);
    expect(local.ok).toBe(false);
    const localPaths = local.ok ? [] : local.errors.map((e) => e.path).sort();

    // What the browser would send if it did not check first: the same conversion, unchecked.
    const raw = {
      ...fields,
      priceMinor: /^-?\d+$/.test(fields.priceMinor) ? Number(fields.priceMinor) : fields.priceMinor,
      stock: /^-?\d+$/.test(fields.stock) ? Number(fields.stock) : fields.stock,
    };
    const server = await serverVerdict(raw);

    expect(server.status).toBe(400);
    expect(localPaths).toEqual(server.paths);
  });

  it('a valid form passes, and the service creates the product from the same body', async () => {
    const sent = body(valid);
    expect(sent).toEqual({ ...valid, priceMinor: 1250, stock: 3 });

    expect((await serverVerdict(sent)).status).toBe(201);
  });

  it('the edit and stock forms check their own fields', () => {
    expect(checkUpdate({ ...valid, priceMinor: 'abc' }).ok).toBe(false);
    expect(checkUpdate({ name: 'Renamed', priceMinor: '10' }).ok).toBe(true);
    expect(checkStock({ stock: '-1' }).ok).toBe(false);
    expect(checkStock({ stock: '12' })).toEqual({ ok: true, body: { stock: 12 } });
  });
});
