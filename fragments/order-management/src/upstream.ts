import { getJson } from '@storefront/podlet-kit';
import { toCartLines, type Address, type CartLine, type OrderStatus } from '@storefront/contracts';
import type { Loaded, OrderLine, OrderSummary } from './render-contract.js';

const STATUSES: readonly OrderStatus[] = ['placed', 'paid', 'shipped', 'delivered', 'cancelled'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const isText = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function toLine(value: unknown): OrderLine | null {
  if (!isObject(value)) return null;
  const { productId, name, unitPriceMinor, quantity } = value;
  if (!isText(productId) || !isText(name) || !isCount(unitPriceMinor) || !isCount(quantity)) return null;
  return { productId, name, unitPriceMinor, quantity };
}

/** Only the fields this fragment shows (no owner id), and nothing that is not shaped like the contract. */
export function toOrderSummary(value: unknown): OrderSummary | null {
  if (!isObject(value)) return null;
  const { id, status, totalMinor, currency, createdAt, lines, address } = value;
  if (!isText(id) || !STATUSES.includes(status as OrderStatus) || !isCount(totalMinor)) return null;
  if (!isText(currency) || !/^[A-Z]{3}$/.test(currency) || !isText(createdAt) || !Array.isArray(lines))
    return null;
  const parsedLines = lines.map(toLine);
  if (parsedLines.some((line) => line === null)) return null;
  const delivery = address === null || address === undefined ? null : toAddress(address);
  if (address && !delivery) return null;
  return {
    address: delivery,
    id,
    status: status as OrderStatus,
    totalMinor,
    currency,
    createdAt,
    lines: parsedLines as OrderLine[],
  };
}

function toAddress(value: unknown): Address | null {
  if (!isObject(value)) return null;
  const { label, line1, line2, city, postalCode, country } = value;
  if (![label, line1, city, postalCode, country].every(isText)) return null;
  if (line2 !== undefined && !isText(line2)) return null;
  return {
    label: label as string,
    line1: line1 as string,
    ...(line2 ? { line2 } : {}),
    city: city as string,
    postalCode: postalCode as string,
    country: country as string,
  };
}

export function toProfileAddresses(value: unknown): { addresses: Address[] } | null {
  if (!isObject(value) || !Array.isArray(value.addresses)) return null;
  const addresses = value.addresses.map(toAddress);
  if (addresses.some((address) => address === null)) return null;
  return { addresses: addresses as Address[] };
}

/**
 * The visitor's cart as the order service holds it, asked with their session and cart cookies (and nothing else of
 * theirs). Null when it cannot say (down, slow, an answer outside the contract): the caller falls back to the
 * `sf_cart` mirror. The order service merges a visitor's cart into a signed-in customer's on this very call.
 */
export async function getServerCart(
  url: string,
  cookies: Record<string, string | undefined>,
  call: Pick<VisitorCall, 'headers' | 'timeoutMs' | 'onFailure'>,
): Promise<CartLine[] | null> {
  const cookie = Object.entries(cookies)
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  try {
    const { status, body } = await getJson(url, {
      headers: { ...call.headers, cookie },
      timeoutMs: call.timeoutMs,
    });
    if (status < 200 || status >= 300) {
      call.onFailure(new Error(`answered ${status}`), url);
      return null;
    }
    const items = (body as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) {
      call.onFailure(new Error('answered outside its contract'), url);
      return null;
    }
    return toCartLines(items);
  } catch (error) {
    call.onFailure(error, url);
    return null;
  }
}

export interface VisitorCall {
  /** The visitor's `sf_session` token; without it nothing is asked and the visitor is signed out. */
  session: string | undefined;
  headers: Record<string, string>;
  timeoutMs: number;
  onFailure(error: unknown, url: string): void;
}

/**
 * GETs a service on the visitor's behalf (their session cookie and nothing else of theirs travels) and sorts the
 * answer into what the page shows: the data, "sign in", "no such thing", or "unavailable" (down, slow, 5xx, or an
 * answer outside the contract). Never throws: the fragment always renders.
 */
export async function getForVisitor<T>(
  url: string,
  call: VisitorCall,
  parse: (body: unknown) => T | null,
): Promise<Loaded<T>> {
  if (!call.session) return { kind: 'signed-out' };
  try {
    const { status, body } = await getJson(url, {
      headers: { ...call.headers, cookie: `sf_session=${call.session}` },
      timeoutMs: call.timeoutMs,
    });
    if (status === 401) return { kind: 'signed-out' };
    if (status === 404) return { kind: 'not-found' };
    if (status < 200 || status >= 300) {
      call.onFailure(new Error(`answered ${status}`), url);
      return { kind: 'unavailable' };
    }
    const data = parse(body);
    if (data === null) {
      call.onFailure(new Error('answered outside its contract'), url);
      return { kind: 'unavailable' };
    }
    return { kind: 'ok', data };
  } catch (error) {
    call.onFailure(error, url);
    return { kind: 'unavailable' };
  }
}
