export * from './problem.js';
export * from './users.js';
export * from './products.js';
export * from './orders.js';
export * from './carts.js';
export * from './notifications.js';
export * from './events.js';
export * from './catalog.js';
