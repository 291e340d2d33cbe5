// Probes for the security suites (services' tests and the browser suite through the gateway): no test runner here.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { RouteSignature } from './openapi.js';

/** An OpenAPI path with its parameters filled in (a uuid each), so it can be requested. */
export const concretePath = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

const flipCase = (segment: string) =>
  segment.replace(/[a-z]/, (letter) => letter.toUpperCase()) === segment
    ? segment.toLowerCase()
    : segment.replace(/[a-z]/, (letter) => letter.toUpperCase());

const percentEncodeFirstLetter = (segment: string) =>
  segment.replace(/[A-Za-z]/, (letter) => `%${letter.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Other spellings of `path` (e.g. `/products/reservations`) that some parser somewhere may take for it: case,
 * trailing slash, double slash, dot segments, percent-encoding and `;params`. A route that is internal or rate
 * limited must answer none of them as itself.
 */
export function hostileSpellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const last = segments.length - 1;
  const join = (parts: string[]) => `/${parts.join('/')}`;
  const withSegment = (index: number, value: string) =>
    join(segments.map((segment, i) => (i === index ? value : segment)));
  const spellings = [
    path.toUpperCase(),
    ...segments.map((segment, index) => withSegment(index, flipCase(segment))),
    `${path}/`,
    `/${path}`,
    join([...segments.slice(0, last), '', segments[last]!]),
    join([...segments.slice(0, last), '.', segments[last]!]),
    join([...segments.slice(0, last), 'x', '..', segments[last]!]),
    ...segments.map((segment, index) => withSegment(index, percentEncodeFirstLetter(segment))),
    `${path};x=1`,
    withSegment(0, `${segments[0]};x=1`),
    `${path}%2F`,
  ];
  return [...new Set(spellings)].filter((spelling) => spelling !== path);
}

/** Each route as a request to make: its method and a concrete path. */
export const probesOf = (routes: RouteSignature[]) =>
  routes.map((route) => ({ method: route.method, path: concretePath(route.path) }));

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with its path sent exactly as written (fetch and URL would resolve `..` and re-encode it). */
export function sendRaw(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        // Node sends a DELETE's body without a length unless told: the server would read it as the next request.
        headers: {
          ...options.headers,
          ...(options.body === undefined
            ? {}
            : { 'content-length': String(Buffer.byteLength(options.body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${method} ${path}`)));
    req.end(options.body);
  });
}
