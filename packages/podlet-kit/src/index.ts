export * from './assets.js';
export * from './context.js';
export * from './fragment-root.js';
export * from './podlet-app.js';
export * from './server.js';
export * from './upstream.js';
export * from './dev.js';
