import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const protocolSource = fileURLToPath(new URL('./packages/protocol/src/index.ts', import.meta.url));
const resolve = { alias: { '@treffpunkt/protocol': protocolSource } };

/**
 * Test layers (../shared/docs/style.md §12):
 * - unit: pure functions and fakes, fast, no I/O beyond memory.
 * - integration: server + real database (PGlite or DATABASE_URL's PostgreSQL) + real Janus.
 * - e2e: the built server and real Chromium processes (e2e/).
 */
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['server/src/**/*.int.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file starts its own Janus / database; two cores, so keep it modest.
          maxWorkers: 2,
        },
      },
      {
        resolve,
        test: {
          name: 'e2e',
          include: ['e2e/tests/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
