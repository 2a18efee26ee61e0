import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildBundle } from './helpers/start-command.js';
import { buildWorkerBundle, type WorkerBundle } from './helpers/worker-bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Worker bundle that startWorker (test/helpers/targets.ts) runs. */
    workerBundle: WorkerBundle;
  }
}

/**
 * Once per run: the tests that start the server as `npm start` does run the bundle it builds, and
 * the tests on the Worker run the bundle `wrangler dev` builds.
 */
export default async function setup(project: TestProject) {
  const worker = buildWorkerBundle();
  worker.catch(() => undefined); // awaited below, after the Node bundle
  buildBundle();
  const bundle = await worker;
  project.provide('workerBundle', bundle);
  return () => rmSync(bundle.dir, { recursive: true, force: true });
}
