import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { freePort, startTestServer, type TestServer } from './server.js';

/**
 * Signs in at the registry's /login (`lang`: e.g. "?lang=en") with GビズID through the test
 * provider's own login form, as a person would; ends back on the registry, on whatever page it gave.
 */
async function signInWithGbizId(page: Page, urls: { server: string; provider: string }, sub: string, lang = ''): Promise<void> {
  await page.goto(`${urls.server}/login${lang}`);
  await page.click('#login-oidc');
  await page.waitForURL((url) => url.origin === urls.provider);
  await page.fill('input[name="login"]', sub);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.origin === urls.server, { timeout: 30_000 });
}

export interface GbizIdBrowser {
  provider: TestOidcProvider;
  server: TestServer;
  browser: Browser;
  /** Signs in at /login (`lang`: e.g. "?lang=en") through the provider's login form; ends on the registry. */
  signIn(page: Page, sub: string, lang?: string): Promise<void>;
  /** A phone-sized Japanese page of its own context, with JavaScript on or off. */
  newPage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * A registry with GビズID sign-in through the test OpenID Connect provider (on a port known before
 * it starts, for the redirect URI), with `env` added, and a chromium to walk it in.
 */
export async function startGbizIdBrowser(env: Record<string, string> = {}): Promise<GbizIdBrowser> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
  const server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv, ...env });
  const browser = await launchBrowser();
  return {
    provider,
    server,
    browser,
    signIn: (page, sub, lang = '') => signInWithGbizId(page, { server: server.url, provider: provider.url }, sub, lang),
    async newPage(javaScriptEnabled) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', javaScriptEnabled });
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await server.close();
      await provider.close();
    },
  };
}
