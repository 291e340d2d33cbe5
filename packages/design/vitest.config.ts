import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'design', include: ['test/**/*.test.ts'] } });
