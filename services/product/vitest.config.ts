import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'product',
    include: ['test/**/*.test.ts'],
    // Each file makes its own PostgreSQL database, Redis prefix and RabbitMQ vhost.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
