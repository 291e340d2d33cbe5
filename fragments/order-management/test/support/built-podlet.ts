import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { spawnPodlet, type SpawnedPodlet } from '@storefront/podlet-kit/testing';
import type { CartItem } from '@storefront/store';
import type { RenderPage } from '../../src/render-contract.js';

export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
export const clientDir = `${distDir}client`;

const serverEntry = () => {
  const entry = `${distDir}server/server.js`;
  if (!existsSync(entry)) throw new Error('Build first: npm run build -w @storefront/order-management');
  return entry;
};

/** The tests exercise the production build, as `node dist/server/server.js` runs it. */
export async function loadBuiltRenderer(): Promise<RenderPage> {
  const entry = `${distDir}ssr/entry-server.js`;
  if (!existsSync(entry)) throw new Error('Build first: npm run build -w @storefront/order-management');
  return ((await import(entry)) as { render: RenderPage }).render;
}

/** The built podlet as its own process, pointed at the given services (an unused port when not given). */
export function spawnBuiltPodlet(services: { orderServiceUrl?: string; userServiceUrl?: string } = {}) {
  return spawnPodlet(serverEntry(), {
    ORDER_SERVICE_URL: services.orderServiceUrl ?? 'http://127.0.0.1:9',
    USER_SERVICE_URL: services.userServiceUrl ?? 'http://127.0.0.1:9',
  });
}

export type { SpawnedPodlet };

/** A small local HTTP stand-in for a service: records each request, answers with the handler's response. */
export async function standIn(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: { url: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
};

export const cartLine = (overrides: Partial<CartItem> = {}): CartItem => ({
  productId: '5b1f0c52-8a4e-4a57-9d61-1f7f1d3c2a01',
  slug: 'blue-mug',
  name: 'Blue mug',
  priceMinor: 1250,
  currency: 'EUR',
  quantity: 1,
  ...overrides,
});

export const XSS_NAME = '</script><script>alert(1)</script>';

/** The text of a page with tags removed and whitespace collapsed, to read it as a visitor would. */
export const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function cartSlice(html: string): { items: CartItem[] } {
  const match = /<script type="application\/json" data-store-slice="cart">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no cart slice in the HTML');
  return JSON.parse(match[1]!) as { items: CartItem[] };
}

export function hydrationState(html: string): unknown {
  const match = /<script type="application\/json" data-order-management-state>(.*?)<\/script>/s.exec(html);
  return match ? (JSON.parse(match[1]!) as unknown) : undefined;
}

/** All the elements of the page carrying a data-testid, in order. */
export const testIds = (html: string, id: string) =>
  [...html.matchAll(new RegExp(`<[^>]*data-testid="${id}"[^>]*>`, 'g'))].map((match) => match[0]);
