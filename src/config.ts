import { parsePartnerSettings, type PartnerSettings } from './partner-settings.js';
import { parseWebSettings, WEB_VARIABLES, type WebSettings } from './web-settings.js';
import { DEFAULT_OPERATOR_NAME, type SiteSettings } from './http/pages/site-frame.js';
import { STATUS_LIST_LENGTH } from './adapters/crypto/status-list.js';
import { rawPublicKeyFromMultibase } from './adapters/crypto/keys.js';
import { OPEN_DATA_BATCH_SIZE } from './adapters/kysely/open-data-snapshot.js';

/** did:key:z6Mk… whose key decodes to an Ed25519 public key (what verification resolves offline). */
function isEd25519DidKey(did: string): boolean {
  if (!/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/.test(did)) return false;
  try {
    rawPublicKeyFromMultibase(did.slice('did:key:'.length));
    return true;
  } catch {
    return false;
  }
}

/**
 * Every environment variable parseConfig reads (tests-only TEST_… aside): `npm run dev:worker`
 * derives what it passes to the Worker from this list, and test/node/dev-worker.test.ts checks
 * that it names exactly what parseConfig reads.
 */
export const CONFIG_VARIABLES = [
  'PORT', 'HOST', 'WEB_CONCURRENCY', 'DATABASE_PATH', 'REGISTRY_ADMIN_TOKEN', 'PUBLIC_BASE_URL', 'KEYS_DIR', 'ISSUER_KEYS',
  'DECLARATION_VALIDITY_MONTHS', 'DID_METHOD', 'RATE_LIMIT_PUBLIC_PER_MINUTE', 'TRUST_PROXY', 'TRUSTED_ISSUERS',
  'WEBHOOK_ALLOW_INSECURE_LOCALHOST', 'WEBHOOK_RETRY_BASE_MS', 'WEBHOOK_MAX_ATTEMPTS', 'WEBHOOK_TIMEOUT_MS', 'WEBHOOK_DISPATCH_INTERVAL_MS',
  'SITE_OPERATOR_NAME', 'SITE_OPERATOR_NAME_EN', 'SITE_CONTACT_URL', 'SITE_PRIVACY_URL', 'SITE_TERMS_URL', 'SITE_ACCESSIBILITY_URL',
  ...WEB_VARIABLES,
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Configuration, parsed the same way from process.env (Node) and the Worker's env. */
export interface Config {
  port: number;
  /** Address to listen on; 0.0.0.0 to accept connections from other machines. */
  host: string;
  /**
   * Node only (WEB_CONCURRENCY): HTTP worker processes over the one SQLite file, 'auto' for one
   * per core (src/node.ts resolves it). 1, the default, is a single process without a cluster.
   */
  webConcurrency: number | 'auto';
  databasePath: string;
  adminToken: string | null;
  publicBaseUrl: string;
  keysDir: string;
  /** Months a published declaration stays valid before it expires. */
  validityMonths: number;
  didMethod: 'did:web' | 'did:key';
  /** Issuer keys as JSON (Worker secrets), instead of key files. */
  issuerKeysJson: string | null;
  /** Partner API and webhook delivery (see partner-settings.ts). */
  partners: PartnerSettings;
  /** Sign-in, sessions and e-mail of the web application (see web-settings.ts). */
  web: WebSettings;
  /** Anonymous requests per minute per client IP on the public endpoints (src/http/rate-limit.ts); 0 disables. */
  rateLimitPublicPerMinute: number;
  /** Node only: take the client IP from X-Forwarded-For (set by a reverse proxy in front) rather than the socket. */
  trustProxy: boolean;
  /**
   * Other issuers whose credentials POST /credentials/verify accepts in full (TRUSTED_ISSUERS,
   * comma-separated): Ed25519 did:key DIDs only, resolved offline from the DID itself; a did:web
   * would need its DID document fetched, which verification never does. Empty: only this registry.
   */
  trustedIssuers: string[];
  /**
   * Indexes per new status list: 131,072, the Bitstring Status List minimum (herd privacy). Only
   * tests set fewer (TEST_STATUS_LIST_LENGTH) so that lists fill and roll over after a few
   * issuances; such a list is still published padded to the minimum length.
   */
  statusListLength: number;
  /**
   * Rows an open data file reads a batch at a time (OPEN_DATA_BATCH_SIZE, 500). Only tests set
   * fewer (TEST_OPEN_DATA_BATCH_SIZE) so that a small registry's files span several batches.
   */
  openDataBatchSize: number;
  /** The operator and the contact, privacy, terms and accessibility links every page's footer shows. */
  site: SiteSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** SITE_* settings: the footer's operator name and links (an unset link is not shown). */
function parseSiteSettings(env: Record<string, string | undefined>, problems: string[]): SiteSettings {
  const link = (name: 'SITE_CONTACT_URL' | 'SITE_PRIVACY_URL' | 'SITE_TERMS_URL' | 'SITE_ACCESSIBILITY_URL'): string | null => {
    const value = env[name]?.trim();
    if (!value) return null;
    // mailto: for a contact address; otherwise a web page.
    if (/^mailto:[^\s]+@[^\s]+$/.test(value)) return value;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // reported below
    }
    problems.push(`${name} must be an http(s) URL${name === 'SITE_CONTACT_URL' ? ' or a mailto: address' : ''} (got "${value}")`);
    return null;
  };
  return {
    operatorName: operatorNameOf(env),
    contactUrl: link('SITE_CONTACT_URL'),
    privacyUrl: link('SITE_PRIVACY_URL'),
    termsUrl: link('SITE_TERMS_URL'),
    accessibilityUrl: link('SITE_ACCESSIBILITY_URL'),
  };
}

/**
 * The operator's name in both languages: the default pair, or the operator's own; a Japanese name
 * given without an English one stays as given on English pages rather than showing the default's.
 */
function operatorNameOf(env: Record<string, string | undefined>): SiteSettings['operatorName'] {
  const ja = env.SITE_OPERATOR_NAME?.trim();
  const en = env.SITE_OPERATOR_NAME_EN?.trim();
  if (!ja) return { ja: DEFAULT_OPERATOR_NAME.ja, en: en || DEFAULT_OPERATOR_NAME.en };
  return { ja, en: en || ja };
}

/** Collects every problem before failing, so an operator fixes them in one go. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 8787);
  const portValid = Number.isInteger(port) && port >= 0 && port <= 65535;
  if (!portValid) problems.push(`PORT must be an integer from 0 to 65535 (got "${env.PORT}")`);
  const validityMonths = Number(env.DECLARATION_VALIDITY_MONTHS ?? 36);
  if (!Number.isInteger(validityMonths) || validityMonths < 1 || validityMonths > 120) {
    problems.push(`DECLARATION_VALIDITY_MONTHS must be an integer from 1 to 120 (got "${env.DECLARATION_VALIDITY_MONTHS}")`);
  }
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  // Unset, the address is made from PORT: a bad PORT is already named, not again as PUBLIC_BASE_URL.
  if (env.PUBLIC_BASE_URL !== undefined || portValid) {
    try {
      const url = new URL(publicBaseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('PUBLIC_BASE_URL must be an http(s) URL');
    } catch {
      problems.push(`PUBLIC_BASE_URL is not a URL (got "${env.PUBLIC_BASE_URL}")`);
    }
  }
  const adminToken = env.REGISTRY_ADMIN_TOKEN || null;
  if (adminToken !== null && (adminToken.length < 16 || !/^[\x21-\x7e]+$/.test(adminToken))) {
    problems.push('REGISTRY_ADMIN_TOKEN must be at least 16 printable ASCII characters without spaces');
  }
  const didMethod = env.DID_METHOD ?? 'did:web';
  if (didMethod !== 'did:web' && didMethod !== 'did:key') problems.push('DID_METHOD must be did:web or did:key');
  const partners = parsePartnerSettings(env, problems);
  const web = parseWebSettings(env, problems);
  const site = parseSiteSettings(env, problems);
  const rateLimitPublicPerMinute = Number(env.RATE_LIMIT_PUBLIC_PER_MINUTE ?? 300);
  if (!Number.isInteger(rateLimitPublicPerMinute) || rateLimitPublicPerMinute < 0) {
    problems.push(`RATE_LIMIT_PUBLIC_PER_MINUTE must be a non-negative integer; 0 disables the limit (got "${env.RATE_LIMIT_PUBLIC_PER_MINUTE}")`);
  }
  const concurrency = env.WEB_CONCURRENCY?.trim() || '1';
  const webConcurrency = concurrency === 'auto' ? 'auto' : Number(concurrency);
  if (webConcurrency !== 'auto' && (!/^\d+$/.test(concurrency) || webConcurrency < 1 || webConcurrency > 256)) {
    problems.push(`WEB_CONCURRENCY must be auto (one worker per core) or an integer from 1 to 256 (got "${env.WEB_CONCURRENCY}")`);
  }
  const trustProxy = env.TRUST_PROXY ?? 'false';
  if (trustProxy !== 'true' && trustProxy !== 'false') problems.push(`TRUST_PROXY must be true or false (got "${env.TRUST_PROXY}")`);
  const trustedIssuers = (env.TRUSTED_ISSUERS ?? '').split(',').map((did) => did.trim()).filter(Boolean);
  for (const did of trustedIssuers) {
    if (!isEd25519DidKey(did)) {
      problems.push(`TRUSTED_ISSUERS must list Ed25519 did:key DIDs (did:key:z6Mk…), comma-separated; "${did}" is not one (a did:web cannot be resolved offline)`);
    }
  }
  const statusListLength = Number(env.TEST_STATUS_LIST_LENGTH ?? STATUS_LIST_LENGTH);
  if (!Number.isInteger(statusListLength) || statusListLength < 8 || statusListLength > STATUS_LIST_LENGTH) {
    problems.push(`TEST_STATUS_LIST_LENGTH (tests only) must be an integer from 8 to ${STATUS_LIST_LENGTH} (got "${env.TEST_STATUS_LIST_LENGTH}")`);
  }
  const openDataBatchSize = Number(env.TEST_OPEN_DATA_BATCH_SIZE ?? OPEN_DATA_BATCH_SIZE);
  if (!Number.isInteger(openDataBatchSize) || openDataBatchSize < 1 || openDataBatchSize > OPEN_DATA_BATCH_SIZE) {
    problems.push(`TEST_OPEN_DATA_BATCH_SIZE (tests only) must be an integer from 1 to ${OPEN_DATA_BATCH_SIZE} (got "${env.TEST_OPEN_DATA_BATCH_SIZE}")`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    webConcurrency,
    databasePath: env.DATABASE_PATH || 'data/registry.sqlite',
    adminToken,
    publicBaseUrl,
    keysDir: env.KEYS_DIR || 'keys',
    validityMonths,
    didMethod: didMethod as Config['didMethod'],
    issuerKeysJson: env.ISSUER_KEYS || null,
    partners,
    web,
    rateLimitPublicPerMinute,
    trustProxy: trustProxy === 'true',
    trustedIssuers: [...new Set(trustedIssuers)],
    statusListLength,
    openDataBatchSize,
    site,
  };
}
