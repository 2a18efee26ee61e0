import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationCredential } from '../helpers/credentials.js';
import { COMPANY, DECLARATION, corporateNumberFor, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsSecondAdministrator, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';

/**
 * Revocations in the back office, over real HTTP on Node and on the Worker: one administrator
 * requests, another approves (REVOCATION_TWO_PERSON, the default), and only then is the record
 * revoked, its credential's revocation bit set, with the approval and the revocation audited in one
 * batch; the requester cannot approve; a second request while one is pending is refused; requests
 * are rejected and withdrawn; with REVOCATION_TWO_PERSON=false one administrator revokes at once.
 */
let server: TestServer;
let a: Browser;
let b: Browser;
let reviewer: Browser;
let counter = 0;

/** A new company's published declaration (through the API, as the organization would). */
async function publishedDeclaration(s: TestServer): Promise<{ id: string; organizationId: string }> {
  const n = ++counter;
  const org = await s.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `取消テスト株式会社${n}`, corporateNumber: corporateNumberFor(70_000 + n) } });
  expect(org.status, org.text).toBe(201);
  const declaration = await s.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
  expect((await s.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`)).status).toBe(200);
  expect((await s.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`)).status).toBe(200);
  return { id: declaration.body.id, organizationId: org.body.id };
}

const requestRevocation = async (who: Browser, fields: Record<string, string>) =>
  who.request('POST', '/admin/revocations', { form: { csrf: await staffCsrf(who), subjectType: 'declaration', reason: 'false-declaration', note: '', back: '/admin/revocations', ...fields } });

const decide = async (who: Browser, requestId: string, action: 'approve' | 'reject' | 'withdraw', fields: Record<string, string> = {}) =>
  who.request('POST', `/admin/revocations/${requestId}/${action}`, { form: { csrf: await staffCsrf(who), ...fields } });

/** The id of the pending request for `subjectId`, read from the list (its row names the record). */
async function pendingRequestId(who: Browser, subjectId: string): Promise<string> {
  const list = await who.request('GET', '/admin/revocations');
  const id = new RegExp(`<tr id="request-([^"]+)"><th scope="row">(?:(?!</tr>)[\\s\\S])*?ID: ${subjectId}<`).exec(list.text)?.[1];
  if (!id) throw new Error(`no request for ${subjectId} on /admin/revocations`);
  return id;
}

const statusOf = async (s: TestServer, declarationId: string) => (await s.call('GET', `/api/v1/declarations/${declarationId}`)).body.status as string;
const verdict = async (s: TestServer, declarationId: string) => {
  const credential = await declarationCredential(s, declarationId);
  return (await s.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: credential.dataIntegrity } })).body.status as { revoked: boolean; suspended: boolean };
};
/** Every row of every table but sessions (a session's last-seen time moves when it is used, at most once a minute). */
const records = (s: TestServer) => JSON.stringify((JSON.parse(s.snapshot()) as [string, unknown][]).filter(([name]) => name !== 'sessions'));
const auditOf = async (s: TestServer, entityId: string) =>
  ((await s.call('GET', `/api/v1/audit-log?entityId=${entityId}&limit=100`)).body.items as any[]);

beforeAll(async () => {
  server = await startTestServer();
  a = await signInAsAdministrator(server);
  // Not invited by A: an approver A invited would be refused as A's second account.
  b = await signInAsSecondAdministrator(server, a, '承認 花子');
  reviewer = await signInAsStaff(server, a, 'reviewer', '審査 次郎');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('two administrators revoke a declaration', () => {
  it('A requests (nothing revoked yet), A cannot approve, B approves: revoked, revocation bit set, all audited with the right actors', async () => {
    const declaration = await publishedDeclaration(server);
    // The organization's form and its answer say 依頼, as 取消の承認 does (not 申請 here and 依頼 there).
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
    const form = main((await a.request('GET', `/admin/organizations/${declaration.organizationId}`)).text);
    expect(form).toContain('取消を依頼する');
    expect(form).not.toContain('申請');
    const requested = await requestRevocation(a, { subjectId: declaration.id, note: 'ロゴの不正使用を確認', back: `/admin/organizations/${declaration.organizationId}` });
    expect(requested.status, requested.text.slice(0, 500)).toBe(303);
    expect(requested.headers.get('location')).toBe(`/admin/organizations/${declaration.organizationId}?done=revocation-requested`);
    expect(main((await a.request('GET', requested.headers.get('location')!)).text)).toContain('取消を依頼しました');

    // Nothing is revoked yet: the declaration is published, its credential verifies.
    expect(await statusOf(server, declaration.id)).toBe('published');
    expect(await verdict(server, declaration.id)).toEqual({ revoked: false, suspended: false });

    // The list: A sees the request waiting for someone else, with withdraw and no approve.
    const requestId = await pendingRequestId(a, declaration.id);
    const listA = (await a.request('GET', '/admin/revocations')).text;
    expect(listA).toContain('id="revocation-requests"');
    // The declaration itself opens from the list (its contents and history), not only its organization.
    // The row's link names its record for a screen reader (visually hidden words after it).
    expect(listA).toContain(`<a href="/admin/reviews/${declaration.id}">内容と履歴<span class="visually-hidden">`);
    expect(listA).toContain('虚偽の宣言');
    expect(listA).toContain('ロゴの不正使用を確認');
    expect(listA).toContain('別の管理者の承認を待っています');
    expect(listA).toContain(`id="withdraw-${requestId}"`);
    expect(listA).not.toContain(`id="approve-${requestId}"`);
    // B sees approve and reject; the home page counts it.
    const listB = (await b.request('GET', '/admin/revocations')).text;
    expect(listB).toContain(`id="approve-${requestId}"`);
    expect(listB).toContain('class="button button--danger approve-button"');
    // Beside the one-click approval, what it does: at once, for good, and what the organization is
    // told (this one has no e-mail address on record: not promised a mail it will not get).
    const approveCell = new RegExp(`<form[^>]*>(?:(?!</form>)[\\s\\S])*?id="approve-${requestId}"[^>]*>`).exec(listB)![0];
    expect(approveCell).toContain('承認するとすぐに取り消され、元に戻せません');
    expect(approveCell).toContain('団体にはメールアドレスの登録がないため、メールは送られません。');
    expect(approveCell).not.toContain('団体にメールで知らせます');
    expect(approveCell).toMatch(/aria-describedby="approve-effect-[^"]+"/);
    expect(listB).toContain(`id="reject-${requestId}"`);
    expect(listB).not.toContain(`id="withdraw-${requestId}"`);
    expect((await b.request('GET', '/admin')).text).toMatch(/<strong id="pending-revocations-count">1<\/strong>/);

    // A cannot approve their own request: 403, with why, and nothing changes.
    const before = records(server);
    const self = await decide(a, requestId, 'approve');
    expect(self.status).toBe(403);
    expect(self.text).toContain('承認は依頼者とは別の管理者が行います');
    expect(records(server)).toBe(before);

    // B approves: revoked, with the reason and note; the credential's revocation bit is set.
    const approved = await decide(b, requestId, 'approve');
    expect(approved.status, approved.text.slice(0, 500)).toBe(303);
    expect(approved.headers.get('location')).toBe(`/admin/revocations?done=approved&request=${requestId}`);
    const revoked = (await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body;
    expect(revoked).toMatchObject({ status: 'revoked', statusReason: 'false-declaration', statusNote: 'ロゴの不正使用を確認' });
    expect(await verdict(server, declaration.id)).toEqual({ revoked: true, suspended: false });
    expect((await b.request('GET', '/admin')).text).toMatch(/<strong id="pending-revocations-count">0<\/strong>/);
    const decidedList = (await b.request('GET', approved.headers.get('location')!)).text;
    // The notice names what was approved (two requests may have waited side by side).
    expect(decidedList).toMatch(/「取消テスト株式会社\d+」の宣言の取消を承認しました。記録は取り消され、クレデンシャルは無効になりました。/);
    expect(decidedList).toContain('id="revocation-decisions"');
    expect(decidedList).toContain('承認（取消済み）');

    // The audit log: A requested; B approved and revoked, in the same request (one batch).
    const entries = await auditOf(server, declaration.id);
    const one = (action: string) => {
      const found = entries.filter((e) => e.action === action);
      expect(found, action).toHaveLength(1);
      return found[0];
    };
    const request = one('revocation.request');
    const approve = one('revocation.approve');
    const revoke = one('declaration.revoke');
    expect(request.actorTokenId).toMatch(/^account:/);
    expect(approve.actorTokenId).toMatch(/^account:/);
    expect(approve.actorTokenId).not.toBe(request.actorTokenId);
    expect(revoke.actorTokenId).toBe(approve.actorTokenId);
    expect(revoke.requestId).toBe(approve.requestId);
    expect(request.entityType).toBe('declaration');
    expect(request.after).toMatchObject({ requestId, reason: 'false-declaration', note: 'ロゴの不正使用を確認', requestedBy: request.actorTokenId, requestedByName: '管理者（初期トークン）' });
    expect(approve.after).toMatchObject({ requestId, requestedBy: request.actorTokenId });

    // Decided: neither approved again nor withdrawn (409, the list with why), nothing changes.
    const after = records(server);
    const again = await decide(b, requestId, 'approve');
    expect(again.status).toBe(409);
    expect(again.text).toContain('既に決定済み');
    expect(records(server)).toBe(after);
  });

  it('a second request while one is pending is 409 naming it; a record that cannot be revoked, a wrong reason or a long note are refused; nothing changes', async () => {
    const declaration = await publishedDeclaration(server);
    expect((await requestRevocation(a, { subjectId: declaration.id })).status).toBe(303);
    const requestId = await pendingRequestId(a, declaration.id);
    const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '下書き株式会社', corporateNumber: corporateNumberFor(79_999) } });
    const draft = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });

    const before = records(server);
    const second = await requestRevocation(b, { subjectId: declaration.id, reason: 'guideline-breach' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('既に取消の依頼があります');
    expect(second.text).toContain(requestId);
    // When it was requested, in Japan time (UTC+9) as a person reads it, not the stored ISO instant.
    const requestedAt = (JSON.parse(server.snapshot()) as [string, { id: string; requested_at: string }[]][])
      .find(([name]) => name === 'revocation_requests')![1].find((row) => row.id === requestId)!.requested_at;
    const jst = new Date(Date.parse(requestedAt) + 9 * 3_600_000);
    const hhmm = `${String(jst.getUTCHours()).padStart(2, '0')}:${String(jst.getUTCMinutes()).padStart(2, '0')}`;
    expect(second.text).toContain(`${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日 ${hhmm}`);
    expect(second.text).not.toContain(requestedAt);
    const secondEnglish = await b.request('POST', '/admin/revocations?lang=en', { form: { csrf: await staffCsrf(b), subjectType: 'declaration', subjectId: declaration.id, reason: 'guideline-breach', note: '', back: '/admin/revocations' } });
    expect(secondEnglish.status).toBe(409);
    expect(secondEnglish.text).toContain(`${hhmm} Japan time`);
    expect(secondEnglish.text).not.toContain(requestedAt);

    const badReason = await requestRevocation(b, { subjectId: declaration.id, reason: 'because', note: '残す補足' });
    expect(badReason.status).toBe(400);
    expect(badReason.text).toContain('id="f-reason-error"');
    expect(badReason.text).toContain('残す補足'); // what was typed stays
    const noReason = await requestRevocation(b, { subjectId: declaration.id, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('取消の理由を選んでください');
    const longNote = await requestRevocation(b, { subjectId: declaration.id, note: 'あ'.repeat(2001) });
    expect(longNote.status).toBe(400);
    expect(longNote.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?補足は2000文字以内で入力してください（今は2001文字）。/);
    const longNoteEnglish = await b.request('POST', '/admin/revocations?lang=en', { form: { csrf: await staffCsrf(b), subjectType: 'declaration', subjectId: declaration.id, reason: 'false-declaration', note: 'あ'.repeat(2001), back: '/admin/revocations' } });
    expect(longNoteEnglish.status).toBe(400);
    expect(longNoteEnglish.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?The note can be at most 2000 characters \(now 2001\)\./);
    // The note reaches the organization's revocation e-mail: a control character is refused, named as such.
    const controlNote = await requestRevocation(b, { subjectId: declaration.id, note: 'ロゴの\u0007不正使用' });
    expect(controlNote.status).toBe(400);
    expect(controlNote.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?補足: 制御文字は使えません。/);
    const controlRejection = await decide(b, requestId, 'reject', { note: '証拠\u0007不足' });
    expect(controlRejection.status).toBe(400);
    expect(controlRejection.text).toContain('却下の理由: 制御文字は使えません。');

    // A draft cannot be revoked.
    const notRevocable = await requestRevocation(b, { subjectId: draft.body.id });
    expect(notRevocable.status).toBe(409);
    expect(notRevocable.text).toContain('取り消せません');
    // Not a record at all.
    expect((await requestRevocation(b, { subjectId: 'no-such-declaration' })).status).toBe(404);
    expect(records(server)).toBe(before);

    // A reviewer may see the list but not request (403) or decide.
    expect((await reviewer.request('GET', '/admin/revocations')).text).not.toContain(`id="approve-${requestId}"`);
    const byReviewer = await requestRevocation(reviewer, { subjectId: declaration.id });
    expect(byReviewer.status).toBe(403);
    expect((await decide(reviewer, requestId, 'approve')).status).toBe(403);
    expect(records(server)).toBe(before);
  });

  it('counts a note’s line breaks as one character each, as the page does: the note the page let through is taken, a longer one says its length', async () => {
    const declaration = await publishedDeclaration(server);
    // The browser sends each line break as CR LF; the page's 2000 counts it once.
    const lines = (n: number) => Array.from({ length: n }, () => 'あ'.repeat(99)).join('\r\n');
    const tooLong = await requestRevocation(a, { subjectId: declaration.id, note: `${lines(20)}\r\n${'い'.repeat(2)}` }); // 1999 + 1 + 2
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?補足は2000文字以内で入力してください（今は2002文字）。/);
    const requested = await requestRevocation(a, { subjectId: declaration.id, note: lines(20) }); // 20 × 99 + 19 line breaks = 1999
    expect(requested.status, requested.text).toBe(303);
    const requestId = await pendingRequestId(b, declaration.id);
    const rejectedLong = await decide(b, requestId, 'reject', { note: 'う'.repeat(2001) });
    expect(rejectedLong.status).toBe(400);
    expect(rejectedLong.text).toContain('却下の理由は2000文字以内で入力してください（今は2001文字）。');
    const english = await b.request('POST', `/admin/revocations/${requestId}/reject?lang=en`, { form: { csrf: await staffCsrf(b), note: 'う'.repeat(2001) } });
    expect(english.text).toContain('The reason for rejecting can be at most 2000 characters (now 2001).');
    expect((await decide(b, requestId, 'reject', { note: lines(20) })).status).toBe(303);
  });

  it('the organization’s page says a revocation awaits approval, by whom and why, in place of a request form that would be refused', async () => {
    const declaration = await publishedDeclaration(server);
    const page = `/admin/organizations/${declaration.organizationId}`;
    expect((await b.request('GET', page)).text).toContain('id="revoke-form"');
    expect((await requestRevocation(a, { subjectId: declaration.id, reason: 'guideline-breach', note: '現地確認の結果' })).status).toBe(303);

    const seen = await b.request('GET', page);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain('id="revoke-form"');
    const pending = /<div class="card org-action-form" id="revocation-pending">([\s\S]*?)<\/div>/.exec(seen.text)?.[1] ?? '';
    expect(pending).toContain('取消の依頼（承認待ち）');
    expect(pending).toMatch(/管理者（初期トークン） さんが \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2} に取消を依頼しました（理由: ガイドライン違反）/);
    expect(pending).toContain('現地確認の結果');
    expect(pending).toContain('href="/admin/revocations"');
    expect((await b.request('GET', `${page}?lang=en`)).text).toContain('Revocation requested (awaiting approval)');
    // The suspension form beside it stays: suspending while the request waits is still the secretariat's call.
    expect(seen.text).toContain('id="suspend-form"');

    // Once decided (here withdrawn), the request form is back.
    expect((await decide(a, await pendingRequestId(a, declaration.id), 'withdraw')).status).toBe(303);
    const after = await b.request('GET', page);
    expect(after.text).toContain('id="revoke-form"');
    expect(after.text).not.toContain('id="revocation-pending"');
  });

  it('names the bootstrap administrator who requested a revocation in the page’s language, as the staff page does', async () => {
    const declaration = await publishedDeclaration(server);
    expect((await requestRevocation(a, { subjectId: declaration.id })).status).toBe(303);
    const row = async (who: Browser, lang: string) => (await who.request('GET', `/admin/revocations${lang}`)).text.split('<tr id="request-').find((part) => part.includes(declaration.id))?.split('</tr>')[0] ?? '';
    const english = await row(a, '?lang=en');
    expect(english).toContain('Administrator (bootstrap token) (you)');
    expect(english).not.toContain('管理者（初期トークン）');
    expect(await row(b, '')).toContain('管理者（初期トークン）');
    const again = await b.request('POST', '/admin/revocations?lang=en', { form: { csrf: await staffCsrf(b), subjectType: 'declaration', subjectId: declaration.id, reason: 'false-declaration', note: '', back: '/admin/revocations' } });
    expect(again.status).toBe(409);
    expect(again.text).toContain('by Administrator (bootstrap token) at');
    const pending = await pendingRequestId(a, declaration.id);
    expect((await decide(a, pending, 'withdraw')).status).toBe(303);
  });

  it('B rejects (audited with why), A withdraws (only A may); the declaration stays published', async () => {
    const declaration = await publishedDeclaration(server);
    expect((await requestRevocation(a, { subjectId: declaration.id, reason: 'guideline-breach' })).status).toBe(303);
    const first = await pendingRequestId(a, declaration.id);
    // A does not reject their own request (withdraws instead).
    expect((await decide(a, first, 'reject')).status).toBe(403);
    const rejected = await decide(b, first, 'reject', { note: '事実確認が不十分' });
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get('location')).toBe(`/admin/revocations?done=rejected&request=${first}`);
    expect((await b.request('GET', rejected.headers.get('location')!)).text).toMatch(/「取消テスト株式会社\d+」の宣言の取消の依頼を却下しました。記録は変わりません。/);
    expect(await statusOf(server, declaration.id)).toBe('published');

    // Rejected, the record may be asked for again; B cannot withdraw A's request, A can.
    expect((await requestRevocation(a, { subjectId: declaration.id })).status).toBe(303);
    const second = await pendingRequestId(a, declaration.id);
    expect(second).not.toBe(first);
    expect((await decide(b, second, 'withdraw')).status).toBe(403);
    const withdrawn = await decide(a, second, 'withdraw');
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toBe(`/admin/revocations?done=withdrawn&request=${second}`);
    expect(await statusOf(server, declaration.id)).toBe('published');
    expect(await verdict(server, declaration.id)).toEqual({ revoked: false, suspended: false });

    const entries = await auditOf(server, declaration.id);
    const reject = entries.find((e) => e.action === 'revocation.reject');
    expect(reject.after).toMatchObject({ requestId: first, reason: 'guideline-breach', rejectionNote: '事実確認が不十分' });
    const withdraw = entries.find((e) => e.action === 'revocation.withdraw');
    expect(withdraw.after).toMatchObject({ requestId: second });
    expect(withdraw.actorTokenId).toBe(entries.find((e) => e.action === 'revocation.request').actorTokenId);
    expect(entries.some((e) => e.action === 'declaration.revoke')).toBe(false);
  });

  it('the record withdrawn meanwhile: approval is 409 and nothing changes', async () => {
    const declaration = await publishedDeclaration(server);
    expect((await requestRevocation(a, { subjectId: declaration.id })).status).toBe(303);
    const requestId = await pendingRequestId(a, declaration.id);
    expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/withdraw`)).status).toBe(200);
    const before = records(server);
    const approved = await decide(b, requestId, 'approve');
    expect(approved.status).toBe(409);
    expect(approved.text).toContain('withdrawn');
    expect(records(server)).toBe(before);
    // The list says why and offers no approval; the request can still be rejected.
    const list = (await b.request('GET', '/admin/revocations')).text;
    expect(list).not.toContain(`id="approve-${requestId}"`);
    expect((await decide(b, requestId, 'reject')).status).toBe(303);
  });

  it('an award: requested by A, approved by B, revoked', async () => {
    const declaration = await publishedDeclaration(server);
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: declaration.organizationId, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status, award.text).toBe(201);
    // Refused (a control character in the note), the form comes back with the reasons that fit an award only.
    const refused = await requestRevocation(a, { subjectType: 'award', subjectId: award.body.id, reason: 'other', note: '受賞要件\u0007' });
    expect(refused.status).toBe(400);
    const select = /<select[^>]*name="reason"[\s\S]*?<\/select>/.exec(refused.text)![0];
    expect([...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', 'organization-dissolved', 'misuse-of-logo', 'other']);
    expect(select).toMatch(/<option value="other" selected="">/);
    expect((await requestRevocation(a, { subjectType: 'award', subjectId: award.body.id, reason: 'other', note: '受賞要件を満たさない' })).status).toBe(303);
    expect((await server.call('GET', `/api/v1/awards/${award.body.id}`)).body.status).toBe('active');
    // The award's page says a revocation awaits approval, in place of a request form that would be refused as a second one.
    const awardPage = (await b.request('GET', `/admin/awards/${award.body.id}`)).text;
    expect(awardPage).toContain('id="revocation-pending"');
    expect(awardPage).toContain('受賞要件を満たさない');
    expect(awardPage).not.toContain('id="revoke-form"');
    // The list names the award's year as every other page does, linked to the award.
    const list = (await b.request('GET', '/admin/revocations')).text;
    expect(list).toContain(`<a href="/admin/awards/${award.body.id}">令和7年度（2025年度） 優秀賞<span class="visually-hidden">`);
    expect((await b.request('GET', '/admin/revocations?lang=en')).text).toContain(`<a href="/admin/awards/${award.body.id}?lang=en">FY2025 Excellence Award<span class="visually-hidden">`);
    const requestId = await pendingRequestId(b, award.body.id);
    expect((await decide(b, requestId, 'approve')).status).toBe(303);
    expect((await server.call('GET', `/api/v1/awards/${award.body.id}`)).body.status).toBe('revoked');
    const actions = (await auditOf(server, award.body.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['revocation.request', 'revocation.approve', 'award.revoke']));
  });
});

describe('the audit log in words', () => {
  /** The words in the "action" cell of each row of the audit log page, by action code. */
  const actionWords = (html: string) =>
    new Map([...html.matchAll(/<td>([^<]*)<div><code>([^<]+)<\/code><\/div><\/td>/g)].map((m) => [m[2]!, m[1]!.trim()]));

  it('names every step of a revocation (request, reject, approve) in Japanese and English, and offers them as filters', async () => {
    const declaration = await publishedDeclaration(server);
    expect((await requestRevocation(a, { subjectId: declaration.id })).status).toBe(303);
    expect((await decide(b, await pendingRequestId(b, declaration.id), 'reject', { note: '証拠が不十分' })).status).toBe(303);
    expect((await requestRevocation(a, { subjectId: declaration.id })).status).toBe(303);
    expect((await decide(b, await pendingRequestId(b, declaration.id), 'approve')).status).toBe(303);

    const ja = actionWords((await a.request('GET', `/admin/audit?entityId=${declaration.id}`)).text);
    expect(ja.get('revocation.request')).toBe('取消の依頼');
    expect(ja.get('revocation.reject')).toBe('取消の依頼の却下');
    expect(ja.get('revocation.approve')).toBe('取消の承認');
    expect(ja.get('declaration.revoke')).toBe('宣言の取消');
    const en = actionWords((await a.request('GET', `/admin/audit?entityId=${declaration.id}&lang=en`)).text);
    expect(en.get('revocation.request')).toBe('Revocation requested');
    expect(en.get('revocation.approve')).toBe('Revocation approved');

    const page = (await a.request('GET', '/admin/audit')).text;
    expect(page).toContain('<option value="revocation.request">取消の依頼</option>');
    expect(page).toContain('<option value="revocation.withdraw">取消の依頼の取下げ</option>');
  });
});

describe('REVOCATION_TWO_PERSON=false', () => {
  let single: TestServer;
  beforeAll(async () => {
    single = await startTestServer({ REVOCATION_TWO_PERSON: 'false' });
  }, 120_000);
  afterAll(async () => {
    await single?.close();
  });

  it('one administrator revokes at once; the request is recorded as approved by the same person', async () => {
    const admin = await signInAsAdministrator(single);
    const declaration = await publishedDeclaration(single);
    const response = await requestRevocation(admin, { subjectId: declaration.id, back: '/admin/revocations?lang=en', confirm: 'yes' });
    expect(response.status, response.text.slice(0, 500)).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/revocations?lang=en&done=revoked');
    expect(await statusOf(single, declaration.id)).toBe('revoked');
    expect(await verdict(single, declaration.id)).toEqual({ revoked: true, suspended: false });

    const entries = await auditOf(single, declaration.id);
    const actor = (action: string) => entries.find((e) => e.action === action)?.actorTokenId;
    expect(actor('revocation.request')).toMatch(/^account:/);
    expect(actor('revocation.approve')).toBe(actor('revocation.request'));
    expect(actor('declaration.revoke')).toBe(actor('revocation.request'));
    const list = (await admin.request('GET', '/admin/revocations')).text;
    expect(list).toContain('承認待ちの依頼はありません');
    expect(list).toContain('承認（取消済み）');
  });

  it('revoking at once asks for a ticked confirmation first: the form has the box, and without it nothing is revoked and the box is named', async () => {
    const admin = await signInAsAdministrator(single);
    const declaration = await publishedDeclaration(single);
    const page = (await admin.request('GET', `/admin/organizations/${declaration.organizationId}`)).text;
    expect(page).toMatch(/<input type="checkbox" id="revoke-confirm" name="confirm" value="yes" required=""/);

    const before = recordsOf(single);
    const refused = await requestRevocation(admin, { subjectId: declaration.id, back: `/admin/organizations/${declaration.organizationId}` });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('取り消してよいことを確認するには、チェックボックスを選んでください。');
    expect(refused.text).toContain('href="#f-confirm"');
    expect(refused.text).toMatch(/<input type="checkbox" id="f-confirm" name="confirm" value="yes"/);
    expect(recordsOf(single)).toBe(before);
    expect(await statusOf(single, declaration.id)).toBe('published');

    const english = await admin.request('POST', '/admin/revocations?lang=en', { form: { csrf: await staffCsrf(admin), subjectType: 'declaration', subjectId: declaration.id, reason: 'other', back: '/admin/revocations' } });
    expect(english.status).toBe(400);
    expect(english.text).toContain('Tick the box to confirm the revocation.');
    expect(recordsOf(single)).toBe(before);
  });
});
