import { invalid } from '../errors.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Webhook endpoints must be HTTPS. Plain http is allowed only to this machine, and only when
 * the operator says so (WEBHOOK_ALLOW_INSECURE_LOCALHOST=true: development and tests).
 * Loopback is refused over https unless allowed too, so a partner cannot point us at ourselves.
 */
export function checkWebhookUrl(raw: string, { allowInsecureLocalhost }: { allowInsecureLocalhost: boolean }): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid([{ field: '/url', ja: 'URL の形式が正しくありません。', en: 'url is not a valid URL.' }]);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.username || url.password) {
    throw invalid([{ field: '/url', ja: 'URL に認証情報を含めることはできません。', en: 'url must not contain credentials.' }]);
  }
  if (loopback && !allowInsecureLocalhost) {
    throw invalid([{ field: '/url', ja: 'ローカルホストは指定できません。', en: 'url must not point at localhost.' }]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw invalid([{ field: '/url', ja: 'URL は https:// で始まる必要があります。', en: 'url must use https.' }]);
  }
  url.hash = '';
  return url.toString();
}
