import type { SmsProvider } from './channels.js';

export interface HttpSmsProviderOptions {
  url: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The provider answered with an error status; thrown so the broker retries the event with back-off. */
export class SmsProviderError extends Error {
  override name = 'SmsProviderError';
  constructor(readonly status: number) {
    super(`the SMS provider answered ${status}`);
  }
}

/**
 * A generic HTTP SMS gateway: POSTs `{to, text, reference}` as JSON with a bearer token. The reference also goes
 * out as `Idempotency-Key`, so a provider that honours it drops the copy a crash between send and record could
 * cause. Anything but a 2xx throws.
 */
export function createHttpSmsProvider(options: HttpSmsProviderOptions): SmsProvider {
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    kind: 'http',
    async send(message) {
      const response = await send(options.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/json',
          'idempotency-key': message.reference,
        },
        body: JSON.stringify({ to: message.to, text: message.text, reference: message.reference }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new SmsProviderError(response.status);
    },
  };
}
