import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'user',
    include: ['test/**/*.test.ts'],
    // argon2 hashing and a Mongo-protocol server starting up make these slower than unit tests.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
