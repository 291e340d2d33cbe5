export * from './cookies.js';
export * from './session-token.js';
export * from './service-token.js';
