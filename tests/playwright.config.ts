import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded one; flags keep it off the (closed) network.
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: 'results/playwright.json' }]],
  outputDir: 'results/playwright-artifacts',
  // The fault suite stops parts and the machine's RabbitMQ: it runs after every other suite has finished.
  projects: [
    { name: 'journeys', testIgnore: /fault-/ },
    { name: 'faults', testMatch: /fault-/, dependencies: ['journeys'] },
  ],
  use: {
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
