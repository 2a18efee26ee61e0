/**
 * The guide for the people who will declare (/guide, 自己宣言の手引き): an HR officer who heard of
 * the scheme finds it from the home page and the sign-in page, and reads the registry's own facts:
 * the ways to sign in that are configured, the form's fields, the configured validity, whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';

const CONTACT_URL = 'https://contact.example.jp/telework';

let plain: TestServer;
let withGbizId: TestServer;
let withoutSelfRegistration: TestServer;
let withAccountTypes: TestServer;

beforeAll(async () => {
  const gbizId = { OIDC_ISSUER: 'http://127.0.0.1:9/', OIDC_CLIENT_ID: 'registry', SITE_CONTACT_URL: CONTACT_URL, SITE_OPERATOR_NAME: '地方創生テレワーク推進室' };
  [plain, withGbizId, withoutSelfRegistration, withAccountTypes] = await Promise.all([
    startTestServer({ DECLARATION_VALIDITY_MONTHS: '18' }),
    startTestServer(gbizId),
    startTestServer({ ...gbizId, OIDC_SELF_REGISTRATION: 'off' }),
    startTestServer({ ...gbizId, OIDC_ACCOUNT_TYPE_CLAIM: 'account_type', OIDC_TRUSTED_ACCOUNT_TYPES: 'prime,member' }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), withGbizId?.close(), withoutSelfRegistration?.close(), withAccountTypes?.close()]);
});

const html = async (server: TestServer, path: string) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return response.text();
};
/** The text a reader sees in <main> (tags dropped, spaces folded). */
const mainText = (page: string) => (/<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the guide for declaring organizations', () => {
  it('is linked from the home page and the sign-in page, in both languages, and listed in the sitemap', async () => {
    for (const path of ['/', '/login']) expect(await html(plain, path), path).toMatch(/<a[^>]+href="\/guide"[^>]*>自己宣言の手引き<\/a>/);
    for (const path of ['/?lang=en', '/login?lang=en']) expect(await html(plain, path), path).toMatch(/<a[^>]+href="\/guide\?lang=en"[^>]*>How to declare<\/a>/);
    expect(await (await fetch(`${plain.url}/sitemaps/site.xml`)).text()).toMatch(/<loc>http[^<]*\/guide<\/loc>/);
  });

  it('says what to prepare with the form’s own fields, and the validity the registry is configured with', async () => {
    const ja = mainText(await html(plain, '/guide'));
    for (const field of ['宣言者（代表者）の氏名', '宣言日（トップのコミットメントの日）', '遵守するガイドラインの分野', '取組方針', '取組内容']) expect(ja, field).toContain(field);
    for (const area of ['労務制度', '人事制度', '給与制度', '通信環境', '情報セキュリティ']) expect(ja, area).toContain(area);
    expect(ja).toContain('宣言は公表から18か月有効です');
    expect(ja).toContain('有効期限の90日前から');
    expect(ja).toContain('認定ではありません');
    expect(ja).toContain('はじめは宣言日（トップのコミットメントの日）・遵守するガイドラインの分野・取組の目的・取組方針が選ばれています');
    const en = mainText(await html(plain, '/guide?lang=en'));
    expect(en).toContain('It is valid for 18 months from publication');
    expect(en).not.toMatch(/[\u3040-\u30ff]/);
  });

  it('names GビズID only where it is configured, and the secretariat with its contact page', async () => {
    const without = mainText(await html(plain, '/guide'));
    expect(without).not.toContain('GビズID');
    expect(without).toContain('招待リンクでパスキー');

    const page = await html(withGbizId, '/guide');
    const text = mainText(page);
    expect(text).toContain('法人番号の登録されたGビズIDでログイン');
    expect(text).toContain('自治体の方、GビズIDをお使いでない方は、');
    expect(text).toContain('宣言は公表から3年有効です');
    expect(page).toContain(`<a href="${CONTACT_URL}">地方創生テレワーク推進室</a>に登録を依頼してください。`);
    expect(mainText(await html(withGbizId, '/guide?lang=en'))).toContain('sign in with a gBizID account that holds your corporate number');
  });

  it('says a company registers itself with GビズID where that is offered, and that the secretariat registers it where not', async () => {
    const offered = mainText(await html(withGbizId, '/guide'));
    expect(offered).toContain('団体がまだ登録されていなくても、その場で登録して自己宣言を始められます');
    expect(offered).toContain('自治体などの団体は、事務局が登録簿に登録します');
    expect(offered).not.toContain('事務局が団体を登録簿に登録します（企業は法人番号');
    const english = mainText(await html(withGbizId, '/guide?lang=en'));
    expect(english).toContain('if your company is not registered yet, you can register it there and start its declaration at once');
    expect(english).toContain('1. Register your organization');
    for (const server of [plain, withoutSelfRegistration]) {
      const text = mainText(await html(server, '/guide'));
      expect(text).toContain('事務局が団体を登録簿に登録します（企業は法人番号、自治体は地方公共団体コードで）');
      expect(text).not.toContain('その場で登録');
    }
    expect(mainText(await html(withoutSelfRegistration, '/guide'))).toContain('法人番号の登録されたGビズIDでログイン');
  });

  it('where GビズID account types are checked, names the accounts that register and join, and how an Entry account joins', async () => {
    const text = mainText(await html(withAccountTypes, '/guide'));
    expect(text).toContain('企業の方は、gBizIDプライム（またはその管理者が発行したgBizIDメンバー）のアカウントでログインすると、団体がまだ登録されていなくても');
    expect(text).toContain('gBizIDエントリーのアカウントは、団体の管理者から届く招待リンクで参加します。');
    expect(text).not.toContain('法人番号の登録されたGビズIDでログイン');
    const english = mainText(await html(withAccountTypes, '/guide?lang=en'));
    expect(english).toContain('At a company, sign in with a gBizID Prime account (or a gBizID Member account its holder issued): you become a member');
    expect(mainText(await html(withGbizId, '/guide'))).not.toContain('gBizIDエントリー');
  });

  it('is offered on the dashboard of a member whose organization has not declared yet', async () => {
    const organization = await plain.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '手引き株式会社', corporateNumber: corporateNumberFor(71) } });
    expect(organization.status).toBe(201);
    const member = await signInAsMember(plain, organization.body.id);
    const dashboard = await member.request('GET', '/my');
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('まだ自己宣言がありません');
    expect(dashboard.text).toMatch(/<a href="\/guide">自己宣言の手引き<\/a>/);
  });
});
