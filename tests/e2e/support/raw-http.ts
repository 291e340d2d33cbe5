import { sendRaw, type RawAnswer } from '@storefront/service-kit/probes';

export type { RawAnswer };

/** A GET with the path sent exactly as written (fetch and URL would resolve `..` and re-encode it). */
export const rawGet = (
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> => sendRaw(base, 'GET', path, { headers });

/** Sends bytes as they are (a header with a bare CR/LF in it, say) and answers the raw response head and body. */
export async function rawRequest(base: string, bytes: string): Promise<string> {
  const { connect } = await import('node:net');
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
  });
}
