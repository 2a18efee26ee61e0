import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

describe('RATE_LIMIT_PUBLIC_PER_MINUTE and TRUST_PROXY', () => {
  it('default to 300 per minute and not trusting X-Forwarded-For', () => {
    expect(parseConfig({})).toMatchObject({ rateLimitPublicPerMinute: 300, trustProxy: false });
    expect(parseConfig({ RATE_LIMIT_PUBLIC_PER_MINUTE: '0', TRUST_PROXY: 'true' })).toMatchObject({ rateLimitPublicPerMinute: 0, trustProxy: true });
  });

  it('reject nonsense in the same one message as every other problem', () => {
    try {
      parseConfig({ RATE_LIMIT_PUBLIC_PER_MINUTE: '-1', TRUST_PROXY: 'yes', PORT: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/RATE_LIMIT_PUBLIC_PER_MINUTE[\s\S]*TRUST_PROXY/);
      expect((error as ConfigError).problems.join('\n')).toContain('PORT');
    }
  });
});

describe('OIDC_SELF_REGISTRATION', () => {
  it('is on unless set to off', () => {
    const with_ = (value?: string) => parseConfig({ OIDC_ISSUER: 'https://gbiz-id.example.go.jp', OIDC_CLIENT_ID: 'registry', ...(value === undefined ? {} : { OIDC_SELF_REGISTRATION: value }) }).web.oidcSelfRegistration;
    expect(with_()).toBe(true);
    expect(with_('')).toBe(true);
    expect(with_('on')).toBe(true);
    expect(with_('off')).toBe(false);
  });

  it('refuses anything but on and off at start, naming it', () => {
    for (const bad of ['true', 'false', 'ON', 'yes']) {
      try {
        parseConfig({ OIDC_SELF_REGISTRATION: bad });
        expect.unreachable();
      } catch (error) {
        expect(error, bad).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems, bad).toEqual([`OIDC_SELF_REGISTRATION must be on or off (got "${bad}")`]);
      }
    }
  });
});
