import { Counter, Histogram } from 'prom-client';
import { createMetrics as createHttpMetrics } from '@storefront/service-kit';

/** The HTTP timings every service has, plus the event consumer's and the deliveries'. */
export function createMetrics(service: string) {
  const http = createHttpMetrics(service);
  const events = new Counter({
    name: 'notification_events_total',
    help: 'Events consumed, by type and outcome (delivered, duplicate, ignored, failed)',
    labelNames: ['type', 'outcome'],
    registers: [http.registry],
  });
  const eventDuration = new Histogram({
    name: 'notification_event_duration_seconds',
    help: 'Time to handle one consumed event, by type',
    labelNames: ['type'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [http.registry],
  });
  const messages = new Counter({
    name: 'notification_messages_total',
    help: 'Messages by channel and outcome (sent, suppressed by the rate limit, duplicate, failed)',
    labelNames: ['channel', 'outcome'],
    registers: [http.registry],
  });
  const deadLettersReplayed = new Counter({
    name: 'notification_dead_letters_replayed_total',
    help: 'Parked events moved back to the queue through POST /notifications/dead-letters/replay',
    registers: [http.registry],
  });
  return { ...http, events, eventDuration, messages, deadLettersReplayed };
}

export type ServiceMetrics = ReturnType<typeof createMetrics>;
