import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'order',
    include: ['test/**/*.test.ts'],
    // Each file makes its own MariaDB database (plus the product service's PostgreSQL and Redis) and RabbitMQ vhost.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
