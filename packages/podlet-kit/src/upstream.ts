import type { z } from 'zod';
import { HttpProblem } from '@storefront/service-kit';

export interface FetchJsonOptions {
  headers?: Record<string, string>;
  /** A fragment has a time budget in the page; an upstream slower than this makes it fall back. */
  timeoutMs?: number;
}

/**
 * GETs JSON from a service and validates it against the contract. Every failure (down, slow, error status,
 * wrong shape) becomes a 502/504 HttpProblem, which the podlet answers with its fallback.
 */
export async function fetchJson<T>(
  url: string,
  schema: z.ZodType<T>,
  options: FetchJsonOptions = {},
): Promise<T> {
  const { headers = {}, timeoutMs = 3000 } = options;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new HttpProblem(
      timedOut ? 504 : 502,
      undefined,
      timedOut
        ? `${new URL(url).host} did not answer in ${timeoutMs} ms.`
        : `${new URL(url).host} is unreachable.`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new HttpProblem(502, undefined, `${new URL(url).host} answered ${response.status}.`, {
      upstreamStatus: response.status,
    });
  }
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new HttpProblem(502, undefined, `${new URL(url).host} answered outside its contract.`);
  }
  return parsed.data;
}
