import { defineProject } from 'vitest/config';

export default defineProject({
  // The suites run the built layout with `next start`, as production does; globalSetup builds it when stale.
  test: {
    name: 'layout',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
