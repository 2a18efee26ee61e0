import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

/**
 * The back office says what the organization will hear of a decision by e-mail, as it will be:
 * told; not told, when it has no address on record (no member's, no contact); or not yet, when the
 * registry has no way to send e-mail (the Worker without MAIL_API_URL: the letter waits). A
 * reviewer who reads 「団体にメールで知らせます」 does not phone the company.
 */
let server: TestServer;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
}, 120_000);
afterAll(() => server?.close());

const NO_ADDRESS = '団体にはメールアドレスの登録がないため、メールは送られません。';
const NO_ADDRESS_EN = 'The organization has no e-mail address on record, so no e-mail is sent.';
const UNSENDABLE = 'メールの送信方法が設定されていないため、団体へのメールは送信待ちのまま残ります（「メール」で確認できます）。';
const TOLD = '団体にメールで知らせます。';

/** A company (with `contact` if given) and its submitted declaration. */
async function underReview(n: number, contact?: { email: string }) {
  const organization = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `通知確認${n}株式会社`, corporateNumber: corporateNumberFor(n), ...(contact ? { contact } : {}) } })).body;
  const declaration = (await server.call('POST', `/api/v1/organizations/${organization.id}/declarations`, { body: DECLARATION })).body;
  expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/submit`)).status).toBe(200);
  return { organizationId: organization.id as string, declarationId: declaration.id as string };
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, '');
const page = async (path: string) => textOf((await admin.request('GET', path)).text);

/** Publishes from the review page; the queue's notice it comes back to. */
async function publish(declarationId: string) {
  const review = (await admin.request('GET', `/admin/reviews/${declarationId}`)).text;
  const rowVersion = /name="rowVersion" value="(\d+)"/.exec(review)![1]!;
  const published = await admin.request('POST', `/admin/reviews/${declarationId}/publish`, { form: { csrf: csrfIn(review), rowVersion } });
  expect(published.status).toBe(303);
  return /<div class="notice notice--success" role="status">([^<]*)<\/div>/.exec((await admin.request('GET', published.headers.get('location')!)).text)?.[1];
}

describe('what the back office says the organization is told by e-mail', () => {
  it('with no address on record: no e-mail is promised, and why, on the review page, after publishing, beside suspending a declaration and an award', async () => {
    const { organizationId, declarationId } = await underReview(720);
    const review = await page(`/admin/reviews/${declarationId}`);
    expect(review).toContain(`公表すると、ポータルに掲載され、バッジ（クレデンシャル）が発行されます。${NO_ADDRESS}`);
    expect(review).toContain(`団体のマイページに表示されます。${NO_ADDRESS}500文字以内。`);
    expect(review).not.toContain('メールで知らせます');
    expect(await page(`/admin/reviews/${declarationId}?lang=en`)).toContain(`Publishing lists the declaration on the portal and issues its badge (credential). ${NO_ADDRESS_EN}`);

    expect(await publish(declarationId)).toBe(`「通知確認720株式会社」の宣言を公表しました。${NO_ADDRESS}`);
    expect(await page(`/admin/organizations/${organizationId}`)).toContain(`公開ページとバッジの検証で「一時停止中」と表示されます。${NO_ADDRESS}`);

    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status).toBe(201);
    expect(await page(`/admin/awards/${award.body.id}`)).toContain(`この表彰のクレデンシャルは検証で「一時停止中」と表示されます。${NO_ADDRESS}`);
  });

  it('with a contact address: told by e-mail, where e-mail can be sent; on the Worker without MAIL_API_URL, the letter waits and the page says so', async () => {
    const { organizationId, declarationId } = await underReview(721, { email: 'jinji@example.jp' });
    const told = onWorker ? UNSENDABLE : TOLD;
    expect(await page(`/admin/reviews/${declarationId}`)).toContain(`公表すると、ポータルに掲載され、バッジ（クレデンシャル）が発行されます。${told}`);
    expect(await publish(declarationId)).toBe(`「通知確認721株式会社」の宣言を公表しました。${told}`);
    expect(await page(`/admin/organizations/${organizationId}`)).toContain(`公開ページとバッジの検証で「一時停止中」と表示されます。${told}`);
    if (onWorker) expect(await page(`/admin/organizations/${organizationId}`)).not.toContain(TOLD);
  });
});
