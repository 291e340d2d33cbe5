import {
  lookupProductsResponse,
  problemSchema,
  type ProductSummary,
  type ReserveStockRequest,
} from '@storefront/contracts';
import { forwardHeaders, problems } from '@storefront/service-kit';

const LOOKUP_TIMEOUT_MS = 3000;
const RESERVE_TIMEOUT_MS = 5000;
const HEALTH_TIMEOUT_MS = 1500;

/**
 * The product service over HTTP: the one source of prices and names for an order. `serviceToken` gives the token
 * its internal routes (lookups, reservations) require.
 */
export function createProductCatalog(baseUrl: string, serviceToken: () => Promise<string>) {
  const base = baseUrl.replace(/\/+$/, '');

  // The request id and this service's own credential: the service is asking, not the visitor, so no cookies travel.
  async function call(path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    const authorization = `Bearer ${await serviceToken()}`;
    try {
      return await fetch(`${base}${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization,
          ...forwardHeaders(),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw problems.serviceUnavailable('The catalog cannot be reached right now. Please try again.');
    }
  }

  return {
    /** Published products among `ids`; unknown or draft ids are missing from the answer. */
    async lookup(ids: string[]): Promise<ProductSummary[]> {
      const response = await call(
        '/products/lookup',
        { method: 'POST', body: JSON.stringify({ ids }) },
        LOOKUP_TIMEOUT_MS,
      );
      if (!response.ok) {
        throw problems.badGateway(`The catalog answered ${response.status} when pricing the order.`);
      }
      return lookupProductsResponse.parse(await response.json()).items;
    },

    /** Holds stock for the order, all lines or none; a product with too little left is a 409 for the visitor. */
    async reserve(request: ReserveStockRequest): Promise<void> {
      const response = await call(
        '/products/reservations',
        { method: 'POST', body: JSON.stringify(request) },
        RESERVE_TIMEOUT_MS,
      );
      if (response.status === 409) {
        const problem = problemSchema.safeParse(await response.json().catch(() => null));
        throw problems.conflict(problem.success ? problem.data.detail : 'Some products are out of stock.');
      }
      if (!response.ok) {
        throw problems.badGateway(`The catalog answered ${response.status} when reserving stock.`);
      }
    },

    /** Gives an order's reserved stock back; safe to repeat. */
    async release(orderId: string): Promise<void> {
      const response = await call(
        `/products/reservations/${encodeURIComponent(orderId)}`,
        { method: 'DELETE' },
        RESERVE_TIMEOUT_MS,
      );
      if (!response.ok) throw new Error(`the catalog answered ${response.status} when releasing stock`);
    },

    async checkHealth(): Promise<void> {
      const response = await fetch(`${base}/healthz`, {
        headers: forwardHeaders(),
        signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`product service answered ${response.status}`);
    },
  };
}

export type ProductCatalog = ReturnType<typeof createProductCatalog>;
