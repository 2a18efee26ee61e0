/** Which webhook URLs a partner may register: public HTTPS only (no SSRF into the operator's network). */
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPublicAddress } from '../../src/domain/partners/webhook-url.js';

const strict = { allowInsecureLocalhost: false };
const dev = { allowInsecureLocalhost: true };
const refusal = (url: string, policy = strict) => {
  try {
    checkWebhookUrl(url, policy);
    return null;
  } catch (error) {
    return (error as { fields: { field: string; en: string }[] }).fields[0];
  }
};

describe('webhook URLs', () => {
  it.each([
    'https://hooks.example.co.jp/registry',
    'https://203.0.114.7/hook', // a public address
    'https://[2606:4700:4700::1111]/hook',
  ])('accepts %s', (url) => {
    expect(refusal(url)).toBeNull();
  });

  it.each([
    ['http://hooks.example.co.jp/registry', 'https'],
    ['https://10.0.0.5/hook', 'public host'],
    ['https://172.16.3.4/hook', 'public host'],
    ['https://192.168.1.1/hook', 'public host'],
    ['https://169.254.169.254/latest/meta-data/', 'public host'], // cloud metadata
    ['https://100.64.0.1/hook', 'public host'],
    ['https://0.0.0.0/hook', 'public host'],
    ['https://192.0.2.10/hook', 'public host'],
    ['https://224.0.0.1/hook', 'public host'],
    ['https://[fd00::1]/hook', 'public host'],
    ['https://[fe80::1]/hook', 'public host'],
    ['https://[::ffff:10.0.0.1]/hook', 'public host'],
    ['https://[64:ff9b::a00:1]/hook', 'public host'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'public host'],
    ['https://printer.local/hook', 'public host'],
    ['https://intranet/hook', 'public host'],
    ['https://127.0.0.1/hook', 'localhost'],
    ['https://0x7f.1/hook', 'localhost'], // the URL parser makes this 127.0.0.1
    ['https://2130706433/hook', 'localhost'],
    ['https://[::1]/hook', 'localhost'],
    ['https://[::ffff:127.0.0.1]/hook', 'localhost'],
    ['https://api.localhost/hook', 'localhost'],
    ['https://user:secret@hooks.example.co.jp/', 'credentials'],
    // The same names with a trailing dot (the DNS root) are the same hosts.
    ['https://localhost./hook', 'localhost'],
    ['https://LOCALHOST../hook', 'localhost'],
    ['https://foo.localhost./hook', 'localhost'],
    ['https://x.local./hook', 'public host'],
    ['https://metadata.google.internal./computeMetadata/v1/', 'public host'],
    ['https://intranet./hook', 'public host'],
    ['https://127.0.0.1./hook', 'localhost'],
    ['https://hooks.example.co.jp:0/hook', 'port 0'],
    ['https://./hook', 'host name'],
  ])('refuses %s (%s), naming /url in both languages', (url, reason) => {
    const field = refusal(url);
    expect(field).toMatchObject({ field: '/url', en: expect.stringContaining(reason), ja: expect.any(String) });
  });

  it('stores the normalized host: lowercase, IDNA, no trailing dot', () => {
    expect(checkWebhookUrl('https://Hooks.Example.CO.JP./registry#frag', strict)).toBe('https://hooks.example.co.jp/registry');
    expect(checkWebhookUrl('https://ｈｏｏｋｓ.例え.jp/x', strict)).toBe('https://hooks.xn--r8jz45g.jp/x');
    expect(checkWebhookUrl('https://[2606:4700:4700::1111]:8443/hook', strict)).toBe('https://[2606:4700:4700::1111]:8443/hook');
  });

  it('with WEBHOOK_ALLOW_INSECURE_LOCALHOST, loopback (http too) is allowed, private networks still are not', () => {
    expect(refusal('http://127.0.0.1:8080/hook', dev)).toBeNull();
    expect(refusal('http://localhost:8080/hook', dev)).toBeNull();
    expect(refusal('http://[::1]:8080/hook', dev)).toBeNull();
    expect(refusal('http://10.0.0.5/hook', dev)?.en).toContain('public host');
    expect(refusal('http://hooks.example.co.jp/hook', dev)?.en).toContain('https');
  });

  it('stores the URL without its fragment', () => {
    expect(checkWebhookUrl('https://hooks.example.co.jp/a?b=1#frag', strict)).toBe('https://hooks.example.co.jp/a?b=1');
  });

  it('classifies resolved addresses', () => {
    expect(['8.8.8.8', '2001:4860:4860::8888'].map(isPublicAddress)).toEqual([true, true]);
    expect(['10.1.1.1', '127.0.0.1', '::1', '::ffff:192.168.0.1', 'fc00::1', 'not an address'].map(isPublicAddress)).toEqual([false, false, false, false, false, false]);
  });
});
