import { openD1, type D1Like } from './adapters/d1/open.js';
import { migrateToLatest } from './adapters/kysely/migrator.js';
import { applyMigrationInBatch } from './adapters/d1/apply-migration-in-batch.js';
import { recordGenerationOf } from './adapters/kysely/record-generation.js';
import { generateIssuerKey, parseIssuerKeys } from './adapters/crypto/keys.js';
import { parseConfig } from './config.js';
import { createApp } from './http/app.js';
import { notReadyProblem } from './http/problem.js';
import { createKyselyRegistry, type Registry } from './registry.js';
import { migrations } from '../migrations/index.js';
import { pingDatabase } from './adapters/kysely/ping.js';
import { cloudflareClientIp } from './http/rate-limit.js';
import { kickAfterCommit } from './adapters/kysely/deliveries.js';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Bindings and variables (wrangler.toml [vars]; secrets via `wrangler secret put`). */
export interface WorkerEnv {
  DB: D1Like;
  PUBLIC_BASE_URL?: string;
  REGISTRY_ADMIN_TOKEN?: string;
  ISSUER_KEYS?: string;
  DECLARATION_VALIDITY_MONTHS?: string;
  DID_METHOD?: string;
  WEBHOOK_ALLOW_INSECURE_LOCALHOST?: string;
  WEBHOOK_RETRY_BASE_MS?: string;
  WEBHOOK_MAX_ATTEMPTS?: string;
  WEBHOOK_TIMEOUT_MS?: string;
  WEBHOOK_DISPATCH_INTERVAL_MS?: string;
  RATE_LIMIT_PUBLIC_PER_MINUTE?: string;
  /** E-mail: the HTTP mail API (src/adapters/http/mail-api.ts); without it messages wait in the outbox. */
  MAIL_API_URL?: string;
  MAIL_API_TOKEN?: string;
  MAIL_FROM?: string;
  /** Where replies go (Reply-To, and the footer says so); unset, the footer says replies are not read. */
  MAIL_REPLY_TO?: string;
}

/** The part of the Workers ExecutionContext used here. */
interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** Cron expression (wrangler.toml) that delivers due webhooks; the other one runs the expiry sweep. */
const WEBHOOK_CRON = '* * * * *';
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

interface Runtime {
  registry: Registry;
  app: ReturnType<typeof createApp>;
}

let runtime: Promise<Runtime> | null = null;

/**
 * What a request (or cron event) started that must outlive its response: the webhook run its own
 * commit kicked (kickAfterCommit). Kept per request, never in a module variable: Workers run
 * several requests in one isolate, and a promise that another request hands to waitUntil is
 * cancelled with the request that started it (workerd warns "a promise was resolved … from a
 * different request context").
 */
interface Started {
  webhookRun?: Promise<void>;
}
const started = new AsyncLocalStorage<Started>();

/** Built once per isolate: migrations, keys and the same createApp as on Node. */
function boot(env: WorkerEnv): Promise<Runtime> {
  runtime ??= (async () => {
    const config = parseConfig(env as unknown as Record<string, string | undefined>);
    const d1 = openD1(env.DB);
    const db = d1.db;
    await migrateToLatest(db, migrations, applyMigrationInBatch(env.DB));
    const keys = config.issuerKeysJson ? parseIssuerKeys(config.issuerKeysJson) : [await generateIssuerKey()];
    if (!config.issuerKeysJson) console.warn('ISSUER_KEYS is not set: signing with an ephemeral key that is lost when this isolate ends.');
    // A commit that queued webhook deliveries starts sending them at once, while the response is written.
    let kick = () => {};
    const unitOfWork = kickAfterCommit(d1.unitOfWork, () => kick());
    // Kept read models (portal, open data, statistics) ask D1 for the record's generation: one
    // small read in place of their aggregates, per isolate.
    const registry = await createKyselyRegistry({ db, unitOfWork, config, keys, generation: recordGenerationOf(db) });
    if (config.partners.webhookDispatchIntervalMs > 0) {
      kick = () => {
        const run = registry.partners.dispatcher.drain().catch((error) => console.error(JSON.stringify({ event: 'webhook_dispatch_failed', message: String(error) })));
        const request = started.getStore();
        if (request) request.webhookRun = run;
      };
    }
    const printed = await registry.tokens.bootstrapAdmin(config.adminToken);
    if (printed) console.log(`No administrator existed; created one. Token (shown once): ${printed}`);
    const app = createApp({
      registry,
      publicBaseUrl: config.publicBaseUrl,
      site: config.site,
      logError: (error, requestId) => console.error(JSON.stringify({ event: 'unhandled_error', requestId, message: String(error) })),
      accessLog: (entry, level) => (level === 'error' ? console.error : console.log)(JSON.stringify({ level, time: new Date().toISOString(), event: 'request', ...entry })),
      pingDatabase: pingDatabase(db),
      publicRateLimit: { perMinute: config.rateLimitPublicPerMinute, clientIp: cloudflareClientIp },
    });
    return { registry, app };
  })().catch((error) => {
    runtime = null; // let the next request try again
    throw error;
  });
  return runtime;
}

/**
 * The answer while the Worker cannot start (a wrong setting, D1 failing at the migrations): where
 * Node refuses to start, a Worker has no start, so each request tries again and, failing, says to
 * come back later, as /readyz does; what is wrong goes to the log, never to the visitor.
 */
function cannotStart(request: Request, env: WorkerEnv, error: unknown): Response {
  console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), event: 'startup_failed', message: error instanceof Error ? error.message : String(error) }));
  const base = /^https?:\/\//.test(env.PUBLIC_BASE_URL ?? '') ? env.PUBLIC_BASE_URL!.replace(/\/+$/, '') : new URL(request.url).origin;
  const problem = notReadyProblem({ baseUrl: base, ja: '登録簿を開始できませんでした。しばらくしてから、もう一度お試しください。', en: 'The registry could not start. Please try again later.', instance: new URL(request.url).pathname });
  return new Response(JSON.stringify(problem), {
    status: 503,
    headers: {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      'Retry-After': '30',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Waits for every job; logs each failure as the registry's JSON line and returns the first (null when none failed). */
async function settleAll(cron: string, jobs: Record<string, Promise<unknown> | undefined>): Promise<unknown> {
  const names = Object.keys(jobs);
  const outcomes = await Promise.allSettled(Object.values(jobs));
  let first: unknown = null;
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') return;
    first ??= outcome.reason;
    const message = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
    console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), event: 'scheduled_failed', cron, job: names[i], message }));
  });
  return first;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: unknown): Promise<Response> {
    let booted: Runtime;
    try {
      booted = await boot(env);
    } catch (error) {
      return cannotStart(request, env, error);
    }
    const { app, registry } = booted;
    const begun: Started = {};
    const response = await started.run(begun, () => app.fetch(request, env, ctx as never));
    // The change committed during this request queued webhook deliveries and started sending
    // them (kick above); keep that run alive past the response rather than leaving them for the
    // next cron minute. The drain also waits out short retry delays (≤ 25 s); longer ones are
    // picked up by the cron trigger.
    if (begun.webhookRun) (ctx as WaitUntil).waitUntil(begun.webhookRun);
    // Likewise e-mail the change queued (returned, published, an invitation…), when a mail API is configured.
    if (!READ_METHODS.includes(request.method) && registry.mail.dispatcher.transportName) {
      (ctx as WaitUntil).waitUntil(registry.mail.dispatcher.drain().catch((error) => console.error(JSON.stringify({ event: 'mail_dispatch_failed', message: String(error) }))));
    }
    return response;
  },
  /**
   * Cron Triggers: deliver due webhooks and e-mail every minute (without MAIL_API_URL, pending
   * messages are marked "no mail transport configured" and wait); expire declarations past their
   * validity and queue renewal reminders.
   */
  async scheduled(event: { cron?: string }, env: WorkerEnv): Promise<void> {
    const { registry } = await boot(env);
    if (event.cron === WEBHOOK_CRON) {
      // Each job runs to its end whatever the other does: one failing must not end the event (and
      // cut the other off mid-send); a failure is logged by name, then fails the event.
      const failure = await settleAll(event.cron, {
        webhooks: registry.partners.dispatcher.drain({ budgetMs: 50_000 }),
        mail: registry.mail.dispatcher.drain({ budgetMs: 50_000 }),
      });
      if (failure !== null) throw failure;
      return;
    }
    // The expiry sweep, the session purge and the e-mail purge likewise each run to their end whatever the other
    // does, each failure logged by name. The event does not fail: the failure is in the log once,
    // as the registry's line (thrown, it came again as an uncaught exception), and the next run,
    // ten minutes later, takes up whatever is still due.
    const cron = event.cron ?? 'expiry';
    const begun: Started = {};
    await settleAll(cron, {
      expiry: started.run(begun, () => registry.declarations.expireDue({ actor: { role: 'system', process: 'expiry' }, requestId: null })),
      sessions: registry.web.sessions.purgeExpired(),
      // E-mail sent or given up MAIL_RETENTION_DAYS ago.
      mail: registry.mail.retention.purge(),
    });
    // Expiries queue webhooks too: send them within this event, which ends when it returns.
    await settleAll(cron, { webhooks: begun.webhookRun });
  },
};
