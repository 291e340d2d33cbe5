import { csrfHeaders } from '@storefront/store/browser';
import type { ProblemView } from '../render-contract.js';

export type SendResult = { ok: true; data: unknown } | { ok: false; problem: ProblemView };

/** A JSON call from the browser to the product service through the gateway, with the CSRF header. */
export async function sendJson(method: string, url: string, body?: unknown): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...csrfHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: { title: 'The product service could not be reached', status: 0 } };
  }
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, data };
  const problem = (data ?? {}) as Partial<ProblemView>;
  return {
    ok: false,
    problem: {
      title: typeof problem.title === 'string' ? problem.title : `The request failed (${response.status})`,
      status: response.status,
      ...(typeof problem.detail === 'string' ? { detail: problem.detail } : {}),
      ...(Array.isArray(problem.errors) ? { errors: problem.errors } : {}),
    },
  };
}
