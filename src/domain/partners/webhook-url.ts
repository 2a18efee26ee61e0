import ipaddr from 'ipaddr.js';
import { invalid } from '../errors.js';

/**
 * Where the registry may POST events. Webhook endpoints must be public HTTPS: anything else
 * would let a partner make the registry call into its own network (SSRF), e.g. a cloud metadata
 * address or an admin port. Plain http, and loopback, only when the operator allows it
 * (WEBHOOK_ALLOW_INSECURE_LOCALHOST=true: development and tests).
 */
export interface WebhookTargetPolicy {
  allowInsecureLocalhost: boolean;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home\.arpa)$/i;

/** Only global unicast addresses; private, loopback, link-local, reserved, mapped and so on are not. */
export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';
}

function isLoopback(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

/** May the registry connect to this resolved address? */
export function isAllowedWebhookAddress(address: string, { allowInsecureLocalhost }: WebhookTargetPolicy): boolean {
  return isPublicAddress(address) || (allowInsecureLocalhost && isLoopback(address));
}

type Problem = { ja: string; en: string };
const PROBLEMS = {
  credentials: { ja: 'URL に認証情報を含めることはできません。', en: 'The URL must not contain credentials.' },
  localhost: { ja: 'ローカルホストは指定できません。', en: 'The URL must not point at localhost.' },
  private: {
    ja: 'URL はインターネット上の公開ホストを指す必要があります（プライベート・ローカル・予約済みのアドレスは指定できません）。',
    en: 'The URL must point at a public host, not a private, local or reserved address.',
  },
  https: { ja: 'URL は https:// で始まる必要があります。', en: 'The URL must use https.' },
  host: { ja: 'URL のホスト名が正しくありません。', en: 'The URL has an invalid host name.' },
  port: { ja: 'URL のポート番号 0 は指定できません。', en: 'The URL must not use port 0.' },
} satisfies Record<string, Problem>;

/**
 * The host as every check must see it. The URL parser already lowercases names and applies IDNA
 * (punycode), but keeps a trailing dot: `localhost.` and `x.local.` are the same names as without
 * it and must meet the same checks. Null when stripping leaves an empty label ("a..b", ".").
 */
export function normalizedHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.+$/, '');
  return host === '' || host.split('.').includes('') ? null : host;
}

/** Why the registry must not POST to this URL, or null. */
export function webhookTargetProblem(url: URL, policy: WebhookTargetPolicy): Problem | null {
  if (url.username || url.password) return PROBLEMS.credentials;
  if (url.port === '0') return PROBLEMS.port;
  const host = normalizedHost(url);
  if (host === null) return PROBLEMS.host;
  const literal = ipaddr.isValid(host);
  const loopback = literal ? isLoopback(host) : /(^|\.)localhost$/i.test(host);
  if (loopback) {
    if (!policy.allowInsecureLocalhost) return PROBLEMS.localhost;
  } else if (literal ? !isPublicAddress(host) : !host.includes('.') || LOCAL_NAMES.test(host)) {
    return PROBLEMS.private;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return PROBLEMS.https;
  return null;
}

/** The URL as stored (without fragment, host without trailing dots), or a 400 naming /url. */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid([{ field: '/url', ja: 'URL の形式が正しくありません。', en: 'url is not a valid URL.' }]);
  }
  const problem = webhookTargetProblem(url, policy);
  if (problem) throw invalid([{ field: '/url', ...problem }]);
  url.hash = '';
  if (!url.hostname.startsWith('[')) url.hostname = normalizedHost(url)!;
  return url.toString();
}
