export * from './cookies.js';
export * from './session-token.js';
export * from './service-token.js';
export * from './form-outcome.js';
export * from './password-reset.js';
