import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqlite } from '../adapters/sqlite/open.js';
import type { Config } from '../config.js';
import { createApp } from '../http/app.js';
import { createKyselyRegistry } from '../registry.js';
import { loadIssuerKeys } from '../adapters/node/key-files.js';
import { startWebhookDispatch } from './webhook-dispatch.js';
import { nodeMailTransport, startMailDispatch } from './mail-dispatch.js';
import { startExpirySweep } from './expiry-sweep.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import { pingDatabase } from '../adapters/kysely/ping.js';
import { lastForwardedFor } from '../http/rate-limit.js';
import { printLine } from './stdout-lines.js';
import { createNodeWebhookSender } from '../adapters/node/webhook-sender.js';
import { kickAfterCommit } from '../adapters/kysely/deliveries.js';
import { clusterWindowCounts } from '../adapters/node/cluster-counts.js';
import { createFixedWindowLimiter } from '../domain/partners/rate-limit.js';
import { useNodeTextDecoders } from '../adapters/node/text-decoders.js';
import { useNodeDigests } from '../adapters/node/digests.js';
import { renderPagesWithoutAsyncHooks } from './pages-without-async-hooks.js';
import { answerUnparsedRequests } from './unparsed-requests.js';
import { databaseFailure, keysFailure, prepareMailFolder } from './start-failures.js';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** Structured JSON lines on stdout/stderr. Never pass tokens or keys in `fields`. */
export const jsonLogger: Logger = {
  info: (event, fields = {}) => printLine(JSON.stringify({ level: 'info', time: new Date().toISOString(), event, ...fields })),
  error: (event, fields = {}) => process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), event, ...fields })}\n`),
};

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections, finishes in-flight requests (cut after SHUTDOWN_GRACE_MS, or at
   * once with `now`, as on a second SIGTERM), then closes the database.
   */
  close(options?: { now?: boolean }): Promise<void>;
}

/**
 * How long a shutdown waits for requests in flight before it cuts them: a client that stopped
 * reading or sending would otherwise hold it until Node's 5-minute request timeout, and the
 * supervisor's SIGKILL would come first, with the database still open. Under the 10 s that
 * `docker stop` and Kubernetes give by default, so the database is closed before that.
 */
const SHUTDOWN_GRACE_MS = 8_000;

/**
 * Starts the registry on Node: SQLite file (created and migrated), admin bootstrap, HTTP server,
 * expiry sweep. `clusterWorker`: this process is worker `index` of WEB_CONCURRENCY (src/node.ts):
 * rate-limit counts are shared with the other workers, and only worker 1 runs the timers (expiry
 * sweep, webhook and mail polling) and the WAL checkpoint thread; every worker still starts webhook
 * delivery after its own commits.
 */
export async function startNodeServer(config: Config, { logger = jsonLogger, clusterWorker }: { logger?: Logger; clusterWorker?: { index: number } } = {}): Promise<RunningServer> {
  const first = !clusterWorker || clusterWorker.index === 1;
  useNodeTextDecoders();
  useNodeDigests();
  renderPagesWithoutAsyncHooks();
  // The keys first: a mistake in ISSUER_KEYS or KEYS_DIR stops the start before a database is made.
  const { keys, generated } = await loadIssuerKeys({ dir: config.keysDir, json: config.issuerKeysJson }).catch((error) => {
    throw keysFailure(error, { dir: config.keysDir, json: config.issuerKeysJson });
  });
  if (!config.web.smtpUrl && !config.web.mailApiUrl) prepareMailFolder(config.web.mailDir);
  const store = await openSqlite({
    path: config.databasePath,
    checkpointInBackground: first
      ? { onError: (error) => logger.error('checkpoint_thread_failed', { message: error instanceof Error ? error.message : String(error) }) }
      : { byAnotherProcess: true },
  }).catch((error) => {
    throw databaseFailure(error, config.databasePath);
  });
  if (generated) {
    logger.info('development_key_generated', {
      warning: `No issuer key was found, so a development key was generated in ${config.keysDir}/. Use npm run keys:new (or ISSUER_KEYS) and keep keys out of git for production.`,
    });
  }
  // Webhook deliveries go out right after the commit that queued them (the poll is the safety net).
  let kickWebhooks = () => {};
  const registry = await createKyselyRegistry({
    db: store.db,
    unitOfWork: kickAfterCommit(store.unitOfWork, () => kickWebhooks()),
    generation: store.generation,
    config,
    keys,
    webhookSender: createNodeWebhookSender({ allowInsecureLocalhost: config.partners.webhookAllowInsecureLocalhost }),
    mailTransport: nodeMailTransport(config.web),
  });

  if (clusterWorker) registry.partners.rateLimiter = createFixedWindowLimiter({ shared: clusterWindowCounts('partner') });

  const app = createApp({
    registry,
    publicBaseUrl: config.publicBaseUrl,
    site: config.site,
    // Cloudflare's edge compresses the Worker's answers; on Node the registry does it itself.
    compress: true,
    renderPng: (svg, options) => import('../adapters/badge/render-png.js').then((m) => m.renderPng(svg, options)),
    logError: (error, requestId) => logger.error('unhandled_error', { requestId, message: error instanceof Error ? error.message : String(error) }),
    accessLog: (entry, level) => logger[level]('request', { ...entry }),
    pingDatabase: pingDatabase(store.db),
    publicRateLimit: {
      perMinute: config.rateLimitPublicPerMinute,
      ...(clusterWorker ? { shared: clusterWindowCounts('public') } : {}),
      // Behind a reverse proxy every request comes from the proxy: TRUST_PROXY=true reads the address it forwarded.
      clientIp: (c) => {
        if (config.trustProxy) return lastForwardedFor(c.req.header('x-forwarded-for'));
        try {
          return getConnInfo(c).remote.address;
        } catch {
          return undefined;
        }
      },
    },
  });

  const expirySweep = first ? await startExpirySweep(registry, logger) : { stop: async () => {} };
  const webhookDispatch = startWebhookDispatch(registry, config.partners, logger, { poll: first });
  kickWebhooks = webhookDispatch.kick;
  const mailDispatch = first ? startMailDispatch(registry, logger) : { stop: async () => {} };
  // Which transport, never its URL (SMTP_URL holds credentials).
  logger.info('mail_transport', { transport: registry.mail.dispatcher.transportName, ...(config.web.smtpUrl || config.web.mailApiUrl ? {} : { dir: config.web.mailDir }) });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    answerUnparsedRequests(s as Server, config.publicBaseUrl);
    // Not listening is a start-up failure with one plain message (node.ts exits 1), not an uncaught stack trace.
    s.once('error', (error: NodeJS.ErrnoException) => reject(new Error(listenFailure(error, config.host, config.port))));
  });
  const port = (server.address() as AddressInfo).port;
  // Only once it listens: a token made by a start that then fails (PORT taken) would be stored and
  // shown beside the error, and the next start, finding an administrator, would show none.
  const printed = await registry.tokens.bootstrapAdmin(config.adminToken);
  if (printed) {
    // Shown once: only its hash is stored.
    printLine(`\n  No administrator existed, so one was created. Its token (shown only now):\n\n    ${printed}\n\n  Keep it secret; set REGISTRY_ADMIN_TOKEN to choose your own.\n\n`);
  }
  logger.info('server_started', { port, publicBaseUrl: config.publicBaseUrl, database: config.databasePath });

  let closing: Promise<void> | null = null;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    port,
    close({ now = false } = {}) {
      const http = server as Server;
      const cut = (reason: string) => {
        logger.info('shutdown_cut_requests', { reason });
        http.closeAllConnections();
      };
      closing ??= (async () => {
        const sweepStopped = expirySweep.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets would hold close() open until they time out: close each as soon as
        // it is idle, so in-flight requests finish and nothing waits longer than needed.
        const reaper = setInterval(() => http.closeIdleConnections(), 50);
        const deadline = setTimeout(() => cut('grace_period_over'), SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(deadline);
        clearInterval(reaper);
        await sweepStopped;
        await webhookDispatch.stop();
        await mailDispatch.stop();
        await store.close();
        logger.info('server_stopped', {});
      })();
      if (now) cut('asked_again');
      return closing;
    },
  };
}

/** Why the server could not listen, in words an operator acts on. */
function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') return `PORT ${port} is already in use on ${host}: stop the process that holds it, or set PORT to another port.`;
  if (error.code === 'EACCES') return `PORT ${port} needs privileges this process does not have: use a port above 1023.`;
  if (error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN') {
    return `HOST "${host}" is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`;
  }
  return `Cannot listen on ${host}:${port}: ${error.message}`;
}
