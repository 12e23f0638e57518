import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// `#wire` (package.json "imports") resolves to the TypeScript sources under this condition.
const SOURCE = 'cloud-image-clients:source';

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultServerConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions], externalConditions: [SOURCE] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // A fake that answers off its vendor's spec fails the test (test/support/spec-conformance.ts).
    setupFiles: ['test/support/conformance-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
