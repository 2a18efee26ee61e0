import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { COMPANY, freePort, startTestServer, type TestServer } from './server.js';

/** The owner's account at the test GビズID provider (its 法人番号 is COMPANY's). */
const OWNER = { sub: 'gbiz-owner', corporateNumber: COMPANY.corporateNumber, email: 'jinji@mirai-work.example.jp', name: '山田 花子' };

export interface CompanyBrowser {
  provider: TestOidcProvider;
  server: TestServer;
  organizationId: string;
  browser: Browser;
  /** A phone-sized (390 px) Japanese browser context. */
  context: BrowserContext;
  /** Opens `path` on a signed-out page, signs in as the owner through the provider (skipped when it still knows them), and waits to be back on `path`. */
  signIn(tab: Page, path: string): Promise<void>;
  close(): Promise<void>;
}

/** A registry signing in through a real OpenID Connect provider, COMPANY registered, and chromium: for page tests of an organization's owner. */
export async function startCompanyBrowser(): Promise<CompanyBrowser> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
  provider.addAccount(OWNER);
  const server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv });
  const organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id as string;
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  return {
    provider,
    server,
    organizationId,
    browser,
    context,
    async signIn(tab, path) {
      await tab.goto(`${server.url}${path}`);
      if (new URL(tab.url()).pathname !== '/login') throw new Error(`${path} did not ask to sign in`);
      await tab.click('#login-oidc');
      await tab.waitForURL((url) => url.origin === provider.url || url.origin === server.url);
      if (new URL(tab.url()).origin === provider.url) {
        await tab.fill('input[name="login"]', OWNER.sub);
        await tab.fill('input[name="password"]', 'any');
        await tab.click('button[type="submit"]');
      }
      await tab.waitForURL((url) => url.origin === server.url && url.pathname === path, { timeout: 30_000 });
    },
    async close() {
      await context.close();
      await browser.close();
      await server.close();
      await provider.close();
    },
  };
}
