import type { Kysely } from 'kysely';
import { createKyselyChangeFeed } from './adapters/kysely/change-events.js';
import { createKyselyDeliveries } from './adapters/kysely/deliveries.js';
import { createKyselyLookupReader } from './adapters/kysely/lookup.js';
import { createKyselyPartners } from './adapters/kysely/partners.js';
import { createKyselyWebhooks } from './adapters/kysely/webhooks.js';
import type { Database } from './adapters/kysely/schema.js';
import { createAccessTokenSigner } from './adapters/crypto/access-tokens.js';
import type { IssuerIdentity } from './adapters/crypto/issuer.js';
import { createFetchWebhookSender } from './adapters/http/webhook-sender.js';
import { createFixedWindowLimiter } from './domain/partners/rate-limit.js';
import { createChangeFeed } from './domain/services/changes.js';
import type { Clock } from './domain/services/context.js';
import { createLookupService } from './domain/services/lookup.js';
import type { DeclarationHistory } from './domain/services/declaration-history.js';
import { createPartnerService } from './domain/services/partners.js';
import { createWebhookDispatcher } from './domain/services/webhook-dispatcher.js';
import { createWebhookService } from './domain/services/webhooks.js';
import type { PartnerSettings } from './partner-settings.js';
import type { Repositories } from './ports/repositories.js';
import type { UnitOfWork } from './ports/store.js';
import type { WebhookSender } from './ports/partners.js';

/**
 * The partner API's parts over any Kysely SQLite database (better-sqlite3 or D1): OAuth
 * clients, lookups, the change feed, webhooks and their dispatcher, and the rate limiter.
 */
export function createPartnerComponents({
  db, uow, repos, identity, history, clock, newId, baseUrl, settings, sender = createFetchWebhookSender({ allowInsecureLocalhost: settings.webhookAllowInsecureLocalhost }),
}: {
  db: Kysely<Database>;
  uow: UnitOfWork;
  repos: Repositories;
  identity: IssuerIdentity;
  /** Declarations' past, for lookups of a past day (`on`). */
  history: DeclarationHistory;
  clock: Clock;
  newId(): string;
  baseUrl: string;
  settings: PartnerSettings;
  sender?: WebhookSender;
}) {
  const partnerRepo = createKyselyPartners(db);
  const webhooks = createKyselyWebhooks(db);
  const deliveries = createKyselyDeliveries(db);
  return {
    settings,
    clients: createPartnerService({
      partners: partnerRepo,
      deliveries,
      audit: repos.audit,
      accessTokens: createAccessTokenSigner({ identity, now: clock.now }),
      uow,
      clock,
      newId,
    }),
    lookup: createLookupService({ reader: createKyselyLookupReader(db, repos.organizations), history, baseUrl, clock }),
    changes: createChangeFeed({ reader: createKyselyChangeFeed(db), clock }),
    webhooks: createWebhookService({
      partners: partnerRepo, webhooks, deliveries, audit: repos.audit, uow, clock, newId, allowInsecureLocalhost: settings.webhookAllowInsecureLocalhost,
    }),
    dispatcher: createWebhookDispatcher({
      store: deliveries,
      webhooks,
      audit: repos.audit,
      sender,
      uow,
      clock,
      newId,
      retryBaseMs: settings.webhookRetryBaseMs,
      maxAttempts: settings.webhookMaxAttempts,
      timeoutMs: settings.webhookTimeoutMs,
    }),
    /** In memory: per process on Node, per isolate on Workers (see rate-limit.ts). */
    rateLimiter: createFixedWindowLimiter(),
  };
}

export type PartnerComponents = ReturnType<typeof createPartnerComponents>;
