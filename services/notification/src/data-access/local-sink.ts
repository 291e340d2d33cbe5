import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '@storefront/service-kit';
import type { EmailSender, SmsProvider } from './channels.js';

/** How many messages each sink list keeps (newest first). */
export const SINK_SIZE = 1000;

export const sinkKeys = {
  email: 'sink:email',
  sms: 'sink:sms',
};

export const sinkEntry = z.object({
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  reference: z.string(),
  at: z.string(),
});
export type SinkEntry = z.infer<typeof sinkEntry>;

export interface LocalSink {
  email: EmailSender;
  sms: SmsProvider;
  list(channel: 'email' | 'sms'): Promise<SinkEntry[]>;
}

/**
 * The stand-in for a real mail server or SMS provider when none is configured (local runs, demos): each message
 * is logged and pushed to a capped Redis list (`<prefix>sink:email`, `<prefix>sink:sms`), where it can be read.
 */
export function createLocalSink(redis: Redis, logger: Logger): LocalSink {
  const record = async (entry: SinkEntry) => {
    await redis
      .multi()
      .lpush(sinkKeys[entry.channel], JSON.stringify(entry))
      .ltrim(sinkKeys[entry.channel], 0, SINK_SIZE - 1)
      .exec();
    logger.info(
      { sink: entry.channel, to: entry.to, subject: entry.subject, reference: entry.reference },
      `${entry.channel} recorded in the local sink`,
    );
  };
  return {
    email: {
      kind: 'sink',
      send: (message) =>
        record({
          channel: 'email',
          to: message.to,
          subject: message.subject,
          text: message.text,
          reference: message.reference,
          at: new Date().toISOString(),
        }),
    },
    sms: {
      kind: 'sink',
      send: (message) =>
        record({
          channel: 'sms',
          to: message.to,
          text: message.text,
          reference: message.reference,
          at: new Date().toISOString(),
        }),
    },
    async list(channel) {
      const entries = await redis.lrange(sinkKeys[channel], 0, SINK_SIZE - 1);
      return entries.map((entry) => sinkEntry.parse(JSON.parse(entry)));
    },
  };
}
