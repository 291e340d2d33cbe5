import type { ProblemView } from '../render-contract.js';
import type { SendResult } from './api-client.js';

export type Send = (method: string, url: string, body?: unknown) => Promise<SendResult>;

/**
 * "Preview drafts on the storefront" with JavaScript: asks the product service for the `sf_preview` cookie with the
 * CSRF header (as every other editor form does), then opens the storefront. A problem is returned for the page to
 * show; nothing is opened then.
 */
export async function startPreview(send: Send, open: (path: string) => void): Promise<ProblemView | null> {
  const result = await send('POST', '/api/products/preview-token');
  if (!result.ok) return result.problem;
  open('/');
  return null;
}
