import { defineProject } from 'vitest/config';

export default defineProject({
  // The tests drive the built podlet (dist/), as it runs in production: `npm run build` comes first.
  test: { name: 'user-dashboard', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});
