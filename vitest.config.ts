import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

const alias = { '@shared': resolve(import.meta.dirname, 'src/shared') };

/**
 * The benchmarks (`npm run bench` = `vitest run --project bench`) take many minutes and measure rather than
 * check, so they exist only when asked for by name: a plain `vitest run` never picks them up.
 */
const benchRequested = process.argv.some(
  (arg, i, argv) => arg === '--project=bench' || (arg === '--project' && argv[i + 1] === 'bench'),
);

export default defineConfig({
  resolve: { alias },
  test: {
    // Figures depend on the room's time zone; tests pin one that has DST changes.
    // The demo's trickle of simulated events stays off: figures under test must hold still (the trickle's
    // own tests start it explicitly).
    env: { TZ: 'Europe/Berlin', ALIGNBOARD_DEMO_TRICKLE: 'off' },
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        plugins: [vue()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One Chromium at a time: CI has two cores.
          fileParallelism: false,
        },
      },
      ...(benchRequested
        ? [
            {
              resolve: { alias },
              test: {
                name: 'bench',
                include: ['bench/**/*.bench.ts'],
                environment: 'node',
                testTimeout: 20 * 60_000,
                hookTimeout: 20 * 60_000,
                // One measurement at a time on a two-core machine; the global teardown prints the table.
                fileParallelism: false,
                globalSetup: ['bench/support/global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
