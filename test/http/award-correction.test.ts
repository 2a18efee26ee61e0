/**
 * Correcting an award's texts (訂正) after it is recorded and announced: before, a typo in the
 * overview or message could not be fixed at all (the only way out was a two-person revocation,
 * which told everyone the award was taken away). Now the secretariat corrects it with
 * PUT /api/v1/awards/{id}: the public sees the corrected text; the overview, which the credential
 * signed, gets a new credential and the old one reads as an older version naming the new one; the
 * message, which the credential does not hold, leaves the badge as it is. The organization is told
 * by e-mail, partners by the change event, and the audit entry keeps the text before and after.
 * A wrong award day, which the credential also signs (valid from its midnight), is corrected the
 * same way within the bounds a new award's day has; before, it meant revoking and recording again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITY, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember } from '../helpers/staff.js';

let server: TestServer;
let organizationId: string;
let organizationToken: string;

beforeAll(async () => {
  server = await startTestServer();
  // A municipality (no declaration needed) with a contact address, which the e-mail goes to.
  const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, contact: { name: '企画課', email: 'kikaku@city.example.jp' } } });
  expect(municipality.status, municipality.text).toBe(201);
  organizationId = municipality.body.id;
  const token = await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId, label: '千代田区 企画課' } });
  organizationToken = token.body.token;
});
afterAll(() => server?.close());

let year = 2020;
/** A fresh award (its own year: one award of a year and category per organization). */
async function recordAward() {
  const award = await server.call('POST', '/api/v1/awards', {
    body: { organizationId, fiscalYear: year++, category: 'excellence', overview: '地方拠点での採用を拡代', message: '地方で働く選択しを広げます' },
  });
  expect(award.status, award.text).toBe(201);
  return award.body as { id: string; credentials: { id: string }[] };
}
const idOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const outbox = () => (JSON.parse(server.snapshot()) as [string, any[]][]).find(([table]) => table === 'mail_outbox')![1];

describe('correcting an award’s overview and message', () => {
  it('a corrected overview is public at once and re-issues the credential; the old badge names the new one', async () => {
    const award = await recordAward();
    const oldId = idOf(award.credentials[0]!.id);
    const corrected = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: '地方拠点での採用を拡大' } });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.overview).toBe('地方拠点での採用を拡大');
    // Left out: the message stays as it was.
    expect(corrected.body.message).toBe('地方で働く選択しを広げます');

    const publicRead = await server.call('GET', `/api/v1/awards/${award.id}`, { token: null });
    expect(publicRead.body.overview).toBe('地方拠点での採用を拡大');
    const page = await server.call('GET', `/organizations/${organizationId}`, { token: null });
    expect(page.text).toContain('地方拠点での採用を拡大');
    expect(page.text).not.toContain('拡代');

    // The new credential signs the corrected text; the old one is an older version pointing at it.
    const live = corrected.body.credentials.filter((c: { status: string }) => c.status === 'active');
    expect(live).toHaveLength(1);
    const newId = idOf(live[0].id);
    expect(newId).not.toBe(oldId);
    const credential = await server.call('GET', `/credentials/${newId}`, { token: null });
    expect(JSON.stringify(credential.body)).toContain('地方拠点での採用を拡大');
    const old = await server.call('GET', `/v/${oldId}`, { token: null, headers: { accept: 'application/json' } });
    expect(old.body.verdict).toBe('superseded');
    expect(old.body.currentVersion.credentialId).toBe(newId);
    const fresh = await server.call('GET', `/v/${newId}`, { token: null, headers: { accept: 'application/json' } });
    expect(fresh.body.verdict).toBe('valid');

    // The organization is told, with the new text and that the badge is to be replaced.
    const mail = outbox().filter((m) => m.kind === 'award.corrected' && m.organization_id === organizationId);
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0].text_body).toContain('地方拠点での採用を拡大');
    expect(mail[0].text_body).toContain('新しいバッジを発行しました');
  });

  it('a corrected message leaves the badge as it is, and says so', async () => {
    const award = await recordAward();
    const mailBefore = outbox().length;
    const openData = await server.call('GET', '/api/v1/open-data/awards.json', { token: null });
    const corrected = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { message: '地方で働く選択肢を広げます' } });
    expect(corrected.status, corrected.text).toBe(200);
    // Open data shows it, under a new ETag: a partner polling with If-None-Match gets the correction, not a 304.
    const polled = await server.call('GET', '/api/v1/open-data/awards.json', { token: null, headers: { 'if-none-match': openData.headers.get('etag')! } });
    expect(polled.status).toBe(200);
    expect(polled.text).toContain('地方で働く選択肢を広げます');
    expect(corrected.body.message).toBe('地方で働く選択肢を広げます');
    expect(corrected.body.credentials.map((c: { id: string }) => c.id)).toEqual(award.credentials.map((c) => c.id));
    const v = await server.call('GET', `/v/${idOf(award.credentials[0]!.id)}`, { token: null, headers: { accept: 'application/json' } });
    expect(v.body.verdict).toBe('valid');
    const mail = outbox().slice(mailBefore).filter((m) => m.kind === 'award.corrected');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0].text_body).toContain('バッジ（クレデンシャル）に変更はありません');
  });

  it('a corrected award day re-issues the credential, valid from the new day; a day outside its year is refused and changes nothing', async () => {
    // Days fixed in the past, so the bounds (1 April 2024 to 31 March 2026) do not move with today.
    const recorded = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2024, category: 'minister', overview: '移住者の受入れ', awardedOn: '2025-03-10' } });
    expect(recorded.status, recorded.text).toBe(201);
    const award = recorded.body as { id: string; credentials: { id: string }[] };
    const oldId = idOf(award.credentials[0]!.id);
    const before = recordsOf(server);
    for (const [awardedOn, field] of [['2024-03-31', '/awardedOn'], ['2026-04-01', '/awardedOn'], ['2025-02-30', '/awardedOn'], ['2025/3/1', '/awardedOn']] as const) {
      const refused = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { awardedOn } });
      expect(refused.status, awardedOn).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect((await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { awardedOn: null } })).status).toBe(400);
    expect(recordsOf(server)).toBe(before);

    const mailBefore = outbox().length;
    const corrected = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { awardedOn: '2025-03-01' } });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.awardedOn).toBe('2025-03-01');
    const live = corrected.body.credentials.filter((c: { status: string }) => c.status === 'active');
    expect(live).toHaveLength(1);
    const newId = idOf(live[0].id);
    expect(newId).not.toBe(oldId);
    const credential = await server.call('GET', `/credentials/${newId}`, { token: null });
    expect(credential.body.validFrom).toBe('2025-03-01T00:00:00+09:00');
    const old = await server.call('GET', `/v/${oldId}`, { token: null, headers: { accept: 'application/json' } });
    expect(old.body.verdict).toBe('superseded');
    const mail = outbox().slice(mailBefore).filter((m) => m.kind === 'award.corrected');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0].text_body).toContain('表彰日（訂正後）');
    expect(mail[0].text_body).toContain('2025年3月1日');
    expect(mail[0].text_body).toContain('新しいバッジを発行しました');
  });

  it('the audit log keeps the text before and after, and partners get award.corrected', async () => {
    const award = await recordAward();
    await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: '訂正後の概要' } });
    const audit = await server.call('GET', `/api/v1/audit-log?entityType=award&entityId=${award.id}&action=award.correct`);
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    expect(JSON.stringify(audit.body.items[0])).toContain('地方拠点での採用を拡代');
    expect(JSON.stringify(audit.body.items[0])).toContain('訂正後の概要');
    // Named in words where people read the trail: the organization's history and the back office's audit log.
    const member = await signInAsMember(server, organizationId);
    expect((await member.request('GET', '/my/history')).text).toContain('表彰の記載を訂正（概要・メッセージ・表彰日）');
    const admin = await signInAsAdministrator(server);
    expect((await admin.request('GET', `/admin/audit?entityId=${award.id}`)).text).toContain('表彰の訂正（概要・メッセージ・表彰日）');
    const changes = await server.call('GET', '/api/v1/changes?limit=200', { token: null });
    expect(changes.status, changes.text).toBe(200);
    expect(changes.body.items.some((e: { type: string; subject: { id: string } }) => e.type === 'award.corrected' && e.subject.id === award.id)).toBe(true);
  });

  it('a suspended award is corrected and stays suspended, its new credential too', async () => {
    const award = await recordAward();
    await server.call('POST', `/api/v1/awards/${award.id}/suspend`, { body: { reason: 'under-investigation' } });
    const corrected = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: '停止中に訂正した概要' } });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.status).toBe('suspended');
    const live = corrected.body.credentials.filter((c: { status: string }) => c.status !== 'superseded');
    expect(live.map((c: { status: string }) => c.status)).toEqual(['suspended']);
  });

  it('the same text again writes nothing', async () => {
    const award = await recordAward();
    const before = recordsOf(server);
    const same = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: '地方拠点での採用を拡代' } });
    expect(same.status, same.text).toBe(200);
    expect(recordsOf(server)).toBe(before);
  });

  it('refusals change nothing: a revoked award (409), a stale If-Match (412), a bad body (400 naming the field), an organization (403)', async () => {
    const award = await recordAward();
    const current = await server.call('GET', `/api/v1/awards/${award.id}`);
    const etag = current.headers.get('etag')!;
    await server.call('POST', `/api/v1/awards/${award.id}/suspend`, { body: { reason: 'other' } });
    let before = recordsOf(server);
    const stale = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: 'x' }, headers: { 'if-match': etag } });
    expect(stale.status, stale.text).toBe(412);
    const tooLong = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { message: 'あ'.repeat(4001) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['/message']);
    expect(tooLong.body.messages.ja).toMatch(/\S/);
    const unknownField = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { fiscalYear: 2021 } });
    expect(unknownField.status).toBe(400);
    const byOrganization = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: '自分で直す' }, token: organizationToken });
    expect(byOrganization.status).toBe(403);
    expect(recordsOf(server)).toBe(before);

    await server.call('POST', `/api/v1/awards/${award.id}/revoke`, { body: { reason: 'other' } });
    before = recordsOf(server);
    const revoked = await server.call('PUT', `/api/v1/awards/${award.id}`, { body: { overview: '取消後の訂正' } });
    expect(revoked.status, revoked.text).toBe(409);
    expect(revoked.body.currentStatus).toBe('revoked');
    expect(recordsOf(server)).toBe(before);
  });
});
