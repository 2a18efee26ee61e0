import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, expireDeclarations, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember, signInAsStaff } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

/**
 * The back office's review queue and review page over real HTTP, on Node and on the Worker: the
 * queue in order of submission, the page's facts and the diff against what the public saw last,
 * publishing (a credential) and returning (the reason reaches the organization and its mailbox),
 * internal notes that only staff see, and refusals that change nothing (role, stale row version,
 * a declaration no longer under review, a missing reason, a missing CSRF token).
 */
let server: TestServer;
let admin: Browser;
let reviewer: Browser;
let viewer: Browser;
let counter = 0;

interface Company {
  id: string;
  token: string;
  email: string;
  corporateNumber: string;
}

async function ok(method: string, path: string, body?: unknown, token?: string) {
  const response = await server.call(method, path, { ...(body === undefined ? {} : { body }), ...(token ? { token } : {}) });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
}

/** A company with a contact address (the recipient of its e-mail) and its own API token. */
async function company(name = `審査テスト株式会社${++counter}`): Promise<Company> {
  const n = 80_000 + ++counter;
  const email = `contact${n}@example.jp`;
  const corporateNumber = corporateNumberFor(n);
  const { id } = await ok('POST', '/api/v1/organizations', { ...COMPANY, name, corporateNumber, contact: { name: '担当 一郎', email } });
  const { token } = await ok('POST', '/api/v1/tokens', { role: 'organization', organizationId: id, label: name });
  return { id, token, email, corporateNumber };
}

/** The company's declaration, created and submitted by the company itself. */
async function submitted(c: Company, content: Record<string, unknown> = DECLARATION): Promise<string> {
  const { id } = await ok('POST', `/api/v1/organizations/${c.id}/declarations`, content, c.token);
  await ok('POST', `/api/v1/declarations/${id}/submit`, undefined, c.token);
  return id;
}

/** The review page as `who` sees it, with the CSRF token and row version its forms carry. */
async function reviewPage(who: Browser, id: string) {
  const page = await who.request('GET', `/admin/reviews/${id}`);
  expect(page.status).toBe(200);
  return { html: page.text, csrf: csrfIn(page.text), rowVersion: /name="rowVersion" value="(\d+)"/.exec(page.text)?.[1] ?? '' };
}

const snapshot = () => recordsOf(server);

/** What the organization sees of its declaration through the API (its own token). */
const asOrganization = async (c: Company, id: string) => (await server.call('GET', `/api/v1/declarations/${id}`, { token: c.token })).body;

const audit = async (action: string) => (await server.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as any[];

/** The row order of the queue: the declaration ids its links point to. */
const queueIds = (html: string) => [...html.matchAll(/id="review-link-([^"]+)"/g)].map((m) => m[1]!);

const expire = (id: string) => expireDeclarations(server, [id]);

const memberOf = (c: Company) => signInAsMember(server, c.id);

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  reviewer = await signInAsStaff(server, admin, 'reviewer', '審査 花子');
  viewer = await signInAsStaff(server, admin, 'viewer', '閲覧 次郎');
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('the review queue', () => {
  it('says when nothing waits, then lists submitted declarations by submission time, the longest waiting first', async () => {
    const empty = await viewer.request('GET', '/admin/reviews');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('審査待ちの宣言はありません。');
    expect(empty.text).not.toContain('id="review-queue"');

    // Created in one order, submitted in the other: the queue follows the submissions.
    const early = await company('先に作成した株式会社');
    const late = await company('後に作成した株式会社');
    const earlyId = (await ok('POST', `/api/v1/organizations/${early.id}/declarations`, DECLARATION, early.token)).id;
    const lateId = await submitted(late);
    await ok('POST', `/api/v1/declarations/${earlyId}/submit`, undefined, early.token);
    const draft = await company('下書きのままの株式会社');
    await ok('POST', `/api/v1/organizations/${draft.id}/declarations`, DECLARATION, draft.token);

    const queue = await reviewer.request('GET', '/admin/reviews');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('id="review-queue"');
    expect(queueIds(queue.text)).toEqual([lateId, earlyId]);
    const row = queue.text.slice(queue.text.indexOf(`id="review-link-${lateId}"`));
    expect(row).toMatch(/^id="review-link-[^"]+" class="review-link" href="\/admin\/reviews\/[^"]+">後に作成した株式会社<\/a>/);
    expect(row).toContain('企業');
    expect(row).toContain(late.corporateNumber);
    expect(row).toContain('東京都');
    expect(row).toContain('初めての宣言');
    expect(queue.text).not.toContain('下書きのままの株式会社');
    expect((await reviewer.request('GET', '/admin/reviews?lang=en')).text).toContain('Declarations awaiting review');
  });

  // Node only: 50 declarations take the Worker a minute to make over HTTP, and the queue's keyset
  // query is the same SQL on D1; the Worker runs every other test here.
  it.skipIf(onWorker)('pages after 50, in the same order, with no declaration twice', async () => {
    const waiting = async () => (await ok('GET', '/api/v1/declarations?status=submitted&limit=100')).items as { id: string; submittedAt: string }[];
    const waitingOne = async (n: number) => {
      const { id } = await ok('POST', '/api/v1/organizations', { ...COMPANY, name: `待機株式会社${n}`, corporateNumber: corporateNumberFor(90_000 + n) });
      const declaration = await ok('POST', `/api/v1/organizations/${id}/declarations`, DECLARATION);
      await ok('POST', `/api/v1/declarations/${declaration.id}/submit`);
    };
    const missing = Array.from({ length: 52 - (await waiting()).length }, (_, i) => i);
    for (let i = 0; i < missing.length; i += 8) await Promise.all(missing.slice(i, i + 8).map(waitingOne));
    const expected = (await waiting()).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id)).map((d) => d.id);
    const first = await viewer.request('GET', '/admin/reviews');
    expect(queueIds(first.text)).toHaveLength(50);
    const next = /href="(\/admin\/reviews\?cursor=[^"]+)" rel="next"/.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await viewer.request('GET', next!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect([...queueIds(first.text), ...queueIds(second.text)]).toEqual(expected);
    expect(second.text).toContain('最初のページ');
  }, 120_000);
});

describe('a review', () => {
  it('shows the organization, the declaration and its guideline areas; a first declaration has no earlier published version; viewers get no forms', async () => {
    const c = await company('確認用株式会社');
    const id = await submitted(c, { ...DECLARATION, guidelineAreas: ['labor', 'security'], measures: 'サテライトオフィスを開設します。' });
    const { html } = await reviewPage(reviewer, id);
    expect(html).toContain('確認用株式会社 の宣言の審査');
    // The private contact is an administrator's to read, as on the organization's page: a reviewer
    // (the return reason reaches the organization by e-mail anyway) and a viewer see it withheld.
    expect(html).not.toContain(c.email);
    expect(html).not.toContain('担当 一郎');
    expect(html).toContain('（管理者のみ閲覧可）');
    expect((await reviewPage(viewer, id)).html).not.toContain(c.email);
    const asAdmin = (await reviewPage(admin, id)).html;
    expect(asAdmin).toContain(c.email);
    expect(asAdmin).toContain('担当 一郎');
    expect(html).toMatch(/メンバー数<\/dt><dd>0人/);
    expect(html).toContain('山田 太郎');
    expect(html).toContain('サテライトオフィスを開設します。');
    expect(html).toContain('労務制度（宣言あり）');
    expect(html).toContain('人事制度（宣言なし）');
    expect(html).toContain('社外で働くときの情報漏えい対策'); // the area's explanation, as the form shows it
    expect(html).toContain('これまでに公表された版はありません');
    // Nothing under review is public yet: each field says whether it will be, as the organization's own page does.
    expect(html).toContain('宣言日（トップのコミットメントの日）<span class="consent-mark">（公表する）</span>');
    expect(html).toContain('宣言者（代表者）の氏名<span class="consent-mark">（公表しない）</span>');
    expect(html).not.toMatch(/（(公表|非公表)）/);
    expect(html).toContain('宣言を提出');
    for (const control of ['id="publish-button"', 'id="return-button"', 'id="f-reason"', 'id="f-note"', 'id="note-button"']) expect(html).toContain(control);

    const seen = (await viewer.request('GET', `/admin/reviews/${id}`)).text;
    expect(seen).toContain('確認用株式会社 の宣言の審査');
    for (const control of ['publish-button', 'return-button', 'f-reason', 'note-button']) expect(seen).not.toContain(`id="${control}"`);
    expect((await reviewer.request('GET', '/admin/reviews/no-such-declaration')).status).toBe(404);
  });

  it('returns a declaration with a reason: the organization reads it through the API and /my, and is e-mailed', async () => {
    const c = await company('差戻し株式会社');
    const id = await submitted(c);
    const member = await memberOf(c);
    const { csrf, rowVersion } = await reviewPage(reviewer, id);
    const reason = '取組内容を具体的に記載してください。\n例: 制度の名称と開始時期。';
    const response = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion, reason: reason.replace(/\n/g, '\r\n') } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/reviews?done=returned&declaration=${id}`);
    expect((await reviewer.request('GET', response.headers.get('location')!)).text).toContain('宣言を差し戻しました');

    expect(await asOrganization(c, id)).toMatchObject({ status: 'draft', statusReason: reason });
    expect((await member.request('GET', '/my')).text).toContain('取組内容を具体的に記載してください。');
    const db = new BetterSqlite3(server.dbPath, { readonly: true });
    try {
      const mails = db.prepare('SELECT kind, recipient, text_body FROM mail_outbox WHERE organization_id = ? ORDER BY created_at, id').all(c.id) as { kind: string; recipient: string; text_body: string }[];
      // The submission's receipt, then the return.
      expect(mails.map((m) => [m.kind, m.recipient])).toEqual([['declaration.received', c.email], ['declaration.returned', c.email]]);
      expect(mails[1]!.text_body).toContain('取組内容を具体的に記載してください。');
    } finally {
      db.close();
    }
    // Recorded as a reviewer's act, the role they held then (not an administrator's).
    expect((await audit('declaration.return')).find((e) => e.entityId === id)).toMatchObject({ actorTokenId: expect.stringMatching(/^account:/), actorRole: 'admin:reviewer' });
  });

  it('publishes a declaration: it is public with its credential, and the queue no longer lists it', async () => {
    const c = await company('公表株式会社');
    const id = await submitted(c);
    const { csrf, rowVersion } = await reviewPage(reviewer, id);
    const response = await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form: { csrf, rowVersion } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/reviews?done=published&declaration=${id}`);
    const declaration = await asOrganization(c, id);
    expect(declaration.status).toBe('published');
    expect(declaration.credentials.length).toBeGreaterThan(0);
    expect((await server.call('GET', `/api/v1/declarations/${id}`, { token: null })).body.status).toBe('published');
    expect(queueIds((await reviewer.request('GET', '/admin/reviews')).text)).not.toContain(id);
    const after = await reviewPage(reviewer, id);
    expect(after.html).toContain('この宣言は審査中ではありません');
    expect(after.html).not.toContain('id="publish-button"');
    // Opened again after the decision (a second click, a link from the audit log), it is still the
    // first declaration that was reviewed, not a renewal of itself compared with itself.
    expect(after.html).toContain('初めての宣言');
    expect(after.html).not.toContain('更新（有効期限の後）');
    // Published now: not "no version has been published", nor a call to review it all.
    expect(after.html).toContain('この提出より前に公表された版はありませんでした（初めての宣言でした）。');
    expect(after.html).not.toContain('これまでに公表された版はありません');
    expect(after.html).not.toContain('すべての内容を確認してください');
    expect((await reviewer.request('GET', `/admin/reviews/${id}?lang=en`)).text).toContain('No version had been published before this submission');
  });

  it('a returned declaration’s review page calls its state 差戻し / Returned, as the organizations list does, and links to the organization', async () => {
    const c = await company('差戻し表示株式会社');
    const id = await submitted(c);
    const { csrf, rowVersion } = await reviewPage(reviewer, id);
    expect((await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion, reason: '記載を直してください。' } })).status).toBe(303);
    const ja = (await reviewPage(reviewer, id)).html;
    expect(ja).toContain('現在の状態: 差戻し');
    expect(ja).not.toContain('現在の状態: 下書き');
    expect(ja).toMatch(/<dt>状態<\/dt>\s*<dd>差戻し<\/dd>/);
    expect(ja).toContain(`<a href="/admin/organizations/${c.id}">差戻し表示株式会社</a>`);
    const en = (await reviewer.request('GET', `/admin/reviews/${id}?lang=en`)).text;
    expect(en).toContain('its state now: Returned');
    expect(en).toContain(`<a href="/admin/organizations/${c.id}?lang=en">差戻し表示株式会社</a>`);
    // A late publish from the page opened before says the same.
    expect((await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form: { csrf, rowVersion: String(Number(rowVersion) + 1) } })).text).toContain('現在の状態: 差戻し');
  });

  it('the notice after publishing or returning names the organization (escaped), in Japanese and in English', async () => {
    const notice = (html: string) => /<div class="notice notice--success" role="status">([^<]*)<\/div>/.exec(html)?.[1];
    const decide = async (name: string, action: 'publish' | 'return', lang: '' | '?lang=en') => {
      const id = await submitted(await company(name));
      const { csrf, rowVersion } = await reviewPage(reviewer, id);
      const form: Record<string, string> = { csrf, rowVersion, ...(action === 'return' ? { reason: '記載を直してください。' } : {}) };
      const response = await reviewer.request('POST', `/admin/reviews/${id}/${action}${lang}`, { form });
      expect(response.status).toBe(303);
      return notice((await reviewer.request('GET', response.headers.get('location')!)).text);
    };
    expect(await decide('株式会社<公表>&テスト', 'publish', '')).toBe('「株式会社&lt;公表&gt;&amp;テスト」の宣言を公表しました。団体にメールで知らせます。');
    expect(await decide('Publish & Co.', 'publish', '?lang=en')).toBe('The declaration of “Publish &amp; Co.” was published. The organization is told by e-mail.');
    expect(await decide('差戻し通知株式会社', 'return', '')).toBe('「差戻し通知株式会社」の宣言を差し戻しました。団体に理由をメールで知らせます。');
  });

  it('shows what changed since the public saw it last: a renewal, and a new declaration after a withdrawn one', async () => {
    // Renewal: published (v1), amended while published (v2, public at once), expired, renewed.
    const c = await company('更新株式会社');
    const id = await submitted(c);
    await ok('POST', `/api/v1/declarations/${id}/publish`);
    await ok('PUT', `/api/v1/declarations/${id}`, { ...DECLARATION, policy: '公表中に改訂した方針です。' }, c.token);
    await expire(id);
    await ok('POST', `/api/v1/declarations/${id}/renew`, undefined, c.token);
    let page = await reviewPage(reviewer, id);
    expect(page.html).toContain('更新（有効期限の後）');
    expect(page.html).toContain('公表されていた第2版 → 今回の第2版');
    expect(page.html).toContain('内容の変更はありません。');
    expect(page.html).toContain('第2版（最後に公表された版）');

    // Returned, amended (v3) and submitted again: the diff is against v2, what the public saw last.
    expect((await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf: page.csrf, rowVersion: page.rowVersion, reason: '方針を更新してください。' } })).status).toBe(303);
    await ok('PUT', `/api/v1/declarations/${id}`, { ...DECLARATION, policy: '更新時に見直した方針です。', guidelineAreas: ['labor'] }, c.token);
    await ok('POST', `/api/v1/declarations/${id}/submit`, undefined, c.token);
    page = await reviewPage(reviewer, id);
    expect(page.html).toContain('公表されていた第2版 → 今回の第3版');
    const changes = page.html.slice(page.html.indexOf('id="changes"'), page.html.indexOf('id="history"'));
    expect(changes).toMatch(/<h4>取組方針<\/h4><dl><dt>変更前<\/dt><dd class="prose change__before">公表中に改訂した方針です。<\/dd><dt>変更後<\/dt><dd class="prose change__after">更新時に見直した方針です。<\/dd>/);
    expect(changes).toContain('<h4>遵守するガイドラインの分野</h4>');
    expect(changes).not.toContain('宣言者（代表者）の氏名');
    expect(page.html).toContain('方針を更新してください。'); // the earlier return, in the history
    // Published, the page still shows the renewal as reviewed: against v2, what the public saw before.
    await ok('POST', `/api/v1/declarations/${id}/publish`);
    page = await reviewPage(reviewer, id);
    expect(page.html).toContain('更新（有効期限の後）');
    expect(page.html).toContain('公表されていた第2版 → 今回の第3版');

    // A new declaration after the published one was withdrawn: compared with the earlier one.
    const w = await company('再宣言株式会社');
    const first = await submitted(w);
    await ok('POST', `/api/v1/declarations/${first}/publish`);
    await ok('POST', `/api/v1/declarations/${first}/withdraw`, undefined, w.token);
    const second = await submitted(w, { ...DECLARATION, signerName: '佐藤 次郎' });
    const again = await reviewPage(reviewer, second);
    expect(again.html).toContain('再宣言（以前の宣言は取下げ・取消）');
    expect(again.html).toContain('以前の宣言（第1版）→ 今回の宣言');
    expect(again.html).toMatch(/<h4>宣言者（代表者）の氏名<\/h4><dl><dt>変更前<\/dt><dd class="prose change__before">山田 太郎<\/dd><dt>変更後<\/dt><dd class="prose change__after">佐藤 次郎<\/dd>/);
  });
});

describe('internal notes', () => {
  it('a reviewer’s note is seen by the staff only: not in the API, not on /my, not in the organization’s history', async () => {
    const c = await company('メモ株式会社');
    const id = await submitted(c);
    const member = await memberOf(c);
    const { csrf } = await reviewPage(reviewer, id);
    const note = '電話で確認済み。\n\t規程の写しは後日送付。';
    const response = await reviewer.request('POST', `/admin/reviews/${id}/notes`, { form: { csrf, note: `  ${note.replace(/\n/g, '\r\n')}  ` } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/reviews/${id}?done=note#notes`);

    expect((await reviewer.request('GET', `/admin/reviews/${id}?done=note`)).text).toContain('メモを追加しました。');
    // Said once: the page again (a reload), or the address opened by someone else, says nothing more.
    expect((await reviewer.request('GET', `/admin/reviews/${id}?done=note`)).text).not.toContain('メモを追加しました。');
    expect((await viewer.request('GET', `/admin/reviews/${id}?done=note`)).text).not.toContain('メモを追加しました。');
    for (const staff of [reviewer, viewer, admin]) {
      const html = (await staff.request('GET', `/admin/reviews/${id}`)).text;
      expect(html).toContain('電話で確認済み。\n\t規程の写しは後日送付。');
      expect(html).toContain('審査 花子');
    }
    const entries = (await audit('review-note.add')).filter((e) => e.entityId === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entityType: 'declaration', after: { body: note, authorName: '審査 花子' } });

    const api = [
      await server.call('GET', `/api/v1/declarations/${id}`, { token: c.token }),
      await server.call('GET', `/api/v1/declarations/${id}/versions`, { token: c.token }),
      await server.call('GET', `/api/v1/declarations/${id}`), // even the secretariat's API answer has no notes
      await member.request('GET', '/my'),
      await member.request('GET', '/my/history'),
    ];
    for (const answer of api) {
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain('電話で確認済み');
      expect(answer.text).not.toContain('review-note');
    }
  });

  it('a note sent twice (a double click, a reload of the posted form), or twice at once, is one note with one audit entry; another person’s same words are their own note', async () => {
    const c = await company('メモ二重株式会社');
    const id = await submitted(c);
    const { csrf } = await reviewPage(reviewer, id);
    const post = (who: Browser, token: string) => who.request('POST', `/admin/reviews/${id}/notes`, { form: { csrf: token, note: '規程の写しを確認しました。' } });
    for (const answer of [await post(reviewer, csrf), await post(reviewer, csrf), ...(await Promise.all([post(reviewer, csrf), post(reviewer, csrf)]))]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(`/admin/reviews/${id}?done=note#notes`);
    }
    const count = async () => (await reviewer.request('GET', `/admin/reviews/${id}`)).text.split('規程の写しを確認しました。').length - 1;
    expect(await count()).toBe(1);
    expect((await audit('review-note.add')).filter((e) => e.entityId === id)).toHaveLength(1);
    expect((await post(admin, (await reviewPage(admin, id)).csrf)).status).toBe(303);
    expect(await count()).toBe(2);
    // The bootstrap administrator's note is signed in the page's language.
    const english = (await admin.request('GET', `/admin/reviews/${id}?lang=en`)).text;
    expect(english).toContain('Administrator (bootstrap token) · ');
    expect(english).not.toContain('管理者（初期トークン）');
  });

  it('refuses an empty note next to its field (400), and a viewer’s note (403); nothing changes', async () => {
    const c = await company('メモ拒否株式会社');
    const id = await submitted(c);
    const { csrf } = await reviewPage(reviewer, id);
    const before = snapshot();
    const empty = await reviewer.request('POST', `/admin/reviews/${id}/notes`, { form: { csrf, note: ' \r\n ' } });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/<p class="field-error" id="f-note-error">.*メモを入力してください。/);
    expect(empty.text).toMatch(/id="f-note"[^>]*aria-invalid="true"/);
    const control = await reviewer.request('POST', `/admin/reviews/${id}/notes`, { form: { csrf, note: 'ベル\u0007' } });
    expect(control.status).toBe(400);
    expect(control.text).toContain('制御文字');
    const long = await reviewer.request('POST', `/admin/reviews/${id}/notes`, { form: { csrf, note: 'あ'.repeat(4001) } });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?メモは4000文字以内で入力してください（今は4001文字）。/);
    const viewerCsrf = csrfIn((await viewer.request('GET', `/admin/reviews/${id}`)).text);
    expect((await viewer.request('POST', `/admin/reviews/${id}/notes`, { form: { csrf: viewerCsrf, note: '閲覧者のメモ' } })).status).toBe(403);
    expect(snapshot()).toBe(before);
  });
});

describe('refused decisions change nothing', () => {
  it('a viewer cannot publish or return (403)', async () => {
    const c = await company('閲覧者拒否株式会社');
    const id = await submitted(c);
    const { csrf } = await reviewPage(viewer, id);
    const before = snapshot();
    expect((await viewer.request('POST', `/admin/reviews/${id}/publish`, { form: { csrf, rowVersion: '2' } })).status).toBe(403);
    expect((await viewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion: '2', reason: '理由' } })).status).toBe(403);
    expect(snapshot()).toBe(before);
    expect((await asOrganization(c, id)).status).toBe('submitted');
  });

  it('a stale row version brings the page back with a 409 message; so does a declaration no longer under review', async () => {
    const c = await company('競合株式会社');
    const id = await submitted(c);
    const { csrf, rowVersion } = await reviewPage(reviewer, id);
    let before = snapshot();
    const stale = await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form: { csrf, rowVersion: String(Number(rowVersion) - 1) } });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('このページを開いた後に変更されました');
    expect(stale.text).toContain('id="publish-button"'); // the page again, with the current row version
    const typed = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion: '1', reason: '入力した理由は残ります。' } });
    expect(typed.status).toBe(409);
    expect(typed.text).toContain('入力した理由は残ります。');
    expect(snapshot()).toBe(before);

    // Another reviewer publishes first; the page opened before that is now out of date.
    await ok('POST', `/api/v1/declarations/${id}/publish`);
    before = snapshot();
    const late = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion, reason: '遅れた差戻し' } });
    expect(late.status).toBe(409);
    expect(late.text).toContain('審査中ではありません');
    const current = String((await asOrganization(c, id)).rowVersion);
    const again = await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form: { csrf, rowVersion: current } });
    expect(again.status).toBe(409);
    expect(again.text).toContain('この宣言は既に審査中ではありません（現在の状態: 公表中）');
    // Nothing typed was wrong: the summary says the action could not be done, not to check the input.
    const summaryTitle = (html: string) => /<h2 id="error-summary-title">([^<]*)<\/h2>/.exec(html)?.[1];
    for (const refused of [stale, late, again]) expect(summaryTitle(refused.text)).toBe('この操作はできませんでした');
    expect(snapshot()).toBe(before);
  });

  it('a hand-made publish or return of a declaration no longer under review answers 409 saying so, not a 400 about a reason or a version the page does not ask for; nothing changes', async () => {
    const c = await company('審査済み手作り株式会社');
    const id = await submitted(c);
    const { csrf } = await reviewPage(reviewer, id);
    await ok('POST', `/api/v1/declarations/${id}/publish`);
    const before = snapshot();
    const forms: [string, Record<string, string>][] = [['return', { csrf, reason: '' }], ['return', { csrf, reason: 'あ'.repeat(501) }], ['publish', { csrf }]];
    for (const [action, form] of forms) {
      const refused = await reviewer.request('POST', `/admin/reviews/${id}/${action}`, { form });
      expect(refused.status, `${action} ${JSON.stringify(form).slice(0, 80)}`).toBe(409);
      expect(refused.text).toContain('この宣言は既に審査中ではありません（現在の状態: 公表中）');
      expect(refused.text).not.toContain('差戻しの理由を入力してください');
      expect(refused.text).not.toContain('500文字以内');
      expect(refused.text).not.toContain('rowVersion）が送られていない');
    }
    const english = await reviewer.request('POST', `/admin/reviews/${id}/return?lang=en`, { form: { csrf, reason: '' } });
    expect(english.status).toBe(409);
    expect(english.text).toContain('This declaration is no longer under review (its state now: Published)');
    expect(snapshot()).toBe(before);
  });

  it('a return refused for its version (none, or stale) says what is wrong with the reason too, beside the field, after the version message; nothing changes', async () => {
    const c = await company('版と理由株式会社');
    const id = await submitted(c);
    const { csrf, rowVersion } = await reviewPage(reviewer, id);
    const before = snapshot();
    const summary = (html: string) => [.../<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)![0].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    const long = 'あ'.repeat(501);
    for (const [version, status, message] of [
      [String(Number(rowVersion) - 1), 409, 'このページを開いた後に変更されました'],
      [undefined, 400, 'フォームの版（rowVersion）が送られていないか、正しくありません。'],
    ] as const) {
      const form: Record<string, string> = { csrf, reason: long, ...(version === undefined ? {} : { rowVersion: version }) };
      const refused = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form });
      expect(refused.status).toBe(status);
      const items = summary(refused.text);
      expect(items).toHaveLength(2);
      expect(items[0]).toContain(message);
      expect(items[1]).toMatch(/<a href="#f-reason">[\s\S]*500文字以内/);
      expect(refused.text).toMatch(/<p class="field-error" id="f-reason-error">.*500文字以内/);
      expect(refused.text).toContain(long);
    }
    const blank = await reviewer.request('POST', `/admin/reviews/${id}/return?lang=en`, { form: { csrf, reason: ' ' } });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain("The form&#39;s version (rowVersion) is missing or damaged.");
    expect(blank.text).toContain('Write the reason for returning it');
    expect(snapshot()).toBe(before);
    expect((await asOrganization(c, id)).status).toBe('submitted');
  });

  it('a return without a reason (400, the message beside the field), and posts without the CSRF token (403)', async () => {
    const c = await company('理由なし株式会社');
    const id = await submitted(c);
    const { csrf, rowVersion } = await reviewPage(reviewer, id);
    const before = snapshot();
    const blank = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion, reason: '   ' } });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(/<p class="field-error" id="f-reason-error">.*差戻しの理由を入力してください。/);
    expect(blank.text).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);
    expect(blank.text).toContain('href="#f-reason"'); // the error summary links to the field
    expect(blank.text).toContain('<h2 id="error-summary-title">入力内容を確認してください</h2>');
    const long = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion, reason: 'あ'.repeat(501) } });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/id="f-reason-error"[^>]*>[\s\S]*?差戻しの理由は500文字以内で入力してください（今は501文字）。/);
    // A control character would reach the organization's page and e-mail: refused, named as such.
    const control = await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { csrf, rowVersion, reason: '記載を\u0007直してください' } });
    expect(control.status).toBe(400);
    expect(control.text).toMatch(/<p class="field-error" id="f-reason-error">.*差戻しの理由: 制御文字は使えません。/);
    // A post without the version its page was read at (or with one that is not a number) is refused, naming that field.
    for (const version of [undefined, '', 'abc', '0']) {
      const form: Record<string, string> = { csrf, ...(version === undefined ? {} : { rowVersion: version }) };
      const unversioned = await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form });
      expect(unversioned.status).toBe(400);
      expect(unversioned.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
      expect(unversioned.text).toContain('id="publish-button"');
    }
    const english = await reviewer.request('POST', `/admin/reviews/${id}/publish?lang=en`, { form: { csrf } });
    expect(english.status).toBe(400);
    expect(english.text).toContain("The form&#39;s version (rowVersion) is missing or damaged.");
    expect(snapshot()).toBe(before);
    expect((await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form: { rowVersion } })).status).toBe(403);
    expect((await reviewer.request('POST', `/admin/reviews/${id}/publish`, { form: { csrf: 'not-the-token', rowVersion } })).status).toBe(403);
    expect((await reviewer.request('POST', `/admin/reviews/${id}/return`, { form: { rowVersion, reason: '理由' } })).status).toBe(403);
    expect((await reviewer.request('POST', `/admin/reviews/${id}/notes`, { form: { note: 'メモ' } })).status).toBe(403);
    expect(snapshot()).toBe(before);
    expect((await asOrganization(c, id)).status).toBe('submitted');
  });
});
