import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'services/*', 'fragments/*', 'layout', 'nginx', 'tests'],
    // The integration suites share one PostgreSQL, MariaDB, Redis and RabbitMQ on a 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
