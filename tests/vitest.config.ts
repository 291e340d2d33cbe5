import { defineProject } from 'vitest/config';

// The offline validation of the shipping side (images, compose.yaml, k8s/ and the GitHub workflows), npm start's log
// lines (scripts/log-lines.mjs), the scale seed (scripts/seed.mjs) against the real datastores, `npm run dev`
// (scripts/dev.mjs) on a throw-away copy, the fragments' size budgets on the build, and the benchmarks' own tools.
export default defineProject({
  test: {
    name: 'deploy',
    include: [
      'deploy/**/*.test.ts',
      'seed/**/*.test.ts',
      'scripts/**/*.test.ts',
      'dev/**/*.test.ts',
      'budget/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
  },
});
