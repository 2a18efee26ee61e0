import { isMailbox } from './domain/mail/recipients.js';

/**
 * Settings of sign-in, sessions and e-mail for the web application, parsed from the same
 * environment as Config (process.env on Node, the Worker's env). Names are fixed by the API
 * contract ("Sign-in"); each is documented in the README.
 */
export interface OidcProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
}

export interface WebSettings {
  /** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: the organizations' provider (GビズID); null = that sign-in is off. */
  oidc: OidcProviderSettings | null;
  /** OIDC_CORPORATE_NUMBER_CLAIM: the ID token or userinfo claim that holds the 法人番号. */
  corporateNumberClaim: string;
  /**
   * OIDC_SELF_REGISTRATION (`on`, the default, or `off`): a person whose GビズID account carries a
   * valid 法人番号 that no organization holds may register that company and begin its declaration
   * (the secretariat reviews it before anything is published). `off`: they are told to ask the
   * secretariat to register it. Means nothing without OIDC_ISSUER.
   */
  oidcSelfRegistration: boolean;
  /**
   * OIDC_ACCOUNT_TYPE_CLAIM and OIDC_TRUSTED_ACCOUNT_TYPES: the ID token or userinfo claim that
   * holds the account's type, and the types (comma-separated) whose 法人番号 the registry trusts to
   * register a company or to join one. GビズID issues gBizIDエントリー accounts without checking any
   * document, so their 法人番号 is only self-declared; gBizIDプライム and gBizIDメンバー are vouched
   * for. Null (the default, no claim set): every account's 法人番号 is trusted.
   */
  accountTypes: { claim: string; trusted: readonly string[] } | null;
  /** STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET: the secretariat's provider; null = off. */
  staffOidc: OidcProviderSettings | null;
  /** SESSION_IDLE_MINUTES (default 30) and SESSION_ABSOLUTE_HOURS (default 12). */
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** INVITATION_TTL_HOURS: how long an invitation link works (default 72). */
  invitationTtlHours: number;
  /** SMTP_URL: smtp:// or smtps:// with credentials (Node); null = messages go to MAIL_DIR. */
  smtpUrl: string | null;
  /** MAIL_FROM: the sender; default the registry's name at no-reply@ the public host. */
  mailFrom: string | null;
  /**
   * MAIL_REPLY_TO: one plain address (office@example.go.jp) that replies reach; every letter then
   * carries it as Reply-To and its footer says so. Null (the default): the footer says the
   * sender's address does not receive replies.
   */
  mailReplyTo: string | null;
  /** MAIL_DIR: where messages are written when no transport is configured (default data/mail). */
  mailDir: string;
  /** MAIL_API_URL, MAIL_API_TOKEN: an HTTP mail API (the Worker's transport); null = none. */
  mailApiUrl: string | null;
  mailApiToken: string | null;
  /**
   * MAIL_RETENTION_DAYS (default 90): a message sent, or given up, this many days ago is deleted
   * (its recipient and text are personal data); one still waiting to go out never is.
   */
  mailRetentionDays: number;
  /** NTA_APPLICATION_ID and NTA_API_URL: the 法人番号システム Web-API that prefills names and addresses; null = no lookup. */
  corporateNumberApi: CorporateNumberApiSettings | null;
  /**
   * REVOCATION_TWO_PERSON (default true): a revocation in the back office waits for a second
   * administrator's approval; `false` for a one-person secretariat (then one administrator revokes).
   */
  twoPersonRevocation: boolean;
}

export interface CorporateNumberApiSettings {
  /** The application ID the National Tax Agency issued: a credential, never logged. */
  applicationId: string;
  /** Base URL without the version (default https://api.houjin-bangou.nta.go.jp). */
  baseUrl: string;
}

/** GビズID's claim for the account's 法人番号. */
export const GBIZID_CORPORATE_NUMBER_CLAIM = 'corporate_number';

export const WEB_VARIABLES = [
  'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_CORPORATE_NUMBER_CLAIM', 'OIDC_SELF_REGISTRATION',
  'OIDC_ACCOUNT_TYPE_CLAIM', 'OIDC_TRUSTED_ACCOUNT_TYPES',
  'STAFF_OIDC_ISSUER', 'STAFF_OIDC_CLIENT_ID', 'STAFF_OIDC_CLIENT_SECRET',
  'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS', 'INVITATION_TTL_HOURS',
  'SMTP_URL', 'MAIL_FROM', 'MAIL_REPLY_TO', 'MAIL_DIR', 'MAIL_API_URL', 'MAIL_API_TOKEN', 'MAIL_RETENTION_DAYS',
  'NTA_APPLICATION_ID', 'NTA_API_URL', 'REVOCATION_TWO_PERSON',
] as const;

/** The 法人番号システム Web-API's official address. */
export const NTA_API_DEFAULT_URL = 'https://api.houjin-bangou.nta.go.jp';

/** Loopback hosts, where a plain http issuer is tolerated (development and tests). */
export const isLoopbackHost = (hostname: string) => /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(hostname);

function provider(env: Record<string, string | undefined>, prefix: 'OIDC' | 'STAFF_OIDC', problems: string[]): OidcProviderSettings | null {
  const issuer = env[`${prefix}_ISSUER`] || null;
  const clientId = env[`${prefix}_CLIENT_ID`] || null;
  if (!issuer) return null;
  try {
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      problems.push(`${prefix}_ISSUER must be an https URL (plain http only on loopback addresses, for development)`);
    }
  } catch {
    problems.push(`${prefix}_ISSUER is not a URL (got "${issuer}")`);
  }
  if (!clientId) problems.push(`${prefix}_CLIENT_ID is required when ${prefix}_ISSUER is set`);
  return { issuer: issuer.replace(/\/+$/, ''), clientId: clientId ?? '', clientSecret: env[`${prefix}_CLIENT_SECRET`] || null };
}

function corporateNumberApi(env: Record<string, string | undefined>, problems: string[]): CorporateNumberApiSettings | null {
  // Both are read (and the URL checked) even without an ID, so a wrong URL shows before the ID arrives.
  const applicationId = env.NTA_APPLICATION_ID || null;
  const baseUrl = (env.NTA_API_URL || NTA_API_DEFAULT_URL).replace(/\/+$/, '');
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      problems.push('NTA_API_URL must be an https URL (plain http only on loopback addresses, for development)');
    } else if (url.search || url.hash || url.username || url.password) {
      problems.push('NTA_API_URL must be a base URL without query, fragment or credentials');
    }
  } catch {
    problems.push(`NTA_API_URL is not a URL (got "${baseUrl}")`);
  }
  if (!applicationId) return null;
  // The ID goes into a query string; its value is never echoed here (it is a credential).
  if (!/^[\x21-\x7e]{1,64}$/.test(applicationId)) problems.push('NTA_APPLICATION_ID must be the application ID as issued (printable ASCII, no spaces)');
  return { applicationId, baseUrl };
}

/** A claim's name or one account type's value: printable, without spaces or commas (the list's separator). */
const CLAIM_TOKEN = /^[^\s,\p{Cc}]{1,100}$/u;

function accountTypes(env: Record<string, string | undefined>, problems: string[]): WebSettings['accountTypes'] {
  const claim = env.OIDC_ACCOUNT_TYPE_CLAIM?.trim() || null;
  const list = env.OIDC_TRUSTED_ACCOUNT_TYPES?.trim() || null;
  if (!claim) {
    // A list without its claim would silently check nothing: the operator meant something else.
    if (list) problems.push('OIDC_TRUSTED_ACCOUNT_TYPES needs OIDC_ACCOUNT_TYPE_CLAIM (the claim that holds the account type)');
    return null;
  }
  if (!CLAIM_TOKEN.test(claim)) problems.push(`OIDC_ACCOUNT_TYPE_CLAIM must be one claim name, without spaces or commas (got "${claim}")`);
  if (!list) {
    problems.push('OIDC_TRUSTED_ACCOUNT_TYPES is required when OIDC_ACCOUNT_TYPE_CLAIM is set: the account types (comma-separated) that may register a company or join one');
    return { claim, trusted: [] };
  }
  const trusted = list.split(',').map((value) => value.trim());
  if (trusted.some((value) => !CLAIM_TOKEN.test(value))) {
    problems.push(`OIDC_TRUSTED_ACCOUNT_TYPES must be account types separated by commas, none empty or with spaces (got "${list}")`);
  }
  return { claim, trusted: [...new Set(trusted)] };
}

export function parseWebSettings(env: Record<string, string | undefined>, problems: string[]): WebSettings {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return value;
  };
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'true' && raw !== 'false') problems.push(`${name} must be true or false (got "${raw}")`);
    return raw === 'true';
  };
  const onOff = (name: string, fallback: boolean) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'on' && raw !== 'off') problems.push(`${name} must be on or off (got "${raw}")`);
    return raw === 'on';
  };
  const mailReplyTo = env.MAIL_REPLY_TO?.trim() || null;
  // One mailbox, nothing else: the value goes into a header of every message.
  if (mailReplyTo && !isMailbox(mailReplyTo)) problems.push(`MAIL_REPLY_TO must be one e-mail address, such as office@example.go.jp, without a name or angle brackets (got "${mailReplyTo}")`);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  // Checked here, or every message would fail only when sent, retried until it is given up.
  const mailFrom = env.MAIL_FROM || null;
  const fromAddress = mailFrom && (/^[^<>]*<([^<>]+)>$/.exec(mailFrom.trim())?.[1] ?? mailFrom.trim());
  if (mailFrom && !isMailbox(fromAddress)) {
    problems.push(`MAIL_FROM must be an e-mail address, alone or as "Name" <address> (got "${mailFrom}")`);
  }
  const mailApiUrl = env.MAIL_API_URL || null;
  if (mailApiUrl) {
    try {
      const url = new URL(mailApiUrl);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        problems.push('MAIL_API_URL must be an https URL (plain http only on loopback addresses, for development)');
      }
    } catch {
      // Not echoed: a mail API's address may carry a key in its query.
      problems.push('MAIL_API_URL is not a URL');
    }
  }
  return {
    oidc: provider(env, 'OIDC', problems),
    corporateNumberClaim: env.OIDC_CORPORATE_NUMBER_CLAIM || GBIZID_CORPORATE_NUMBER_CLAIM,
    oidcSelfRegistration: onOff('OIDC_SELF_REGISTRATION', true),
    accountTypes: accountTypes(env, problems),
    staffOidc: provider(env, 'STAFF_OIDC', problems),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    invitationTtlHours: int('INVITATION_TTL_HOURS', 72, 1, 24 * 30),
    smtpUrl,
    mailFrom,
    mailReplyTo,
    mailDir: env.MAIL_DIR || 'data/mail',
    mailApiUrl,
    mailApiToken: env.MAIL_API_TOKEN || null,
    mailRetentionDays: int('MAIL_RETENTION_DAYS', 90, 1, 3650),
    corporateNumberApi: corporateNumberApi(env, problems),
    twoPersonRevocation: bool('REVOCATION_TWO_PERSON', true),
  };
}

export const DEFAULT_WEB_SETTINGS: WebSettings = parseWebSettings({}, []);
