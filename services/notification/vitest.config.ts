import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'notification',
    include: ['test/**/*.test.ts'],
    // Each file makes its own Redis key prefix and RabbitMQ vhost.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
