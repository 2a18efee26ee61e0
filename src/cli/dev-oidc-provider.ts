import { startOidcProvider } from '../../test/helpers/oidc-provider.js';

/**
 * npm run dev:oidc: a development OpenID Connect provider standing in for GビズID, to try the
 * organizations' sign-in locally (oidc-provider, the same one the tests start). Its login page
 * takes any login: a 13-digit login is used as the account's 法人番号 (so typing the number of a
 * registered company signs in as that company); anything else is an account without one. The
 * account's type (claim `account_type`) follows the login: `-entry`, `-member` or `-prime` after
 * the number chooses it (7123456789012-entry), and a login without one is `prime`. These values
 * are this provider's own: GビズID's are in its specification for connected systems.
 *
 * Environment: PUBLIC_BASE_URL of the registry (default http://localhost:8787, npm start's),
 * OIDC_DEV_PORT (default 4400). It prints the OIDC_* variables to start the registry with.
 * Development only: accounts live in memory and any password is accepted.
 */
const registry = (process.env.PUBLIC_BASE_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
const port = Number(process.env.OIDC_DEV_PORT ?? 4400);

const provider = await startOidcProvider({
  redirectUri: `${registry}/auth/oidc/callback`,
  clientId: 'registry-dev',
  clientSecret: 'registry-dev-secret',
  port,
  accountFor: (login) => {
    const [, number, type] = /^(\d{13})?(?:-(entry|member|prime))?$/.exec(login) ?? [];
    return {
      sub: login,
      corporateNumber: number ?? null,
      accountType: type ?? 'prime',
      email: `${login.replace(/[^\w.-]/g, '')}@example.jp`,
      name: number ? `担当者（${login}）` : login,
    };
  },
});

const env = Object.entries(provider.registryEnv).map(([name, value]) => `${name}=${value}`).join(' ');
console.log(`Development OpenID Connect provider at ${provider.issuer} (for ${registry}).
Start the registry in another terminal with:
  ${env} npm start
then open ${registry}/login and choose GビズID (gBizID in English); log in with a registered company's 13-digit 法人番号 (any password).
To try account types, add OIDC_ACCOUNT_TYPE_CLAIM=account_type OIDC_TRUSTED_ACCOUNT_TYPES=prime,member
and log in as <法人番号>-entry, -member or -prime (without a suffix: prime).
Ctrl-C stops it.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void provider.close().then(() => process.exit(0)));
}
