import { defineProject } from 'vitest/config';

// The offline validation of the shipping side (images, compose.yaml, k8s/ and the GitHub workflows), the scale
// seed (scripts/seed.mjs) against the real datastores, and the fragments' size budgets on the build.
export default defineProject({
  test: {
    name: 'deploy',
    include: ['deploy/**/*.test.ts', 'seed/**/*.test.ts', 'budget/**/*.test.ts'],
  },
});
