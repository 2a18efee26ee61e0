import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { credentialUuid } from '../helpers/credentials.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DECLARATION_VALIDITY_MONTHS: '12' });
});
afterAll(() => server.close());

const act = (id: string, action: string, options: { token?: string; body?: unknown } = {}) =>
  server.call('POST', `/api/v1/declarations/${id}/${action}`, options);

/** The JST day of an instant, as the pages write it. */
const day = (iso: string, lang: 'ja' | 'en') => {
  const jst = new Date(new Date(iso).getTime() + 9 * 3600_000);
  const [y, m, d] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate()];
  return lang === 'ja' ? `${y}年${m}月${d}日` : `${d} ${jst.toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${y}`;
};

describe('declaration lifecycle', () => {
  it('goes draft → submitted → published, with a validity period from the configuration', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 101 });
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.status).toBe('draft');
    expect((await act(declarationId, 'submit', { token: orgToken })).body.status).toBe('submitted');
    const published = await act(declarationId, 'publish');
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const months = (new Date(published.body.validUntil).getTime() - new Date(published.body.validFrom).getTime()) / (86400_000 * 30.4);
    expect(Math.round(months)).toBe(12);
  });

  it('publishing twice at once: one publishes, the others get 409 with the state the declaration has now', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 111 });
    await act(declarationId, 'submit', { token: orgToken });
    const answers = await Promise.all(Array.from({ length: 4 }, () => act(declarationId, 'publish')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    for (const lost of answers.filter((a) => a.status === 409)) expect(lost.body.currentStatus).toBe('published');
  });

  it('returns a submission to draft with a reason, and the organization can resubmit', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 102 });
    await act(declarationId, 'submit', { token: orgToken });
    const missingReason = await act(declarationId, 'return');
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors[0].field).toBe('/reason');
    const returned = await act(declarationId, 'return', { body: { reason: '宣言者の役職を記入してください。' } });
    expect(returned.body.status).toBe('draft');
    expect(returned.body.statusReason).toBe('宣言者の役職を記入してください。');
    expect((await act(declarationId, 'submit', { token: orgToken })).body.status).toBe('submitted');
  });

  it('suspends and reinstates (secretariat only), and revokes with a reason code', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 103, publish: true });
    expect((await act(declarationId, 'suspend', { token: orgToken, body: { reason: 'under-investigation' } })).status).toBe(403);
    expect((await act(declarationId, 'suspend', { body: { reason: 'under-investigation' } })).body.status).toBe('suspended');
    expect((await act(declarationId, 'reinstate')).body.status).toBe('published');
    const badCode = await act(declarationId, 'revoke', { body: { reason: 'because' } });
    expect(badCode.status).toBe(400);
    const revoked = await act(declarationId, 'revoke', { body: { reason: 'false-declaration', note: '実態が確認できない' } });
    expect(revoked.body.status).toBe('revoked');
    expect(revoked.body.statusReason).toBe('false-declaration');
    const again = await act(declarationId, 'reinstate');
    expect(again.status).toBe(409);
    expect(again.body.currentStatus).toBe('revoked');
    expect(again.body.messages.ja).toBe('この宣言は現在「取消」のため、再開はできません。');
  });

  it('lets the organization withdraw its own declaration', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 104, publish: true });
    const [ref] = (await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.credentials;
    const credential = { id: ref.id.split('/').pop() };
    const withdrawn = await act(declarationId, 'withdraw', { token: orgToken });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await act(declarationId, 'publish')).status).toBe(409);
    // What a QR code opens says 取下げ with its date, not 取消 (the secretariat's sanction), as the withdraw page promises.
    const verdict = await server.call('GET', `/v/${credential.id}`, { token: null, headers: { accept: 'application/json' } });
    expect(verdict.body).toMatchObject({ verdict: 'withdrawn', valid: false, verdictLabel: { ja: '取下げ' }, statusChange: { at: withdrawn.body.updatedAt } });
    const page = await server.call('GET', `/v/${credential.id}`, { token: null });
    expect(page.text).toContain('data-verdict="withdrawn"');
    expect(page.text).toContain('取下げ日');
    // Its period when issued reads as the organization page and the badge kit write a range: 〜 in Japanese, an en dash in English.
    const issued = { from: verdict.body.validFrom as string, until: verdict.body.validUntil as string };
    expect(page.text).toContain(`${day(issued.from, 'ja')}〜${day(issued.until, 'ja')}`);
    expect((await server.call('GET', `/v/${credential.id}?lang=en`, { token: null })).text).toContain(`${day(issued.from, 'en')} – ${day(issued.until, 'en')}`);
    // The organization withdrew it (a company, a municipality or another organization: 団体, as the English says), not 「事業者」.
    expect(verdict.body.explanation).toEqual({
      ja: 'このバッジは登録簿が発行したものですが、団体が宣言を取り下げたため、有効ではありません。',
      en: 'This badge was issued by the registry, but the organization has withdrawn its declaration, so it is not valid.',
    });
    expect(page.text).toContain('団体が宣言を取り下げたため');
    expect((await server.call('GET', `/credentials/${credential.id}/badge.svg`, { token: null })).text).toContain('取下げ済み');
  });

  it('the organization page ends a withdrawn or revoked declaration’s period the day it ended, and names that day (not its old valid-until)', async () => {
    const withdrawnOne = await seedCompany(server, { n: 131, publish: true });
    const withdrawn = (await act(withdrawnOne.declarationId, 'withdraw', { token: withdrawnOne.orgToken })).body;
    const revokedOne = await seedCompany(server, { n: 132, publish: true });
    const revoked = (await act(revokedOne.declarationId, 'revoke', { body: { reason: 'false-declaration' } })).body;
    const cases = [
      { organization: withdrawnOne.organization, declaration: withdrawn, ja: '取下げ日', en: 'Withdrawn on' },
      { organization: revokedOne.organization, declaration: revoked, ja: '取消日', en: 'Revoked on' },
    ];
    for (const { organization, declaration, ja, en } of cases) {
      const ended = { ja: day(declaration.updatedAt, 'ja'), en: day(declaration.updatedAt, 'en') };
      const html = (await server.call('GET', `/organizations/${organization.id}`, { token: null })).text;
      expect(html).toContain(`有効期間: ${day(declaration.validFrom, 'ja')}〜${ended.ja}`);
      expect(html).toContain(`${ja}: ${ended.ja}`);
      expect(html).not.toContain(day(declaration.validUntil, 'ja'));
      const english = (await server.call('GET', `/organizations/${organization.id}?lang=en`, { token: null })).text;
      expect(english).toContain(`Valid: ${day(declaration.validFrom, 'en')} – ${ended.en}`);
      expect(english).toContain(`${en} ${ended.en}`);
      expect(english).not.toContain(day(declaration.validUntil, 'en'));
    }
    // A published one still runs to its valid-until date.
    const live = await seedCompany(server, { n: 133, publish: true });
    const published = (await server.call('GET', `/api/v1/declarations/${live.declarationId}`)).body;
    expect((await server.call('GET', `/organizations/${live.organization.id}`, { token: null })).text).toContain(`有効期間: ${day(published.validFrom, 'ja')}〜${day(published.validUntil, 'ja')}`);
  });

  it('the organization page gives a suspended or revoked declaration’s (and a suspended award’s) reason as its verification page does, never the secretariat’s note', async () => {
    const suspendedOne = await seedCompany(server, { n: 134, publish: true });
    await act(suspendedOne.declarationId, 'suspend', { body: { reason: 'information-update-required', note: '<b>内部メモ</b>' } });
    const revokedOne = await seedCompany(server, { n: 135, publish: true });
    await act(revokedOne.declarationId, 'revoke', { body: { reason: 'false-declaration', note: '<b>内部メモ</b>' } });
    const awarded = await seedCompany(server, { n: 136, publish: true });
    const award = (await server.call('POST', '/api/v1/awards', { body: { organizationId: awarded.organization.id, fiscalYear: 2025, category: 'minister' } })).body;
    expect((await server.call('POST', `/api/v1/awards/${award.id}/suspend`, { body: { reason: 'under-investigation', note: '<b>内部メモ</b>' } })).status).toBe(200);
    const cases = [
      { organization: suspendedOne.organization, ja: '理由: 登録情報の更新が必要', en: 'Reason: Registered information needs updating' },
      { organization: revokedOne.organization, ja: '理由: 虚偽の宣言', en: 'Reason: False declaration' },
      { organization: awarded.organization, ja: '理由: 調査中', en: 'Reason: Under investigation' },
    ];
    for (const { organization, ja, en } of cases) {
      const html = (await server.call('GET', `/organizations/${organization.id}`, { token: null })).text;
      expect(html).toContain(ja);
      expect(html).not.toContain('内部メモ');
      const english = (await server.call('GET', `/organizations/${organization.id}?lang=en`, { token: null })).text;
      expect(english).toContain(en);
      expect(english).not.toContain('内部メモ');
    }
    // The verification page says the same.
    const [ref] = (await server.call('GET', `/api/v1/declarations/${suspendedOne.declarationId}`)).body.credentials;
    const verdict = await server.call('GET', `/v/${ref.id.split('/').pop()}`, { token: null, headers: { accept: 'application/json' } });
    expect(verdict.body.statusChange.reason).toEqual({ ja: '登録情報の更新が必要', en: 'Registered information needs updating' });
    // A published declaration has no reason to give.
    expect((await server.call('GET', `/organizations/${awarded.organization.id}`, { token: null })).text.match(/理由: /g)).toHaveLength(1);
  });

  it('the organization page names the day a declaration or award was suspended, as its verification page does', async () => {
    const suspendedOne = await seedCompany(server, { n: 137, publish: true });
    const suspended = (await act(suspendedOne.declarationId, 'suspend', { body: { reason: 'information-update-required' } })).body;
    const awarded = await seedCompany(server, { n: 138, publish: true });
    const award = (await server.call('POST', '/api/v1/awards', { body: { organizationId: awarded.organization.id, fiscalYear: 2025, category: 'minister' } })).body;
    expect((await server.call('POST', `/api/v1/awards/${award.id}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    const cases = [
      { organization: suspendedOne.organization, path: `/api/v1/declarations/${suspended.id}` },
      { organization: awarded.organization, path: `/api/v1/awards/${award.id}` },
    ];
    for (const { organization, path } of cases) {
      const [ref] = (await server.call('GET', path)).body.credentials;
      const verdict = await server.call('GET', `/v/${credentialUuid(ref.id)}`, { token: null, headers: { accept: 'application/json' } });
      expect(verdict.body.verdict).toBe('suspended');
      const at: string = verdict.body.statusChange.at;
      const html = (await server.call('GET', `/organizations/${organization.id}`, { token: null })).text;
      expect(html).toContain(`一時停止日: ${day(at, 'ja')}`);
      const english = (await server.call('GET', `/organizations/${organization.id}?lang=en`, { token: null })).text;
      expect(english).toContain(`Suspended on ${day(at, 'en')}`);
      // Said once: the award's organization has a published declaration beside it, with no such day.
      expect(html.match(/一時停止日/g)).toHaveLength(1);
      // A suspension may be lifted: the declaration's period still runs to its valid-until date.
      if (organization === suspendedOne.organization) expect(html).toContain(`有効期間: ${day(suspended.validFrom, 'ja')}〜${day(suspended.validUntil, 'ja')}`);
    }
  });

  it('amending a suspended declaration keeps the day it was suspended, on its verification page and its organization page', async () => {
    const { organization, declarationId, orgToken } = await seedCompany(server, { n: 139, publish: true });
    const suspended = (await act(declarationId, 'suspend', { body: { reason: 'information-update-required' } })).body;
    const amended = await server.call('PUT', `/api/v1/declarations/${declarationId}`, { token: orgToken, body: { ...DECLARATION, policy: '停止中に見直した取組方針' } });
    expect(amended.status).toBe(200);
    expect(amended.body.status).toBe('suspended');
    const verification = async () => {
      const live = (await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.credentials.find((c: any) => c.status === 'suspended');
      return credentialUuid(live.id);
    };
    const suspendedAt = async () => (await server.call('GET', `/v/${await verification()}`, { token: null, headers: { accept: 'application/json' } })).body.statusChange.at;
    // The re-issued badge's answer gives the suspension's instant, not the amendment's.
    expect(await suspendedAt()).toBe(suspended.updatedAt);
    // Time travel: as if the amendment had been made three days after the suspension.
    const db = new BetterSqlite3(server.dbPath);
    try {
      const later = new Date(Date.parse(suspended.updatedAt) + 3 * 86_400_000).toISOString();
      db.prepare('UPDATE declarations SET updated_at = ?, public_updated_at = ? WHERE id = ?').run(later, later, declarationId);
    } finally {
      db.close();
    }
    expect(await suspendedAt()).toBe(suspended.updatedAt);
    const page = (await server.call('GET', `/v/${await verification()}`, { token: null })).text;
    expect(page).toContain(`<dt>一時停止日</dt><dd>${day(suspended.updatedAt, 'ja')}</dd>`);
    const html = (await server.call('GET', `/organizations/${organization.id}`, { token: null })).text;
    expect(html).toContain(`一時停止日: ${day(suspended.updatedAt, 'ja')}`);
    const english = (await server.call('GET', `/organizations/${organization.id}?lang=en`, { token: null })).text;
    expect(english).toContain(`Suspended on ${day(suspended.updatedAt, 'en')}`);
  });

  it('keeps every version when a declaration is amended', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 106, publish: true });
    const first = await server.call('GET', `/api/v1/declarations/${declarationId}`);
    const amended = await server.call('PUT', `/api/v1/declarations/${declarationId}`, {
      token: orgToken,
      body: { ...DECLARATION, policy: '新しい取組方針' },
      headers: { 'if-match': first.headers.get('etag')! },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.version).toBe(2);
    expect(amended.body.content.policy).toBe('新しい取組方針');
    const stale = await server.call('PUT', `/api/v1/declarations/${declarationId}`, {
      token: orgToken,
      body: DECLARATION,
      headers: { 'if-match': first.headers.get('etag')! },
    });
    expect(stale.status).toBe(412);
    const versions = await server.call('GET', `/api/v1/declarations/${declarationId}/versions`, { token: orgToken });
    expect(versions.body.items.map((v: any) => v.content.policy)).toEqual([DECLARATION.policy, '新しい取組方針']);
  });

  it('the same content sent again is no new version: the badge and the credential behind printed QR codes stay', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 110, publish: true });
    const credentialsOf = async () => (await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.credentials.map((c: any) => [c.id, c.status]);
    const before = await credentialsOf();
    const again = await server.call('PUT', `/api/v1/declarations/${declarationId}`, { token: orgToken, body: { ...DECLARATION } });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    expect(await credentialsOf()).toEqual(before);
    expect((await server.call('GET', `/api/v1/audit-log?action=declaration.amend&entityId=${declarationId}`)).body.items).toEqual([]);
  });

  it('publishes only the fields the organization consented to', async () => {
    const { organization, orgToken, declarationId } = await seedCompany(server, { n: 107 });
    // One live declaration per organization: the seeded draft makes way for this one.
    await act(declarationId, 'withdraw', { token: orgToken });
    const created = await server.call('POST', `/api/v1/organizations/${organization.id}/declarations`, {
      token: orgToken,
      body: { ...DECLARATION, measures: '社内向けの詳細', publicFields: ['guidelineAreas', 'policy'] },
    });
    await act(created.body.id, 'submit', { token: orgToken });
    await act(created.body.id, 'publish');
    const publicView = await server.call('GET', `/api/v1/declarations/${created.body.id}`, { token: null });
    expect(publicView.body.content).toEqual({ guidelineAreas: DECLARATION.guidelineAreas, policy: DECLARATION.policy });
    expect(publicView.text).not.toContain('山田');
    expect(publicView.text).not.toContain('社内向けの詳細');
    const ownerView = await server.call('GET', `/api/v1/declarations/${created.body.id}`, { token: orgToken });
    expect(ownerView.body.content.signerName).toBe('山田 太郎');
  });

  it('a draft or a submission withdrawn before publication stays private: withdrawn, but the public never saw it', async () => {
    const first = await seedCompany(server, { n: 109, publish: true });
    // The same organization's later declaration, withdrawn while under review (the first one withdrawn to make room).
    await act(first.declarationId, 'withdraw', { token: first.orgToken });
    const created = await server.call('POST', `/api/v1/organizations/${first.organization.id}/declarations`, { body: { ...DECLARATION, policy: '未公表の下書き' } });
    expect(created.status).toBe(201);
    for (const step of ['submit', 'withdraw']) expect((await act(created.body.id, step, { token: first.orgToken })).status).toBe(200);
    const anonymous = { token: null };
    expect((await server.call('GET', `/api/v1/declarations/${created.body.id}`, anonymous)).status).toBe(404);
    const listed = await server.call('GET', `/api/v1/declarations?status=withdrawn&organizationId=${first.organization.id}`, anonymous);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([first.declarationId]);
    const organization = await server.call('GET', `/api/v1/organizations/${first.organization.id}`, anonymous);
    expect(organization.body.declarations.map((d: { id: string }) => d.id)).toEqual([first.declarationId]);
    expect((await server.call('GET', `/organizations/${first.organization.id}`, anonymous)).text).not.toContain('未公表の下書き');
    // The organization itself still reads it.
    expect((await server.call('GET', `/api/v1/declarations/${created.body.id}`, { token: first.orgToken })).status).toBe(200);
  });

  it('an organization lists its own declarations in every state through the API; others see only what was published', async () => {
    const mine = await seedCompany(server, { n: 112, publish: true });
    await act(mine.declarationId, 'withdraw', { token: mine.orgToken });
    const draft = await server.call('POST', `/api/v1/organizations/${mine.organization.id}/declarations`, { token: mine.orgToken, body: { ...DECLARATION, policy: '自団体だけが一覧できる下書き' } });
    expect(draft.status).toBe(201);
    const other = await seedCompany(server, { n: 113 });
    const ids = async (query: string, token: string | null) => {
      const listed = await server.call('GET', `/api/v1/declarations?organizationId=${mine.organization.id}${query}`, { token });
      expect(listed.status, `${query} as ${token === null ? 'public' : token === mine.orgToken ? 'owner' : 'another organization'}`).toBe(200);
      return (listed.body.items as { id: string }[]).map((d) => d.id).sort();
    };
    expect(await ids('', mine.orgToken)).toEqual([mine.declarationId, draft.body.id].sort());
    expect(await ids('&status=draft', mine.orgToken)).toEqual([draft.body.id]);
    // Anyone else: published once, in a public state; asking for drafts is refused.
    for (const token of [null, other.orgToken]) {
      expect(await ids('&status=withdrawn', token)).toEqual([mine.declarationId]);
      expect(await ids('', token)).toEqual([]);
      expect((await server.call('GET', `/api/v1/declarations?organizationId=${mine.organization.id}&status=draft`, { token })).status).toBe(400);
    }
    // Without its organizationId, an organization's token lists as the public does.
    expect((await server.call('GET', '/api/v1/declarations?status=draft', { token: mine.orgToken })).status).toBe(400);
  });

  it('hides drafts and private contact details from the public', async () => {
    const { declarationId, organization } = await seedCompany(server, { n: 108 });
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`, { token: null })).status).toBe(404);
    // Not listed until it has a published declaration or an award.
    expect((await server.call('GET', `/api/v1/organizations/${organization.id}`, { token: null })).status).toBe(404);
    await server.call('PUT', `/api/v1/organizations/${organization.id}`, {
      body: { kind: 'company', name: organization.name, corporateNumber: organization.corporateNumber, prefectureCode: '13', contact: { email: 'hr@example.jp' } },
    });
    await act(declarationId, 'submit');
    await act(declarationId, 'publish');
    const page = await server.call('GET', `/api/v1/organizations/${organization.id}`, { token: null });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('hr@example.jp');
    expect(page.body.declarations).toHaveLength(1);
  });
});

describe('awards', () => {
  it('awards a company only while it holds a published declaration', async () => {
    const { organization, declarationId } = await seedCompany(server, { n: 201 });
    const award = { organizationId: organization.id, fiscalYear: 2025, category: 'minister', overview: '概要', message: 'メッセージ' };
    const refused = await server.call('POST', '/api/v1/awards', { body: award });
    expect(refused.status).toBe(422);
    await act(declarationId, 'submit');
    await act(declarationId, 'publish');
    const created = await server.call('POST', '/api/v1/awards', { body: award });
    expect(created.status).toBe(201);
    expect(created.body.fiscalYearLabel.ja).toBe('令和7年度（2025年度）');
    expect(created.body.categoryName.ja).toBe('大臣賞');
  });

  it('awards a municipality without a declaration, and lists awards by year', async () => {
    const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, localGovernmentCode: '011002', name: '札幌市', prefectureCode: '01' } });
    expect(municipality.status).toBe(201);
    expect(municipality.body.corporateNumber).toMatch(/^\d000020011002$/);
    const created = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2024, category: 'excellence', awardedOn: '2025-02-14' } });
    expect(created.status).toBe(201);
    const byYear = await server.call('GET', '/api/v1/awards?fiscalYear=2024', { token: null });
    expect(byYear.body.items.map((a: any) => a.organizationName)).toContain('札幌市');
    expect(byYear.body.items.every((a: any) => a.fiscalYear === 2024)).toBe(true);
  });

  it('refuses an award already recorded (409), a fiscal year not yet begun, a date before its year or after today (400); nothing is recorded', async () => {
    const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, localGovernmentCode: '012025', name: '函館市', prefectureCode: '01' } });
    const award = (body: Record<string, unknown>) => server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, category: 'minister', ...body } });
    expect((await award({ fiscalYear: 2024, awardedOn: '2025-03-01' })).status).toBe(201);
    // (Not a snapshot of the file: the award's e-mail is being sent meanwhile.)
    const recorded = async () => (await server.call('GET', `/api/v1/awards?organizationId=${municipality.body.id}`)).body.items.length;
    const twice = await award({ fiscalYear: 2024, awardedOn: '2025-03-02' });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: '/category', ja: expect.stringContaining('令和6年度（2024年度）の大臣賞はすでに記録されています') })]);
    const thisYear = new Date(Date.now() + 9 * 3_600_000);
    const fiscalYear = thisYear.getUTCMonth() >= 3 ? thisYear.getUTCFullYear() : thisYear.getUTCFullYear() - 1;
    const future = await award({ fiscalYear: fiscalYear + 1, category: 'excellence' });
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: any) => e.field)).toEqual(['/fiscalYear']);
    for (const awardedOn of [`${fiscalYear + 1}-03-31`, `${fiscalYear}-03-31`]) {
      const outside = await award({ fiscalYear, category: 'excellence', awardedOn });
      expect(outside.status, awardedOn).toBe(400);
      expect(outside.body.errors[0]).toMatchObject({ field: '/awardedOn', ja: expect.stringContaining(`${fiscalYear}年4月1日から`) });
    }
    // An award of 令和2年度 is dated in that year or the next, not years later.
    const late = await award({ fiscalYear: 2020, category: 'excellence', awardedOn: '2024-01-20' });
    expect(late.status).toBe(400);
    expect(late.body.errors[0]).toMatchObject({ field: '/awardedOn', ja: expect.stringContaining('2020年4月1日から2022年3月31日まで') });
    expect(await recorded()).toBe(1);
    // Left out, the date is today, for any year begun.
    const defaulted = await award({ fiscalYear: 2020, category: 'excellence' });
    expect(defaulted.status).toBe(201);
    expect(defaulted.body.awardedOn).toBe(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10));
  });

  it('takes new categories and divisions as data', async () => {
    const category = await server.call('POST', '/api/v1/award-categories', { body: { code: 'partner', nameJa: '連携パートナー賞', nameEn: 'Partner Award' } });
    expect(category.status).toBe(201);
    const division = await server.call('POST', '/api/v1/award-divisions', { body: { code: 'large', nameJa: '大企業部門', nameEn: 'Large enterprises' } });
    expect(division.status).toBe(201);
    const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, localGovernmentCode: '222101', name: '富士市', prefectureCode: '22' } });
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2025, category: 'partner', division: 'large' } });
    expect(award.status).toBe(201);
    expect(award.body.categoryName).toEqual({ ja: '連携パートナー賞', en: 'Partner Award' });
    expect((await server.call('GET', '/api/v1/award-categories', { token: null })).body.items.map((c: any) => c.code)).toEqual(['minister', 'excellence', 'partner']);
  });
});
