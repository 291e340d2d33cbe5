export * from './broker.js';
export type { ConsumerOptions } from './consumer.js';
export * from './outbox-relay.js';
export { deadLetterQueue, EVENTS_EXCHANGE, retryQueue } from './topology.js';
