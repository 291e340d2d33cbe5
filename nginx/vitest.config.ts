import { defineProject } from 'vitest/config';

export default defineProject({
  // Each suite runs a real nginx (from Debian's package) against small node servers.
  test: { name: 'nginx', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
