/** Nest injection tokens for the dependencies server.ts (or a test) hands to the app. */
export const LOGGER = Symbol('logger');
export const NOTIFICATIONS = Symbol('notifications store');
export const BROKER = Symbol('broker');
export const READINESS = Symbol('readiness checks');
export const METRICS = Symbol('metrics');
export const CONSUMER_SETTINGS = Symbol('consumer settings');
export const DELIVERY = Symbol('delivery channels and policy');
export const DEAD_LETTERS = Symbol('dead-letter replayer');
