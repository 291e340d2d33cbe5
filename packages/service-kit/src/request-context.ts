import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

const context = new AsyncLocalStorage<{ requestId: string }>();
const validId = /^[\w.:-]{1,128}$/;

/** Takes the caller's x-request-id when it looks sane (so one id follows a request across services), else makes one. */
export const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && validId.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('x-request-id', id);
  context.run({ requestId: id }, next);
};

export function requestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** Headers for a call to another part: the request id always, the visitor's cookies when acting on their behalf. */
export function forwardHeaders(req?: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  const id = req?.id ?? requestId();
  if (id) headers['x-request-id'] = String(id);
  const cookie = req?.get('cookie');
  if (cookie) headers.cookie = cookie;
  return headers;
}
