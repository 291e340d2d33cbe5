export { startMongoDevServer, type MongoDevServer, type MongoDevServerOptions } from './server.js';
export { startMongo, type TestMongo } from './start-mongo.js';
export type { DevServerLogger } from './logger.js';
