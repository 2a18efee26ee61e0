/**
 * MAIL_FROM when not configured: the registry's Japanese name at no-reply@ the public host, e.g.
 * `"地方創生テレワーク宣言・表彰レジストリ" <no-reply@registry.example.jp>`. Transports encode the
 * name for the header (RFC 2047). An IP address becomes an address literal (no-reply@[127.0.0.1]).
 */
export function defaultMailFrom({ name, publicBaseUrl }: { name: string; publicBaseUrl: string }): string {
  const hostname = new URL(publicBaseUrl).hostname;
  const domain = hostname.startsWith('[') ? `[IPv6:${hostname.slice(1, -1)}]` : /^[\d.]+$/.test(hostname) ? `[${hostname}]` : hostname;
  return `"${name.replace(/["\\]/g, '')}" <no-reply@${domain}>`;
}
