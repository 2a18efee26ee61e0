/**
 * A policy pasted from Word into the declaration form, as long as the form allows (4,000字まで), in
 * which 𠮷 (a kanji outside the BMP, as in 𠮷野家) and an emoji appear: the registry counts
 * characters as a person does (𠮷 is one), but the browser's maxlength counts UTF-16 units (𠮷 is
 * two) and silently cut the paste's last characters, so the text saved was not the text pasted.
 * Every field's browser limit now leaves room for such characters; the registry's own count is
 * the limit (a longer text is refused with its length, the text kept). Real Chromium, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, seriousAxeViolations } from '../helpers/browser.js';
import { seedCompany, type TestServer } from '../helpers/server.js';
import { signInAsMember, startOnOwnOrigin } from '../helpers/staff.js';

if (browserMissing) console.warn(`Skipping the pasted-text browser test: ${CHROMIUM_PATH} is missing.`);

/** 4,000 characters as a person counts them, one in 15 of them 𠮷 or 😀 (two UTF-16 units each). */
const POLICY = [...'𠮷野家😀との連携で地方拠点を整備し、転職なき移住を支援します。'.repeat(200)].slice(0, 4000).join('');

describe.skipIf(browserMissing)('a policy pasted into the declaration form up to its limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOnOwnOrigin();
  });
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  it('keeps every character the registry would take, and saves the text as pasted', async () => {
    expect([...POLICY]).toHaveLength(4000);
    const { organization, declarationId } = await seedCompany(server, { n: 9811 });
    const jar = (await signInAsMember(server, organization.id)).jar;
    await b.context.addCookies([...jar].map(([name, value]) => ({ name, value, url: server.url })));

    await b.page.goto(`${server.url}/my/declaration`);
    await b.page.fill('#f-policy', '');
    await b.page.focus('#f-policy');
    await b.page.keyboard.insertText(POLICY); // a paste: what the browser lets into the field
    expect([...(await b.page.inputValue('#f-policy'))]).toHaveLength(4000);
    expect(await seriousAxeViolations(b.page)).toEqual([]);

    await b.page.getByRole('button', { name: '下書きとして保存' }).click();
    await b.page.waitForURL('**/my/declaration?saved=draft');
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.content.policy).toBe(POLICY);
  });
});
