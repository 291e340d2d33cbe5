import { pino } from 'pino';
import { makeEvent, type StorefrontEvent } from '@storefront/contracts';

export const silentLogger = pino({ level: 'silent' });

export function userRegistered(name = 'Ada'): StorefrontEvent {
  return makeEvent('user.registered', {
    userId: `user-${name}`,
    email: `${name.toLowerCase()}@example.com`,
    name,
  });
}

/** Resolves when `condition` holds, polling; fails with `message` after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  condition: (value: T) => boolean,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An in-memory outbox: enough to watch what the relay claims and marks. */
export function memoryOutbox(events: StorefrontEvent[]) {
  const rows = events.map((event) => ({
    id: event.id,
    event,
    sent: false,
    sentAt: null as Date | null,
    claimed: false,
  }));
  const pruneCalls: number[] = [];
  return {
    rows,
    pruneCalls,
    async claimBatch(limit: number) {
      const batch = rows.filter((row) => !row.sent && !row.claimed).slice(0, limit);
      for (const row of batch) row.claimed = true;
      return batch.map(({ id, event }) => ({ id, event }));
    },
    async markSent(ids: string[]) {
      for (const row of rows) {
        if (ids.includes(row.id)) {
          row.sent = true;
          row.sentAt = new Date();
        }
        row.claimed = false;
      }
    },
    async pruneSent(before: Date, limit: number) {
      const old = rows.filter((row) => row.sentAt !== null && row.sentAt < before).slice(0, limit);
      for (const row of old) rows.splice(rows.indexOf(row), 1);
      pruneCalls.push(old.length);
      return old.length;
    },
  };
}
