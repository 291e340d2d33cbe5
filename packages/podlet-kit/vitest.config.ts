import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'podlet-kit', include: ['test/**/*.test.ts'] } });
