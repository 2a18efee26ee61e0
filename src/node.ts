import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError, parseConfig, type Config } from './config.js';
import { printLine } from './node/stdout-lines.js';

/**
 * Node entry point: `npm start`. One process by default; WEB_CONCURRENCY=auto|N runs N worker
 * processes (node:cluster) sharing the port and the one SQLite file (WAL, busy_timeout: writers
 * wait for each other). Worker 1 starts first and alone, so migrations, a development key and
 * the first administrator's token happen once, before the others open the file.
 */
const WORKER_INDEX = 'REGISTRY_CLUSTER_WORKER';

function readConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const log = (level: 'info' | 'error', event: string, fields: Record<string, unknown> = {}) => {
  const line = JSON.stringify({ level, time: new Date().toISOString(), event, ...fields });
  if (level === 'info') printLine(line);
  else process.stderr.write(`${line}\n`);
};

/** One process serving HTTP: alone, or as cluster worker `index`. */
async function serve(config: Config, index: number | null) {
  const { jsonLogger, startNodeServer } = await import('./node/server.js');
  // In a cluster, every log line says which worker wrote it.
  const logger = index === null ? jsonLogger : { info: (event: string, fields = {}) => jsonLogger.info(event, { worker: index, ...fields }), error: (event: string, fields = {}) => jsonLogger.error(event, { worker: index, ...fields }) };
  const server = await startNodeServer(config, { logger, ...(index === null ? {} : { clusterWorker: { index } }) });
  if (index === null) printLine(`Registry listening on ${server.url} (public address ${config.publicBaseUrl})`);
  else process.send!({ type: 'registry:listening', url: server.url });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // Asked again (a second Ctrl-C, a supervisor's second SIGTERM): cut what is still in flight
      // now, but still close the database, rather than let the signal's default end the process.
      logger.info('shutdown_now', { signal });
      void server.close({ now: true });
      return;
    }
    stopping = true;
    logger.info('shutdown', { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal));
  // The primary went away without telling us (killed): do not serve on alone.
  if (index !== null) process.once('disconnect', () => stop('disconnect'));
}

/** The primary: forks the workers, restarts one that dies, forwards SIGTERM/SIGINT and waits for all. */
async function primary(config: Config, count: number) {
  const { serveClusterCounts } = await import('./adapters/node/cluster-counts.js');
  const byIndex = new Map<number, Worker>();
  const onCounts = serveClusterCounts(() => byIndex.values());
  let stopping = false;
  let url = '';
  let resolveFirst!: () => void;
  let rejectFirst!: (error: Error) => void;
  const firstUp = new Promise<void>((resolve, reject) => ((resolveFirst = resolve), (rejectFirst = reject)));
  let listening = 0;
  let announced = false;

  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
    byIndex.set(index, worker);
    let up = false;
    worker.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'registry:listening') {
        up = true;
        url = message.url ?? url;
        log('info', 'worker_listening', { worker: index, pid: worker.process.pid });
        if (index === 1) resolveFirst();
        if (++listening === count && !announced) {
          announced = true;
          printLine(`Registry listening on ${url} with ${count} workers (public address ${config.publicBaseUrl})`);
        }
        return;
      }
      onCounts(worker, message);
    });
    worker.on('exit', (code, signal) => {
      if (byIndex.get(index) === worker) byIndex.delete(index);
      if (stopping) return;
      if (!up) {
        // It never listened (bad key file, unreadable database…): restarting would loop.
        log('error', 'worker_failed_to_start', { worker: index, code, signal });
        if (index === 1) rejectFirst(new Error(`worker 1 exited with ${code ?? signal} before listening`));
        else void shutdown('worker_failed', 1);
        return;
      }
      listening--;
      log('error', 'worker_exited', { worker: index, code, signal, restarting: true });
      fork(index);
    });
  };

  let exitCode = 0;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = Math.max(exitCode, code);
    log('info', 'shutdown', { signal: reason, workers: byIndex.size });
    const exits = [...byIndex.values()].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once('exit', (workerCode, signal) => {
            // A worker still starting has no SIGTERM handler yet: ended by our signal, it stopped as asked.
            if (workerCode !== 0 && signal !== 'SIGTERM') exitCode = 1;
            resolve();
          });
          // Each worker drains its requests in flight and closes the database (src/node/server.ts).
          worker.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    log('info', 'cluster_stopped', {});
    process.exit(exitCode);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (!stopping) return void shutdown(signal);
      // Asked again: every worker cuts its requests in flight now (src/node/server.ts), then exits.
      log('info', 'shutdown_now', { signal });
      for (const worker of byIndex.values()) if (!worker.isDead()) worker.process.kill('SIGTERM');
    });
  }

  fork(1);
  try {
    await firstUp;
  } catch (error) {
    log('error', 'startup_failed', { message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  for (let index = 2; index <= count && !stopping; index++) fork(index);
}

async function main() {
  const config = readConfig();
  if (cluster.isWorker) return serve(config, Number(process.env[WORKER_INDEX]));
  const count = config.webConcurrency === 'auto' ? availableParallelism() : config.webConcurrency;
  if (count <= 1) return serve(config, null);
  return primary(config, count);
}

main().catch((error) => {
  log('error', 'startup_failed', { message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
