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

describe('OIDC_ACCOUNT_TYPE_CLAIM and OIDC_TRUSTED_ACCOUNT_TYPES', () => {
  const gbizid = { OIDC_ISSUER: 'https://gbiz-id.example.go.jp', OIDC_CLIENT_ID: 'registry' };
  const problemsOf = (env: Record<string, string>) => {
    try {
      parseConfig({ ...gbizid, ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    return [];
  };

  it('check no account type unless the claim is set; then trust the listed types, trimmed, a number as text', () => {
    expect(parseConfig(gbizid).web.accountTypes).toBeNull();
    expect(parseConfig({ ...gbizid, OIDC_ACCOUNT_TYPE_CLAIM: '', OIDC_TRUSTED_ACCOUNT_TYPES: '' }).web.accountTypes).toBeNull();
    expect(parseConfig({ ...gbizid, OIDC_ACCOUNT_TYPE_CLAIM: 'account_type', OIDC_TRUSTED_ACCOUNT_TYPES: ' prime , member,2 ' }).web.accountTypes)
      .toEqual({ claim: 'account_type', trusted: ['prime', 'member', '2'] });
  });

  it('refuse at start the claim without its list, an empty or malformed list, a list without its claim, naming them', () => {
    expect(problemsOf({ OIDC_ACCOUNT_TYPE_CLAIM: 'account_type' })).toEqual([
      'OIDC_TRUSTED_ACCOUNT_TYPES is required when OIDC_ACCOUNT_TYPE_CLAIM is set: the account types (comma-separated) that may register a company or join one',
    ]);
    expect(problemsOf({ OIDC_ACCOUNT_TYPE_CLAIM: 'account_type', OIDC_TRUSTED_ACCOUNT_TYPES: ' , ' })).toEqual([
      'OIDC_TRUSTED_ACCOUNT_TYPES must be account types separated by commas, none empty or with spaces (got ",")',
    ]);
    for (const bad of ['prime,,member', 'prime,', 'gBiz Prime']) {
      const problems = problemsOf({ OIDC_ACCOUNT_TYPE_CLAIM: 'account_type', OIDC_TRUSTED_ACCOUNT_TYPES: bad });
      expect(problems, bad).toHaveLength(1);
      expect(problems[0], bad).toMatch(/^OIDC_TRUSTED_ACCOUNT_TYPES must be account types separated by commas/);
    }
    expect(problemsOf({ OIDC_ACCOUNT_TYPE_CLAIM: 'account type', OIDC_TRUSTED_ACCOUNT_TYPES: 'prime' })).toEqual([
      'OIDC_ACCOUNT_TYPE_CLAIM must be one claim name, without spaces or commas (got "account type")',
    ]);
    expect(problemsOf({ OIDC_TRUSTED_ACCOUNT_TYPES: 'prime,member' })).toEqual([
      'OIDC_TRUSTED_ACCOUNT_TYPES needs OIDC_ACCOUNT_TYPE_CLAIM (the claim that holds the account type)',
    ]);
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
