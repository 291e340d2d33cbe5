import type { z } from 'zod';
import { problemSchema } from '@storefront/contracts';
import { contractData, getJson } from '@storefront/podlet-kit';
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
  const answer = await getJson(url, { headers, timeoutMs: TIMEOUT_MS });
  const { status, body } = answer;
  if (status >= 400 && status < 500) {
    const parsed = problemSchema.safeParse(body);
    const problem: ProblemView = parsed.success
      ? {
          title: parsed.data.title,
          status: parsed.data.status,
          ...(parsed.data.detail ? { detail: parsed.data.detail } : {}),
          ...(parsed.data.errors ? { errors: parsed.data.errors } : {}),
        }
      : { title: 'The request was refused', status };
    return { ok: false, status, problem };
  }
  return { ok: true, data: contractData(url, answer, schema) };
}
