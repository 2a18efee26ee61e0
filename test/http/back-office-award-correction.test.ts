/**
 * Correcting an award's overview and message on its back-office page (administrators): before,
 * the page offered no way to fix a typo at all (suspend or revoke only). Now a form, filled with
 * the texts as they are, says before it is sent what happens to the badge; a corrected overview
 * re-issues the credential and the page lists the earlier one as superseded; a refused form comes
 * back with what was typed and the message beside the field, and changes nothing. Reviewers see
 * no form and are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITY, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

let server: TestServer;
let admin: Browser;
let reviewer: Browser;
let municipalityId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  reviewer = await signInAsStaff(server, admin, 'reviewer', '審査 花子');
  const municipality = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
  expect(municipality.status, municipality.text).toBe(201);
  municipalityId = municipality.body.id;
});
afterAll(() => server?.close());

let year = 2020;
async function recordAward() {
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipalityId, fiscalYear: year++, category: 'minister', overview: 'テレワーク移住者を100人受入れ', message: '選ばれるまちを目指します' } });
  expect(award.status, award.text).toBe(201);
  return award.body.id as string;
}
const formOf = (html: string) => /<form[^>]*id="correct-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
const versionIn = (html: string) => /name="rowVersion" value="(\d+)"/.exec(formOf(html))![1]!;

describe('back office: correcting an award', () => {
  it('the award’s page offers the correction with the texts as they are, and says what happens to the badge', async () => {
    const id = await recordAward();
    const page = await admin.request('GET', `/admin/awards/${id}`);
    const form = formOf(page.text);
    expect(form).toContain(`action="/admin/awards/${id}/correct"`);
    expect(form).toContain('テレワーク移住者を100人受入れ</textarea>');
    expect(form).toContain('選ばれるまちを目指します</textarea>');
    expect(form).toContain('新しいクレデンシャルを発行');
    expect(form).toContain('メッセージだけの訂正ではバッジは変わりません');
    // A reviewer reads the award but cannot correct it.
    const reviewed = await reviewer.request('GET', `/admin/awards/${id}`);
    expect(reviewed.status).toBe(200);
    expect(formOf(reviewed.text)).toBe('');
    const before = recordsOf(server);
    const refused = await reviewer.request('POST', `/admin/awards/${id}/correct`, { form: { csrf: csrfIn(reviewed.text), rowVersion: '1', overview: '審査担当が直す', message: '' } });
    expect(refused.status).toBe(403);
    expect(recordsOf(server)).toBe(before);
  });

  it('a corrected overview is public, and the page lists the new credential and the earlier one as superseded', async () => {
    const id = await recordAward();
    const page = await admin.request('GET', `/admin/awards/${id}`);
    // Sent as a browser sends it, with the day the page shows: recorded without one, the award took
    // today, outside FY2020's bounds, and a day left as it is must not stop its texts' correction.
    const shownDay = /name="awardedOn"[^>]*value="([^"]+)"/.exec(formOf(page.text))![1]!;
    const corrected = await admin.request('POST', `/admin/awards/${id}/correct`, {
      form: { csrf: csrfIn(page.text), rowVersion: versionIn(page.text), overview: 'テレワーク移住者を120人受入れ', message: '選ばれるまちを目指します', awardedOn: shownDay },
    });
    expect(corrected.status).toBe(303);
    expect(corrected.headers.get('location')).toBe(`/admin/awards/${id}?done=corrected-reissued`);
    const after = await admin.request('GET', corrected.headers.get('location')!);
    expect(after.text).toContain('新しいクレデンシャルを発行し');
    // This municipality has no address: the notice does not claim it was e-mailed.
    expect(after.text).toContain('受賞団体は新しいバッジへの差し替えが必要です');
    expect(after.text).not.toContain('メールでお願いしました');
    expect(after.text).toMatch(/<ul class="award-credentials">[\s\S]*有効[\s\S]*置き換え済み[\s\S]*<\/ul>/);
    const publicView = await server.call('GET', `/api/v1/awards/${id}`, { token: null });
    expect(publicView.body.overview).toBe('テレワーク移住者を120人受入れ');

    // The message alone: the badge stays, and the notice says so.
    const again = await admin.request('POST', `/admin/awards/${id}/correct`, {
      form: { csrf: csrfIn(after.text), rowVersion: versionIn(after.text), overview: 'テレワーク移住者を120人受入れ', message: '選ばれるまちを目指します。' },
    });
    expect(again.headers.get('location')).toBe(`/admin/awards/${id}?done=corrected`);
  });

  it('the award date is corrected on the same form, typed as on the record form (和暦 too), and re-issues the badge; a blank or unreadable day is refused beside the field with the texts’ own problems', async () => {
    // A fixed past year and day, so the bounds (1 April 2024 to 31 March 2026) do not move with today.
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipalityId, fiscalYear: 2024, category: 'excellence', overview: '移住者の受入れ', awardedOn: '2025-03-10' } });
    expect(award.status, award.text).toBe(201);
    const id = award.body.id as string;
    const page = await admin.request('GET', `/admin/awards/${id}`);
    expect(formOf(page.text)).toMatch(/<input[^>]*type="date"[^>]*name="awardedOn"[^>]*value="2025-03-10"|<input[^>]*name="awardedOn"[^>]*type="date"[^>]*value="2025-03-10"/);
    const csrf = csrfIn(page.text);
    const rowVersion = versionIn(page.text);
    const before = recordsOf(server);
    const blank = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '移住者の受入れ', message: 'あ'.repeat(4001), awardedOn: '' } });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/id="f-awardedOn-error"[^>]*>[\s\S]*?表彰日を入力してください/);
    expect(blank.text).toMatch(/id="f-message-error"[^>]*>[\s\S]*?4000/);
    const outside = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '移住者の受入れ', message: '', awardedOn: '令和8年4月1日' } });
    expect(outside.status).toBe(400);
    expect(outside.text).toMatch(/id="f-awardedOn-error"[^>]*>[\s\S]*?2026年3月31日までの日付です/);
    expect(formOf(outside.text)).toContain('value="令和8年4月1日"');
    const unreadable = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '移住者の受入れ', message: '', awardedOn: '三月一日' } });
    expect(unreadable.text).toMatch(/id="f-awardedOn-error"[^>]*>[\s\S]*?令和8年2月10日 の形で/);
    expect(recordsOf(server)).toBe(before);

    const corrected = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '移住者の受入れ', message: '', awardedOn: '令和7年3月1日' } });
    expect(corrected.status).toBe(303);
    expect(corrected.headers.get('location')).toBe(`/admin/awards/${id}?done=corrected-reissued`);
    const after = await admin.request('GET', corrected.headers.get('location')!);
    expect(after.text).toContain('2025年3月1日');
    expect(after.text).toMatch(/<ul class="award-credentials">[\s\S]*有効[\s\S]*置き換え済み[\s\S]*<\/ul>/);
    expect((await server.call('GET', `/api/v1/awards/${id}`, { token: null })).body.awardedOn).toBe('2025-03-01');
  });

  it('a refused correction comes back with what was typed and the message beside the field; nothing changes', async () => {
    const id = await recordAward();
    const page = await admin.request('GET', `/admin/awards/${id}`);
    const csrf = csrfIn(page.text);
    const rowVersion = versionIn(page.text);
    const before = recordsOf(server);
    const tooLong = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '訂正中の概要', message: 'あ'.repeat(4001) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/id="f-message-error"[^>]*>[\s\S]*?4000/);
    expect(formOf(tooLong.text)).toContain('訂正中の概要</textarea>');
    // Characters are counted as the API counts them (code points): 4,000 of them with 𠮷 and
    // emoji (5,000 UTF-16 units) are accepted by the form as by PUT /api/v1/awards/{id}.
    const full = `${'あ'.repeat(3000)}${'𠮷'.repeat(500)}${'🏢'.repeat(500)}`;
    const atLimit = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '訂正中の概要', message: full } });
    expect(atLimit.status, atLimit.text.slice(0, 300)).toBe(303);
    expect((await server.call('GET', `/api/v1/awards/${id}`, { token: null })).body.message).toBe(full);
    // Another administrator's change since the page was shown: 409, the text kept.
    await server.call('PUT', `/api/v1/awards/${id}`, { body: { message: '別の訂正' } });
    const mid = recordsOf(server);
    const stale = await admin.request('POST', `/admin/awards/${id}/correct`, { form: { csrf, rowVersion, overview: '古いページからの訂正', message: '' } });
    expect(stale.status).toBe(409);
    expect(formOf(stale.text)).toContain('古いページからの訂正</textarea>');
    expect(recordsOf(server)).toBe(mid);
    expect(mid).not.toBe(before);
  });
});
