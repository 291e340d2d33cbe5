import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';

/** The gateway of the stack global-setup started. */
export const baseURL = (): string => process.env.STOREFRONT_URL!;

/** A part's own address (e.g. `user` → the user service straight, not through nginx). */
export function partUrl(name: string): string {
  const urls = JSON.parse(process.env.STACK_PART_URLS ?? '{}') as Record<string, string>;
  const url = urls[name];
  if (!url) throw new Error(`no part named ${name} (is STACK_PART_URLS set by global-setup?)`);
  return url;
}

export const podlets = ['product-catalog', 'order-management', 'user-dashboard'] as const;
export const services = ['user', 'product', 'order', 'notification'] as const;

async function control(action: 'stop' | 'start', name: string, query = ''): Promise<void> {
  const res = await fetch(`${process.env.STACK_CONTROL_URL}/${action}/${name}${query}`, { method: 'POST' });
  expect(res.status, `${action} ${name}: ${await res.text()}`).toBe(204);
}
/** SIGTERM one part of the stack; resolves once its process has exited. */
export const stopPart = (name: string) => control('stop', name, '?wait=1');
/** SIGTERM one part of the stack and go on at once (it may still be finishing in-flight requests). */
export const signalPart = (name: string) => control('stop', name);
/** Start a stopped part again; resolves once it is ready (a running part is left alone). */
export const startPart = (name: string) => control('start', name);

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
  /** Send the CSRF pair (default: yes for state-changing methods). */
  csrf?: boolean;
  /** Another origin than the gateway, e.g. partUrl('user'). */
  origin?: string;
}

/**
 * One visitor: a cookie jar, the double-submit CSRF pair (a token of its own, as the layout would set), and fetch
 * without following redirects.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  readonly csrfToken = randomBytes(32).toString('base64url');

  constructor(readonly origin = baseURL()) {
    this.cookies.set('sf_csrf', this.csrfToken);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...options.headers };
    const changes = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (options.csrf ?? changes) headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(`${options.origin ?? this.origin}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text,
      json<T>() {
        return JSON.parse(text) as T;
      },
    };
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, options?: RequestOptions) => this.request('POST', path, options);
  patch = (path: string, options?: RequestOptions) => this.request('PATCH', path, options);
}

export interface Account {
  visitor: Visitor;
  id: string;
  email: string;
  password: string;
}

/**
 * A new customer, registered with the user service directly: nginx limits sign-ups and sign-ins per client address
 * (one suite's worth of accounts would hit it), and that limit has its own test. The session then works through
 * the gateway like any other.
 */
export async function newCustomer(name = 'Test Customer'): Promise<Account> {
  const visitor = new Visitor();
  const email = `c-${randomUUID()}@example.test`;
  const password = 'correct horse battery';
  const res = await visitor.post('/users/register', {
    origin: partUrl('user'),
    json: { email, password, name },
  });
  expect(res.status, res.body).toBe(201);
  return { visitor, id: res.json<{ id: string }>().id, email, password };
}

/** Signs in an existing account straight at the user service (see newCustomer). */
export async function signIn(email: string, password: string): Promise<Visitor> {
  const visitor = new Visitor();
  const res = await visitor.post('/users/login', { origin: partUrl('user'), json: { email, password } });
  expect(res.status, res.body).toBe(200);
  return visitor;
}

/** The editor global-setup seeds. */
export const editorAccount = { email: 'editor@e2e.test', password: 'editor-e2e-password' };

export interface Product {
  id: string;
  slug: string;
  name: string;
  priceMinor: number;
  stock: number;
}

export async function products(count = 5): Promise<Product[]> {
  const res = await fetch(`${baseURL()}/api/products?page=1&pageSize=${count}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Product[] }).items;
}

/** Where the orders of these suites go. */
export const deliveryAddress = {
  label: 'Home',
  line1: '12 Harbour Road',
  city: 'Bristol',
  postalCode: 'BS1 4QA',
  country: 'GB',
};

/** Places an order through the gateway; answers the order's id. */
export async function placeOrder(visitor: Visitor, productId: string, quantity = 1): Promise<string> {
  const res = await visitor.post('/api/orders', {
    json: { address: deliveryAddress, lines: [{ productId, quantity }] },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(res.status, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** What no answer may ever show: a stack trace or an internal error text. */
export const stackTrace =
  /\n\s+at [\w.<>$]+ \(|at Object\.<anonymous>|node:internal|\/node_modules\/|Traceback|SQLSTATE|ER_PARSE_ERROR|syntax error at or near/i;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
