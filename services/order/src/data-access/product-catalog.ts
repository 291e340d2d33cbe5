import { lookupProductsResponse, type ProductSummary } from '@storefront/contracts';
import { forwardHeaders, problems } from '@storefront/service-kit';

const LOOKUP_TIMEOUT_MS = 3000;
const HEALTH_TIMEOUT_MS = 1500;

/** The product service over HTTP: the one source of prices and names for an order. */
export function createProductCatalog(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, '');

  return {
    /** Published products among `ids`; unknown or draft ids are missing from the answer. */
    async lookup(ids: string[]): Promise<ProductSummary[]> {
      let response: Response;
      try {
        response = await fetch(`${base}/products/lookup`, {
          method: 'POST',
          // The request id only: this is the service asking, not the visitor, so no cookies travel.
          headers: { 'content-type': 'application/json', accept: 'application/json', ...forwardHeaders() },
          body: JSON.stringify({ ids }),
          signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
        });
      } catch {
        throw problems.serviceUnavailable('The catalog cannot be reached right now. Please try again.');
      }
      if (!response.ok) {
        throw problems.badGateway(`The catalog answered ${response.status} when pricing the order.`);
      }
      return lookupProductsResponse.parse(await response.json()).items;
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
