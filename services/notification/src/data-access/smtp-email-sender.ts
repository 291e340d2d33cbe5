import { createTransport } from 'nodemailer';
import type { EmailSender } from './channels.js';

export interface SmtpEmailSenderOptions {
  /** smtp://host:port or smtps://user:pass@host:port */
  url: string;
  /** The From header, e.g. `Storefront <no-reply@storefront.example>`. */
  from: string;
  /** Upper bound for one send, connection included; keep it well below the delivery lock's TTL. */
  timeoutMs?: number;
}

/** The domain of the From address, for Message-IDs: `<eventId.email@domain>`. */
function domainOf(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'storefront.local';
}

/**
 * Email over SMTP with nodemailer, one connection per message (no pool to go stale while the server restarts).
 * The Message-ID is derived from the delivery id, so the one copy a crash could ever send twice carries the same
 * Message-ID as the first and can be recognised by the receiving side.
 */
export function createSmtpEmailSender(options: SmtpEmailSenderOptions): EmailSender {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = createTransport({
    url: options.url,
    connectionTimeout: Math.min(timeoutMs, 10_000),
    greetingTimeout: Math.min(timeoutMs, 10_000),
    socketTimeout: timeoutMs,
  });
  const domain = domainOf(options.from);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.reference}@${domain}>`,
        headers: { 'X-Storefront-Reference': message.reference },
        signal: AbortSignal.timeout(timeoutMs),
      });
    },
    async close() {
      transport.close();
    },
  };
}
