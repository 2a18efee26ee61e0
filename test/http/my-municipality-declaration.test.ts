/**
 * A municipality's officer writes its self-declaration on /my/declaration: a municipality is not a
 * company. The top who commits is its 首長 (mayor or governor), not a 代表者 or 代表取締役, and the
 * values are shared within the administration (庁内), not 社内. A company's form keeps its words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember } from '../helpers/staff.js';
import { pageText } from '../helpers/web-browser.js';

let server: TestServer;
let municipalityId: string;
let companyId: string;

beforeAll(async () => {
  server = await startTestServer();
  municipalityId = (await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY })).body.id;
  companyId = (await seedCompany(server, { n: 651 })).organization.id;
}, 120_000);
afterAll(() => server?.close());


describe("a municipality's declaration form", () => {
  it('names the signer as the 首長 and the sharing as 庁内, in Japanese and English, also in the error summary', async () => {
    const officer = await signInAsMember(server, municipalityId, '千代田 一郎');
    const ja = pageText((await officer.request('GET', '/my/declaration')).text);
    expect(ja).toContain('宣言者（首長）の氏名');
    expect(ja).toContain('「宣言者（首長）の氏名」を公表する');
    expect(ja).toContain('庁内で共有した日');
    expect(ja).toContain('例: 市長、町長、村長、区長、知事');
    expect(ja).toContain('宣言は首長の名前で行います');
    expect(ja).not.toMatch(/代表者|代表取締役|社内で共有|社内への周知|経営者/);

    const en = pageText((await officer.request('GET', '/my/declaration?lang=en')).text);
    expect(en).toContain("Signer's name (the mayor or governor)");
    expect(en).toContain('Shared within the administration on');
    expect(en).not.toMatch(/representative|President and CEO|management philosophy/);

    const csrf = /name="csrf" value="([^"]+)"/.exec((await officer.request('GET', '/my/declaration')).text)![1]!;
    const refused = await officer.request('POST', '/my/declaration', { form: { csrf, action: 'draft', signerName: '', signerTitle: '区長', committedOn: DECLARATION.committedOn, guidelineAreas: 'labor' } });
    expect(refused.status).toBe(400);
    expect(pageText(refused.text), pageText(refused.text).slice(0, 1500)).toContain('宣言者（首長）の氏名:');
  });

  it("and once submitted, its read-only page names the fields the same way", async () => {
    const officer = await signInAsMember(server, municipalityId, '千代田 二郎');
    const csrf = /name="csrf" value="([^"]+)"/.exec((await officer.request('GET', '/my/declaration')).text)![1]!;
    const form = new URLSearchParams({ csrf, action: 'submit', signerName: '千代田 花子', signerTitle: '区長', committedOn: DECLARATION.committedOn });
    form.append('guidelineAreas', 'labor');
    const submitted = await officer.request('POST', '/my/declaration', { form });
    expect(submitted.status).toBe(303);
    const page = pageText((await officer.request('GET', '/my/declaration')).text);
    expect(page).toContain('宣言者（首長）の氏名');
    expect(page).toContain('庁内で共有した日');
    expect(page).not.toMatch(/代表者|社内で共有/);
  });

  it('a form saved meanwhile by another officer names the fields that differ in the same words (409)', async () => {
    const kobe = (await server.call('POST', '/api/v1/organizations', { body: { kind: 'municipality', name: '神戸市', localGovernmentCode: '281000', prefectureCode: '28' } })).body;
    const officer = await signInAsMember(server, kobe.id, '神戸 一郎');
    const fields = (signerName: string, more: Record<string, string>) => {
      const form = new URLSearchParams({ action: 'draft', signerName, signerTitle: '市長', committedOn: DECLARATION.committedOn, ...more });
      form.append('guidelineAreas', 'labor');
      return form;
    };
    const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    expect((await officer.request('POST', '/my/declaration', { form: fields('神戸 花子', { csrf: csrfOf((await officer.request('GET', '/my/declaration')).text) }) })).status).toBe(303);
    const opened = (await officer.request('GET', '/my/declaration')).text;
    const at = { csrf: csrfOf(opened), declarationId: /name="declarationId" value="([^"]+)"/.exec(opened)![1]!, rowVersion: /name="rowVersion" value="(\d+)"/.exec(opened)![1]! };
    expect((await officer.request('POST', '/my/declaration', { form: fields('神戸 次郎', at) })).status).toBe(303);
    const stale = await officer.request('POST', '/my/declaration', { form: fields('神戸 三郎', at) });
    expect(stale.status).toBe(409);
    const page = pageText(stale.text);
    expect(page).toContain('このページを開いた後に別の操作で更新されました');
    expect(page).toMatch(/宣言者（首長）の氏名[^。]*神戸 次郎/);
    expect(page).not.toMatch(/代表者|社内で共有/);
  });

  it("the back office's review page names a submitted municipality's fields the same way", async () => {
    const chuo = (await server.call('POST', '/api/v1/organizations', { body: { kind: 'municipality', name: '中央区', localGovernmentCode: '131024', prefectureCode: '13' } })).body;
    const token = (await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: chuo.id, label: 'chuo' } })).body.token;
    const declaration = await server.call('POST', `/api/v1/organizations/${chuo.id}/declarations`, { token, body: { ...DECLARATION, signerName: '中央 太郎', signerTitle: '区長' } });
    expect(declaration.status).toBe(201);
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`, { token });
    const reviewer = await signInAsAdministrator(server);
    const page = pageText((await reviewer.request('GET', `/admin/reviews/${declaration.body.id}`)).text);
    expect(page).toContain('宣言者（首長）の氏名');
    expect(page).toContain('庁内で共有した日');
    expect(page).not.toMatch(/代表者（|社内で共有/);
  });

  it('the portal page of its published declaration names the consented fields the same way', async () => {
    const sapporo = (await server.call('POST', '/api/v1/organizations', { body: { kind: 'municipality', name: '札幌市', localGovernmentCode: '011002', prefectureCode: '01' } })).body;
    const token = (await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: sapporo.id, label: 'sapporo' } })).body.token;
    const body = { ...DECLARATION, signerName: '札幌 太郎', signerTitle: '市長', sharedOn: '2025-04-10', publicFields: ['signerName', 'signerTitle', 'committedOn', 'sharedOn', 'guidelineAreas', 'policy'] };
    const declaration = await server.call('POST', `/api/v1/organizations/${sapporo.id}/declarations`, { token, body });
    expect(declaration.status).toBe(201);
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`, { token });
    expect((await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`)).status).toBe(200);
    const page = pageText((await server.call('GET', `/organizations/${sapporo.id}`, { token: null })).text);
    expect(page).toContain('宣言者（首長）の氏名 札幌 太郎');
    expect(page).toContain('庁内で共有した日');
    expect(page).not.toMatch(/代表者|社内で共有/);
  });

  it("a company's form keeps 代表者 and 社内", async () => {
    const person = await signInAsMember(server, companyId);
    const ja = pageText((await person.request('GET', '/my/declaration')).text);
    expect(ja).toContain('宣言者（代表者）の氏名');
    expect(ja).toContain('社内で共有した日');
    expect(ja).toContain('例: 代表取締役社長');
  });
});

describe("the back office's diff and audit log of a municipality's declaration", () => {
  let second: string;
  beforeAll(async () => {
    const minato = (await server.call('POST', '/api/v1/organizations', { body: { kind: 'municipality', name: '港区', localGovernmentCode: '131032', prefectureCode: '13' } })).body;
    const token = (await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: minato.id, label: 'minato' } })).body.token;
    const ok = async (method: string, path: string, body?: unknown, as?: string) => {
      const response = await server.call(method, path, { token: as, body });
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      return response.body;
    };
    // Published, then withdrawn: the new declaration is compared with it.
    const first = (await ok('POST', `/api/v1/organizations/${minato.id}/declarations`, { ...DECLARATION, signerName: '港 太郎', signerTitle: '区長' }, token)).id;
    await ok('POST', `/api/v1/declarations/${first}/submit`, undefined, token);
    await ok('POST', `/api/v1/declarations/${first}/publish`);
    await ok('POST', `/api/v1/declarations/${first}/withdraw`, undefined, token);
    second = (await ok('POST', `/api/v1/organizations/${minato.id}/declarations`, { ...DECLARATION, signerName: '港 太郎', signerTitle: '区長' }, token)).id;
    await ok('POST', `/api/v1/declarations/${second}/submit`, undefined, token);
    await ok('POST', `/api/v1/declarations/${second}/return`, { reason: '首長の氏名を確認してください。' });
    // Amended after the return: a new 首長, the day it was shared within the administration, and the 首長's name consented for publication.
    const publicFields = ['signerName', 'committedOn', 'guidelineAreas', 'purposes', 'policy'];
    await ok('PUT', `/api/v1/declarations/${second}`, { ...DECLARATION, signerName: '港 花子', signerTitle: '区長', sharedOn: '2025-04-10', publicFields }, token);
    await ok('POST', `/api/v1/declarations/${second}/submit`, undefined, token);
  });

  it('the review page names the changes since the earlier declaration 首長 and 庁内', async () => {
    const reviewer = await signInAsAdministrator(server);
    // The section between the facts and the history (the facts name the fields by kind already).
    const changesOf = async (query: string) => {
      const html = (await reviewer.request('GET', `/admin/reviews/${second}${query}`)).text;
      return pageText(html.slice(html.indexOf('id="changes"'), html.indexOf('id="history"')));
    };
    const changes = await changesOf('');
    expect(changes).toContain('宣言者（首長）の氏名 変更前 港 太郎 変更後 港 花子');
    expect(changes).toContain('庁内で共有した日');
    expect(changes).toContain('公表に同意した項目 変更前 宣言日（トップのコミットメントの日）、');
    expect(changes).toContain('変更後 宣言者（首長）の氏名、宣言日');
    expect(changes).not.toMatch(/代表者|社内で共有/);
    const en = await changesOf('?lang=en');
    expect(en).toContain("Signer's name (the mayor or governor) Before 港 太郎 After 港 花子");
    expect(en).toContain('Shared within the administration on');
  });

  it('the audit log names the amended fields 首長 and 庁内, not only 宣言の内容', async () => {
    const reviewer = await signInAsAdministrator(server);
    const summaryOf = async (lang: string) => {
      const page = (await reviewer.request('GET', `/admin/audit?entityType=declaration&entityId=${second}&action=declaration.amend${lang === 'en' ? '&lang=en' : ''}`)).text;
      return /<summary>([^<]*)<\/summary>/.exec(page)?.[1];
    };
    expect(await summaryOf('ja')).toBe('変更された項目: 版、宣言者（首長）の氏名、庁内で共有した日、公表に同意した項目');
    expect(await summaryOf('en')).toBe("Changed: Version, Signer&#39;s name (the mayor or governor), Shared within the administration on, Fields consented for publication");

    // A company's amendment keeps its words.
    const company = await seedCompany(server, { n: 652 });
    const amended = await server.call('PUT', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken, body: { ...DECLARATION, signerName: '山田 花子', sharedOn: '2025-04-10' } });
    expect(amended.status).toBe(200);
    const page = (await reviewer.request('GET', `/admin/audit?entityType=declaration&entityId=${company.declarationId}&action=declaration.amend`)).text;
    expect(/<summary>([^<]*)<\/summary>/.exec(page)?.[1]).toBe('変更された項目: 版、宣言者（代表者）の氏名、社内で共有した日');
  });
});
