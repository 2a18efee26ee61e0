import type { Kysely } from 'kysely';
import { createKyselyCredentialStore } from './adapters/kysely/credentials.js';
import { createKyselyRepositories } from './adapters/kysely/index.js';
import { createKyselyOpenData } from './adapters/kysely/open-data.js';
import { createKyselyStatistics } from './adapters/kysely/statistics.js';
import { createKyselyRecordNames } from './adapters/kysely/record-names.js';
import { createKyselyPortal } from './adapters/kysely/portal.js';
import type { PortalReader } from './ports/portal.js';
import type { Database } from './adapters/kysely/schema.js';
import { createIssuerIdentity, type IssuerIdentity } from './adapters/crypto/issuer.js';
import { generateIssuerKey } from './adapters/crypto/keys.js';
import { createCredentialSecurer } from './adapters/crypto/securer.js';
import { encodeStatusList } from './adapters/crypto/status-list.js';
import type { Config } from './config.js';
import { uuidv7 } from './domain/ids.js';
import { createCredentialService, type CredentialService } from './domain/services/credentials.js';
import { createRegistry } from './domain/services/index.js';
import { createReissueService, type ReissueService } from './domain/services/reissue.js';
import type { IssuerKey } from './ports/credentials.js';
import type { OpenDataReader } from './ports/open-data.js';
import type { StatisticsReader } from './ports/statistics.js';
import type { RecordNameReader } from './ports/record-names.js';
import type { DataGeneration, UnitOfWork } from './ports/store.js';
import { createKyselyChangeOutbox } from './adapters/kysely/change-events.js';
import { createPartnerComponents, type PartnerComponents } from './partner-components.js';
import { createKyselyLookupReader } from './adapters/kysely/lookup.js';
import { createDeclarationHistory, type DeclarationHistory } from './domain/services/declaration-history.js';
import { DEFAULT_PARTNER_SETTINGS } from './partner-settings.js';
import { createKyselyIdempotencyStore } from './adapters/kysely/idempotency.js';
import type { IdempotencyStore } from './ports/idempotency.js';
import type { WebhookSender } from './ports/partners.js';
import { keyIdOf } from './domain/credentials/key-id.js';
import { createWebComponents, type WebComponents } from './web-components.js';
import { createMailComponents, type MailComponents } from './mail-components.js';
import { createKyselyAccounts } from './adapters/kysely/accounts.js';
import type { MailTransport } from './ports/mail.js';
import { DEFAULT_WEB_SETTINGS } from './web-settings.js';

export const REGISTRY_NAME = { ja: '地方創生テレワーク宣言・表彰レジストリ', en: 'Regional Revitalization Telework Declaration and Award Registry' };

/** The use cases plus the credential service and issuer identity that the HTTP layer serves. */
export type Registry = ReturnType<typeof createRegistry> & {
  credentials: CredentialService;
  identity: IssuerIdentity;
  /** Read models for open data and the secretariat's statistics (no use case writes through them). */
  openData: OpenDataReader;
  statistics: StatisticsReader;
  /** The names of partners, webhooks and accounts the back office's audit log shows for their ids. */
  recordNames: RecordNameReader;
  /** The public portal's lists: totals, numbered pages in a stated order, home page figures. */
  portal: PortalReader;
  /** Declarations' past as the audit log holds it: the organization's page's history, lookups of a past day. */
  declarationHistory: DeclarationHistory;
  /** Partner API: OAuth clients, lookups, change feed, webhooks and their dispatcher. */
  partners: PartnerComponents;
  /** Idempotency-Key records for creating POSTs (src/http/idempotency.ts). */
  idempotency?: IdempotencyStore;
  /** Bulk re-issue of live credentials with the current key after a rotation. */
  reissue: ReissueService;
  /** Sign-in, sessions and members of the web application. */
  web: WebComponents;
  /** E-mail notifications: the outbox, invitation messages, and the dispatcher that sends them. */
  mail: MailComponents;
};

/**
 * Wires everything over any Kysely SQLite database (better-sqlite3 or D1). Shared by both
 * runtimes; only where the database and keys come from differs. Without keys, an ephemeral
 * in-memory key is made (tests and tools that never keep a credential).
 */
export async function createKyselyRegistry({
  db,
  unitOfWork,
  config,
  keys,
  webhookSender,
  mailTransport,
  generation,
  now = () => new Date(),
}: {
  db: Kysely<Database>;
  unitOfWork: UnitOfWork;
  config: Pick<Config, 'validityMonths' | 'publicBaseUrl' | 'didMethod'> & Partial<Pick<Config, 'partners' | 'statusListLength' | 'web' | 'trustedIssuers' | 'openDataBatchSize' | 'site'>>;
  keys?: IssuerKey[];
  /** How webhook POSTs leave this runtime; fetch unless the entry point gives one (Node does). */
  webhookSender?: WebhookSender;
  /** How e-mail leaves this runtime: Node gives SMTP or the folder; otherwise MAIL_API_URL, or none (messages wait in the outbox). */
  mailTransport?: MailTransport | null;
  /** Where the store can tell that nothing was committed (SQLite), read models keep their aggregates meanwhile. */
  generation?: DataGeneration;
  now?: () => Date;
}): Promise<Registry> {
  const clock = { now };
  const newId = () => uuidv7();
  const repos = createKyselyRepositories(db);
  const identity = createIssuerIdentity({ baseUrl: config.publicBaseUrl, method: config.didMethod, keys: keys ?? [await generateIssuerKey()] });
  const credentialStore = createKyselyCredentialStore(db);
  const credentials = createCredentialService({
    store: credentialStore,
    securer: createCredentialSecurer({ identity, now, ...(config.trustedIssuers ? { trustedIssuers: config.trustedIssuers } : {}) }),
    repos,
    issuer: () => ({ id: identity.did, nameJa: REGISTRY_NAME.ja, nameEn: REGISTRY_NAME.en, url: config.publicBaseUrl }),
    baseUrl: config.publicBaseUrl,
    clock,
    newId,
    encodeStatusList,
    ...(config.statusListLength ? { statusListLength: config.statusListLength } : {}),
  });
  // Public change events ride in the same batch as the change that causes them (feed + webhook outbox).
  const outbox = createKyselyChangeOutbox(db, { now: () => now().getTime() });
  // E-mail to organizations rides in the same batch as the change too (mail outbox).
  const mail = createMailComponents({
    db, uow: unitOfWork, repos, accounts: createKyselyAccounts(db), clock, newId, now, baseUrl: config.publicBaseUrl, sender: REGISTRY_NAME, contactUrl: config.site?.contactUrl ?? null,
    settings: config.web ?? DEFAULT_WEB_SETTINGS, ...(mailTransport !== undefined ? { transport: mailTransport } : {}),
  });
  const registry = createRegistry({ repos, uow: unitOfWork, clock, newId, validityMonths: config.validityMonths, credentials: credentials.lifecycle, outbox, notifications: mail.notifications });
  const declarationHistory = createDeclarationHistory({ reader: createKyselyLookupReader(db, repos.organizations), clock });
  const partners = createPartnerComponents({
    db, uow: unitOfWork, repos, identity, history: declarationHistory, clock, newId, baseUrl: config.publicBaseUrl, settings: config.partners ?? DEFAULT_PARTNER_SETTINGS,
    ...(webhookSender ? { sender: webhookSender } : {}),
  });
  const reissue = createReissueService({
    store: credentialStore,
    credentials,
    repos,
    uow: unitOfWork,
    clock,
    activeKeyId: () => keyIdOf(identity.verificationMethodId(identity.activeKey())),
  });
  const web = createWebComponents({ db, uow: unitOfWork, repos, clock, newId, mail, publicBaseUrl: config.publicBaseUrl, authenticateToken: registry.tokens.authenticate, lifecycles: registry, ...(config.web ? { settings: config.web } : {}) });
  return { ...registry, web, mail, credentials, identity, openData: createKyselyOpenData(db, { ...(config.openDataBatchSize ? { batchSize: config.openDataBatchSize } : {}), ...(generation ? { generation } : {}) }), statistics: createKyselyStatistics(db, generation ? { generation } : {}), recordNames: createKyselyRecordNames(db), portal: createKyselyPortal(db, generation ? { generation } : {}), declarationHistory, partners, reissue, idempotency: createKyselyIdempotencyStore(db) };
}
