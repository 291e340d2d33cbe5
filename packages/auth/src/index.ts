export * from './cookies.js';
export * from './session-token.js';
