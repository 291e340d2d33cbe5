import type { z } from 'zod';
import { problemSchema } from '@storefront/contracts';
import { HttpProblem } from '@storefront/service-kit';
import type { ProblemView } from './render-contract.js';

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; status: number; problem: ProblemView };

const TIMEOUT_MS = 3000;

/**
 * GETs JSON from the product service. A 4xx is an answer the page can show (its problem+json, e.g. a filter the
 * service refused, a missing product, a visitor who may not manage products); anything else that goes wrong (down,
 * slow, 5xx, off-contract) throws a 502/504 HttpProblem, which makes the podlet answer its fallback.
 */
export async function apiGet<T>(
  url: URL,
  schema: z.ZodType<T>,
  headers: Record<string, string>,
): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new HttpProblem(
      timedOut ? 504 : 502,
      undefined,
      timedOut ? `${url.host} did not answer in ${TIMEOUT_MS} ms.` : `${url.host} is unreachable.`,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status >= 400 && response.status < 500) {
    const parsed = problemSchema.safeParse(body);
    const problem: ProblemView = parsed.success
      ? {
          title: parsed.data.title,
          status: parsed.data.status,
          ...(parsed.data.detail ? { detail: parsed.data.detail } : {}),
          ...(parsed.data.errors ? { errors: parsed.data.errors } : {}),
        }
      : { title: 'The request was refused', status: response.status };
    return { ok: false, status: response.status, problem };
  }
  if (!response.ok) {
    throw new HttpProblem(502, undefined, `${url.host} answered ${response.status}.`, {
      upstreamStatus: response.status,
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(502, undefined, `${url.host} answered outside its contract.`);
  return { ok: true, data: parsed.data };
}
