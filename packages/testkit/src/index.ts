export * from './names.js';
export * from './postgres.js';
export * from './mysql.js';
export * from './rabbitmq.js';
export * from './redis.js';
export * from './auth.js';
export * from './csrf.js';
export * from './plans.js';
