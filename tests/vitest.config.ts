import { defineProject } from 'vitest/config';

// The offline validation of the shipping side: images, compose.yaml, k8s/ and the GitHub workflows.
export default defineProject({
  test: {
    name: 'deploy',
    include: ['deploy/**/*.test.ts'],
  },
});
