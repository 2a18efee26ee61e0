import { defineConfig } from 'vitest/config';

/**
 * Two projects: everything on Node, and the HTTP contract tests (test/http, the README
 * walkthrough) once more against the Worker in local workerd with D1 (see test/helpers/targets.ts).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // A Worker's start may be abandoned and tried once more (test/helpers/targets.ts startWorker).
    hookTimeout: 180_000,
    pool: 'forks',
    // Test files share their fork's module cache: no test mocks modules or changes process.env,
    // and each closes what it starts. Evaluating the app's modules once per fork, not once per
    // file, took the whole run's import time from 633 s to 65 s of CPU.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    // wrangler dev's proxy answers 503 when its own connection to the Worker failed: sent again.
    setupFiles: ['test/helpers/wrangler-proxy-retry.ts'],
    // Most of the suite waits on servers it started (wrangler, chromium, SMTP, OIDC): one more
    // worker than the two cores keeps them busy.
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'worker',
          include: ['test/http/**/*.test.ts', 'test/readme.test.ts'],
          // The back office runs on the Worker through its sign-in tests, the whole route × role matrix
          // (every page and form) and the areas with runtime-specific parts (Shift_JIS and multipart
          // in awards, the 法人番号 Web-API fetch in organizations). The other areas' behaviour is the
          // same code and SQL on both runtimes: on Node only, which keeps CI under 20 minutes. So are
          // the verification page's and /verify's addresses, answers and badge ID (routing and
          // rendering only; the search's SQL runs on D1 in search.test.ts), and the member area's
          // badge kit (the same repository reads my-pages.test.ts makes on D1), and the guide for declaring
          // organizations (a page of settings and labels).
          exclude: [
            'test/http/back-office-{audit,partners,reviews,revocations}.test.ts',
            'test/http/{verification-address,verification-english-name,verification-json-problems,verify-not-a-credential,badge-short-id,my-badges,guide-page}.test.ts',
          ],
          env: { REGISTRY_TARGET: 'worker' },
        },
      },
    ],
  },
});
