import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

// The journeys through the storefront running in containers (`npm run test:containers` starts it and sets
// STOREFRONT_URL, STACK_PART_URLS and STACK_CONTROL_URL): the JavaScript-off visitor first, then the walking
// skeleton, whose last test stops the catalog podlet.
export default defineConfig({
  ...base,
  globalSetup: undefined,
  reporter: [['list'], ['json', { outputFile: 'results/playwright-containers.json' }]],
  outputDir: 'results/playwright-containers-artifacts',
  projects: [
    { name: 'js-off', testMatch: /journey-visitor\.spec\.ts/ },
    { name: 'skeleton', testMatch: /walking-skeleton\.spec\.ts/, dependencies: ['js-off'] },
  ],
});
