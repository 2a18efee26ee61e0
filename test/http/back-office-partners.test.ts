import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/domain/partners/webhook-signature.js';
import { MAX_WEBHOOKS_PER_PARTNER } from '../../src/domain/services/webhooks.js';
import { disableWebhookInDatabase, startReceiver } from '../helpers/partners.js';
import { recordsOf, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

/**
 * The back office's partners area over real HTTP (on Node; vitest.config.ts says why not on the Worker): registering a
 * partner shows its client secret once and the secret works; rotating cuts the old one off;
 * webhooks keep the API's rules (no private addresses); a delivery is replayed; only
 * administrators get in. The secret never shows again: not on the partner's pages, not in the
 * audit log, not in the logs.
 */
let server: TestServer;
let admin: Browser;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  // The receiver listens on 127.0.0.1 (allowed here as in development); retries come quickly.
  server = await startTestServer({ WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_DISPATCH_INTERVAL_MS: '50' });
  admin = await signInAsAdministrator(server);
  receiver = await startReceiver();
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const csrfOf = async (b: Browser, path = '/admin/account') => csrfIn((await b.request('GET', path)).text);
/** The secret's version the partner's page shows (its rotate form's hidden field). */
const secretVersionIn = (html: string) => /name="secretVersion" value="(\d+)"/.exec(html)![1]!;
const secretIn = (html: string, id = 'client-secret') => new RegExp(`id="${id}"[^>]*>([^<]+)<`).exec(html)?.[1];
/** The messages shown next to one field of a refused form. */
const fieldError = (html: string, name: string) => new RegExp(`<p class="field-error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '';
const token = (clientId: string, clientSecret: string) =>
  server.call('POST', '/oauth/token', { token: null, rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
/** Every row of every table, but for a session's idle timer (touched once a minute, by any page view). */
// A delivery queued earlier may be retried between two snapshots (the receiver down, 200 ms backoff): recordsOf leaves that out.
const snapshot = () => recordsOf(server);
const audit = async (action: string) => (await server.call('GET', `/api/v1/audit-log?action=${action}&limit=100`));

/** Registers a partner through the form; its id, client id and the secret the page showed. */
async function registerOnPage(name: string, rateLimitPerMinute = '') {
  const page = await admin.request('POST', '/admin/partners', { form: { csrf: await csrfOf(admin, '/admin/partners/new'), name, kind: 'hr-company', rateLimitPerMinute } });
  expect(page.status, page.text.slice(0, 500)).toBe(200);
  const id = /href="\/admin\/partners\/([^"?]+)"/.exec(page.text)![1]!;
  return { page, id, clientId: /id="client-id">([^<]+)</.exec(page.text)![1]!, secret: secretIn(page.text)! };
}

describe('back office: partners', () => {
  it('registering refuses a bad form field by field and saves nothing; a good one shows the secret once, and it works', async () => {
    const form = await admin.request('GET', '/admin/partners/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('id="partner-form"');

    const before = snapshot();
    const refused = await admin.request('POST', '/admin/partners', { form: { csrf: csrfIn(form.text), name: '   ', kind: 'recruiter', rateLimitPerMinute: '0' } });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.text, 'name')).toContain('名称を入力してください');
    expect(fieldError(refused.text, 'kind')).toContain('種別を選んでください');
    expect(fieldError(refused.text, 'rateLimitPerMinute')).toContain('1〜100000');
    // The summary above the form names the field a message does not name itself, and no field twice.
    expect(refused.text).toContain('<a href="#f-rateLimitPerMinute">1分あたりのリクエスト上限: 1〜100000 の整数を入力するか、空欄にしてください。</a>');
    expect(refused.text).toContain('<a href="#f-name">名称を入力してください。</a>');
    expect(refused.text).toContain('value="0"'); // what was typed stays
    expect(snapshot()).toBe(before);
    // A tab or a control character is named as what it is, not as a missing name.
    const tab = await admin.request('POST', '/admin/partners', { form: { csrf: csrfIn(form.text), name: '株式会社\tタブ', kind: 'hr-company', rateLimitPerMinute: '' } });
    expect(tab.status).toBe(400);
    expect(fieldError(tab.text, 'name')).toContain('タブ文字は入力できません');
    const bell = await admin.request('POST', '/admin/partners?lang=en', { form: { csrf: csrfIn(form.text), name: '株式会社\u0007ベル', kind: 'hr-company', rateLimitPerMinute: '' } });
    expect(fieldError(bell.text, 'name')).toContain('Contains a control character.');
    expect(snapshot()).toBe(before);

    // Full-width digits are the same number.
    const { page, id, clientId, secret } = await registerOnPage('株式会社キャリア求人', '１２０');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('一度だけ表示します');
    expect(clientId).toMatch(/^ptn_/);
    expect(secret).toMatch(/^trr_/);
    expect((await token(clientId, secret)).status).toBe(200);
    expect((await token(clientId, `${secret}x`)).status).toBe(401);

    // Listed, with its client id and a link; the secret nowhere but on that one page.
    const list = await admin.request('GET', '/admin/partners');
    expect(list.status).toBe(200);
    expect(list.text).toContain('株式会社キャリア求人');
    expect(list.text).toContain(clientId);
    expect(list.text).toContain(`href="/admin/partners/${id}"`);
    const detail = await admin.request('GET', `/admin/partners/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(clientId);
    expect(detail.text).toContain('1分あたり 120 件');
    expect(detail.text).not.toContain('id="client-secret"');
    const created = await audit('partner.create');
    expect(created.body.items.filter((e: { entityId: string }) => e.entityId === id)).toHaveLength(1);
    for (const [where, text] of [['list', list.text], ['detail', detail.text], ['audit API', created.text], ['audit page', (await admin.request('GET', '/admin/audit')).text], ['logs', server.logs.join('\n')]] as const) {
      expect(text.includes(secret), where).toBe(false);
    }
    // The API sees the same partner.
    const api = (await server.call('GET', '/api/v1/partners')).body.items.find((p: { id: string }) => p.id === id);
    expect(api).toMatchObject({ name: '株式会社キャリア求人', kind: 'hr-company', clientId, rateLimitPerMinute: 120 });
  });

  it('the same registration sent twice (a double click, the back button and 登録 again) is refused with 409 next to the name: one partner, one secret', async () => {
    const { id } = await registerOnPage('株式会社二度押し');
    const before = snapshot();
    const again = await admin.request('POST', '/admin/partners', { form: { csrf: await csrfOf(admin, '/admin/partners/new'), name: ' 株式会社二度押し ', kind: 'hr-company', rateLimitPerMinute: '' } });
    expect(again.status).toBe(409);
    expect(fieldError(again.text, 'name')).toContain('「株式会社二度押し」は既に登録されています');
    expect(again.text).toContain(`href="/admin/partners/${id}"`); // the one registered, to open instead
    expect(again.text).not.toContain('id="client-secret"');
    expect(snapshot()).toBe(before);
    const english = await admin.request('POST', '/admin/partners?lang=en', { form: { csrf: await csrfOf(admin, '/admin/partners/new'), name: '株式会社二度押し', kind: 'other', rateLimitPerMinute: '' } });
    expect(english.status).toBe(409);
    expect(fieldError(english.text, 'name')).toContain('is already registered');
    expect(snapshot()).toBe(before);
  });

  it('a name that only looks different (an invisible character, full-width or half-width forms, capitals, spaces) is the same name: 409 naming the partner registered; a name that differs is registered, a ZWJ emoji kept', async () => {
    const { id, clientId } = await registerOnPage('Lookalike キャリア 株式会社');
    const before = snapshot();
    const lookalikes = [
      'Lookalike キャリア 株式会社\u200b', // zero-width space
      '\u2060Lookalike キャリア 株式会社', // word joiner
      'Lookalike\u200e キャリア\u200f 株式会社', // left-to-right and right-to-left marks
      'Look\u00adalike キャリア 株式会社', // soft hyphen
      'Lookalike キャリア\ufe0f 株式会社', // variation selector
      'ＬＯＯＫＡＬＩＫＥ　ｷｬﾘｱ  株式会社', // full-width letters, half-width katakana, an ideographic space, two spaces
    ];
    for (const name of lookalikes) {
      const again = await admin.request('POST', '/admin/partners', { form: { csrf: await csrfOf(admin, '/admin/partners/new'), name, kind: 'hr-company', rateLimitPerMinute: '' } });
      expect(again.status, JSON.stringify(name)).toBe(409);
      const message = fieldError(again.text, 'name');
      expect(message, JSON.stringify(name)).toContain(`「Lookalike キャリア 株式会社」は既に登録されています（クライアントID: ${clientId}）`);
      expect(message).toContain('見えない文字・全角と半角');
      expect(again.text).toContain(`href="/admin/partners/${id}"`);
      expect(again.text).not.toContain('id="client-secret"');
    }
    const english = await admin.request('POST', '/admin/partners?lang=en', { form: { csrf: await csrfOf(admin, '/admin/partners/new'), name: 'lookalike キャリア 株式会社\u200b', kind: 'other', rateLimitPerMinute: '' } });
    expect(english.status).toBe(409);
    expect(fieldError(english.text, 'name')).toContain(`“Lookalike キャリア 株式会社” is already registered (client ID: ${clientId}) (the same name once invisible characters`);
    expect(snapshot()).toBe(before);
    // What a name may contain is unchanged: a ZWJ emoji stays as typed; a name that differs is another partner.
    await registerOnPage('Lookalike キャリア 株式会社 2');
    const family = await registerOnPage('チーム👨\u200d👩\u200d👧');
    expect((await server.call('GET', `/api/v1/partners/${family.id}`)).body.name).toBe('チーム👨\u200d👩\u200d👧');
  });

  it('the registration form posted at the same moment (a double click, two administrators; one name and a look-alike) registers one partner: one answer shows the secret, the others are 409 beside the name linking it', async () => {
    const csrf = await csrfOf(admin, '/admin/partners/new');
    const names = ['株式会社同時登録', '株式会社同時登録', '株式会社同時登録\u200b', '株式会社同時登録', '株式会社同時登録', '株式会社同時登録'];
    const answers = await Promise.all(names.map((name) => admin.request('POST', '/admin/partners', { form: { csrf, name, kind: 'hr-company', rateLimitPerMinute: '' } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...names.slice(1).map(() => 409)]);
    const won = answers.find((a) => a.status === 200)!;
    expect(won.text).toContain('id="client-secret"');
    const registered = (await server.call('GET', '/api/v1/partners')).body.items.filter((p: { name: string }) => p.name.startsWith('株式会社同時登録'));
    expect(registered).toHaveLength(1);
    const [{ id, clientId }] = registered;
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(fieldError(lost.text, 'name')).toContain(`「株式会社同時登録」は既に登録されています（クライアントID: ${clientId}）`);
      expect(lost.text).toContain(`href="/admin/partners/${id}"`);
      expect(lost.text).not.toContain('id="client-secret"');
    }
    expect((await audit('partner.create')).body.items.filter((e: { entityId: string }) => e.entityId === id)).toHaveLength(1);
  });

  it('usage: requests a partner made show on its page, per day, and in the list', async () => {
    const { id, clientId, secret } = await registerOnPage('株式会社利用状況');
    const accessToken = (await token(clientId, secret)).body.access_token;
    for (let i = 0; i < 3; i++) expect((await server.call('GET', '/api/v1/changes?limit=1', { token: accessToken })).status).toBe(200);
    const detail = await admin.request('GET', `/admin/partners/${id}`);
    const today = new Date().toISOString().slice(0, 10);
    expect(detail.text).toContain('id="usage-table"');
    expect(detail.text).toMatch(new RegExp(`datetime="${today}"[\\s\\S]*?<td class="number">3件</td>`));
    const list = await admin.request('GET', '/admin/partners');
    expect(list.text).toMatch(new RegExp(`${clientId}[\\s\\S]*?利用あり[\\s\\S]*?3件`));
  });

  it('rotating shows the new secret once; the old one and its tokens stop working, the new one works', async () => {
    const { id, clientId, secret: old } = await registerOnPage('株式会社ローテーション');
    const oldToken = (await token(clientId, old)).body.access_token;
    expect((await server.call('POST', '/api/v1/lookup', { token: oldToken, body: { corporateNumbers: [] } })).status).toBe(200);

    const detail = await admin.request('GET', `/admin/partners/${id}`);
    expect(detail.text).toContain('id="rotate-button"');
    const rotated = await admin.request('POST', `/admin/partners/${id}/rotate-secret`, { form: { csrf: csrfIn(detail.text), secretVersion: secretVersionIn(detail.text), confirm: 'yes' } });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect(rotated.text).toContain('以前のシークレットと、それで発行したアクセストークンはすでに使えなくなっています');
    const fresh = secretIn(rotated.text)!;
    expect(fresh).toMatch(/^trr_/);
    expect(fresh).not.toBe(old);

    expect((await token(clientId, old)).status).toBe(401);
    expect((await server.call('POST', '/api/v1/lookup', { token: oldToken, body: { corporateNumbers: [] } })).status).toBe(401);
    expect((await token(clientId, fresh)).status).toBe(200);

    const after = await admin.request('GET', `/admin/partners/${id}`);
    expect(after.text).toContain('第2版');
    const rotations = await audit('partner.rotate-secret');
    expect(rotations.body.items.some((e: { entityId: string }) => e.entityId === id)).toBe(true);
    for (const text of [after.text, rotations.text, server.logs.join('\n')]) expect(text.includes(fresh)).toBe(false);
  });

  it('a name or webhook URL too long is told its limit and length, not asked for; an empty one is asked for, without a limit', async () => {
    const csrf = await csrfOf(admin, '/admin/partners/new');
    const register = (name: string, lang = '') => admin.request('POST', `/admin/partners${lang}`, { form: { csrf, name, kind: 'hr-company', rateLimitPerMinute: '' } });
    const long = fieldError((await register('あ'.repeat(201))).text, 'name');
    expect(long).toContain('名称は200文字以内で入力してください（今は201文字）。');
    expect(long).not.toContain('名称を入力してください');
    expect(fieldError((await register('a'.repeat(201), '?lang=en')).text, 'name')).toContain('Name can be at most 200 characters (now 201).');
    const empty = fieldError((await register('')).text, 'name');
    expect(empty).toContain('名称を入力してください。');
    expect(empty).not.toContain('200');
    const emptyEn = fieldError((await register('', '?lang=en')).text, 'name');
    expect(emptyEn).toContain('Enter the name.');
    expect(emptyEn).not.toContain('200');

    const { id } = await registerOnPage('株式会社長いURL');
    const hook = (url: string, lang = '') => admin.request('POST', `/admin/partners/${id}/webhooks${lang}`, { form: { csrf, url, events: 'declaration.published' } });
    const longUrl = `https://receiver.example/${'a'.repeat(2000)}`;
    const tooLong = fieldError((await hook(longUrl)).text, 'url');
    expect(tooLong).toContain(`URL は2000文字以内で入力してください（今は${longUrl.length}文字）。`);
    expect(tooLong).not.toContain('URL を入力してください');
    expect(fieldError((await hook(longUrl, '?lang=en')).text, 'url')).toContain(`URL can be at most 2000 characters (now ${longUrl.length}).`);
    const noUrl = fieldError((await hook('')).text, 'url');
    expect(noUrl).toContain('URL を入力してください。');
    expect(noUrl).not.toContain('2000');
    const short = fieldError((await hook('https:/')).text, 'url');
    expect(short).toContain('https://');
    expect(short).not.toContain('2000');
  });

  it('a webhook to a private address is refused with the message next to the URL field, and nothing is saved', async () => {
    const { id } = await registerOnPage('株式会社プライベート');
    const detail = await admin.request('GET', `/admin/partners/${id}`);
    expect(detail.text).toContain('id="webhook-form"');
    const csrf = csrfIn(detail.text);
    const before = snapshot();
    for (const url of ['https://10.0.0.5/hook', 'https://169.254.169.254/latest/meta-data/', 'https://metadata.google.internal/']) {
      const refused = await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url, events: 'declaration.published' } });
      expect(refused.status, url).toBe(400);
      expect(fieldError(refused.text, 'url'), url).toContain('プライベート');
      expect(refused.text).toContain(`value="${url}"`);
      expect(refused.text).toMatch(/value="declaration.published" checked/);
    }
    const noEvents = await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: 'https://receiver.example/hook' } });
    expect(noEvents.status).toBe(400);
    expect(fieldError(noEvents.text, 'events')).toContain('イベントを1つ以上');
    expect(snapshot()).toBe(before);
    expect((await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items).toEqual([]);

    const english = await admin.request('POST', `/admin/partners/${id}/webhooks?lang=en`, { form: { csrf, url: 'https://[fd00::1]/hook', events: 'award.granted' } });
    expect(english.status).toBe(400);
    expect(fieldError(english.text, 'url')).toContain('public host');
    // Named as the form names it, not by the API's field name ("url must …").
    expect(fieldError(english.text, 'url')).toContain('The URL must point at a public host');
  });

  it('the webhook form sent twice (a double click, a reload) registers the address once: the second answer is 409 beside the URL field, in either language, and nothing more is saved', async () => {
    const { id } = await registerOnPage('株式会社二重登録');
    const csrf = await csrfOf(admin, `/admin/partners/${id}`);
    const form = { csrf, url: 'https://receiver.example/twice', events: 'declaration.published' };
    expect((await admin.request('POST', `/admin/partners/${id}/webhooks`, { form })).status).toBe(200);
    const before = snapshot();
    for (const [lang, words] of [['', 'すでに登録されています'], ['?lang=en', 'already registered']] as const) {
      const again = await admin.request('POST', `/admin/partners/${id}/webhooks${lang}`, { form: { ...form, url: 'https://RECEIVER.example/twice' } });
      expect(again.status).toBe(409);
      expect(fieldError(again.text, 'url')).toContain(words);
      expect(again.text).toContain('value="https://RECEIVER.example/twice"');
      expect(again.text).not.toContain('id="webhook-secret"');
    }
    expect(snapshot()).toBe(before);
    expect((await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items).toHaveLength(1);
  });

  it('the webhook form posted twice at the same moment registers the address once: one answer shows the secret, the other is 409 beside the URL field naming the webhook', async () => {
    const { id } = await registerOnPage('株式会社同時送信');
    const csrf = await csrfOf(admin, `/admin/partners/${id}`);
    const form = { csrf, url: 'https://receiver.example/same-moment', events: 'declaration.published' };
    const answers = await Promise.all([0, 1].map(() => admin.request('POST', `/admin/partners/${id}/webhooks`, { form })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [won, lost] = answers[0]!.status === 200 ? answers : [answers[1]!, answers[0]!];
    expect(won!.text).toContain('id="webhook-secret"');
    const [held] = (await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items;
    expect(fieldError(lost!.text, 'url')).toContain('すでに登録されています');
    expect(fieldError(lost!.text, 'url')).toContain(held.id);
    expect(lost!.text).not.toContain('id="webhook-secret"');
    expect((await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items).toHaveLength(1);
  });

  it('a webhook registered on the page gets signed deliveries; one is replayed, then the webhook is removed', async () => {
    const { id } = await registerOnPage('株式会社配信テスト');
    const csrf = await csrfOf(admin, `/admin/partners/${id}`);
    const registered = await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: receiver.url, events: 'declaration.published' } });
    expect(registered.status).toBe(200);
    const signingSecret = secretIn(registered.text, 'webhook-secret')!;
    expect(signingSecret).toMatch(/^whsec_/);

    const company = await seedCompany(server, { n: 71, publish: true });
    await receiver.waitFor(1);
    const first = receiver.received[0]!;
    expect(await verifyWebhook({ secret: signingSecret, id: String(first.headers['webhook-id']), timestamp: String(first.headers['webhook-timestamp']), body: first.body, signature: String(first.headers['webhook-signature']) })).toBe(true);
    expect(JSON.parse(first.body)).toMatchObject({ type: 'declaration.published', subject: { id: company.declarationId } });

    // The page shows the delivery once it is recorded as delivered, with its replay button.
    let page = await admin.request('GET', `/admin/partners/${id}`);
    for (let i = 0; i < 100 && !page.text.includes('配信済み'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await admin.request('GET', `/admin/partners/${id}`);
    }
    expect(page.text).toContain(receiver.url);
    expect(page.text).toContain('配信済み');
    expect(page.text).not.toContain(signingSecret);
    const deliveryId = String(first.headers['webhook-id']);
    expect(page.text).toMatch(new RegExp(`action="/admin/partners/${id}/deliveries/${deliveryId}/replay"[\\s\\S]*?class="button button--secondary replay-button"`));

    const replay = await admin.request('POST', `/admin/partners/${id}/deliveries/${deliveryId}/replay`, { form: { csrf } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe(`/admin/partners/${id}?done=replayed`);
    await receiver.waitFor(2);
    const again = receiver.received[1]!;
    expect(JSON.parse(again.body).id).toBe(JSON.parse(first.body).id);
    expect(again.headers['webhook-id']).not.toBe(deliveryId);
    const notice = await admin.request('GET', replay.headers.get('location')!);
    expect(notice.text).toContain('配信を再送しました');
    expect(notice.text.match(/class="button button--secondary replay-button"/g)).toHaveLength(2);

    const webhookId = (await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items[0].id;
    const removed = await admin.request('POST', `/admin/partners/${id}/webhooks/${webhookId}/delete`, { form: { csrf } });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/admin/partners/${id}?done=webhook-deleted`);
    expect((await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items).toEqual([]);
    const after = await admin.request('GET', removed.headers.get('location')!);
    expect(after.text).toContain('Webhook を削除しました');
    expect(after.text).not.toContain('replay-button'); // a removed webhook's deliveries cannot be replayed
    // Replaying one anyway (a stale page): the page says why (409), nothing is sent.
    const stale = await admin.request('POST', `/admin/partners/${id}/deliveries/${deliveryId}/replay`, { form: { csrf } });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('この Webhook は削除されています');
    const audited = await audit('webhook.create');
    expect(audited.body.items.some((e: { entityId: string }) => e.entityId === webhookId)).toBe(true);
    expect(audited.text.includes(signingSecret)).toBe(false);
  });

  it('deactivating (a reason and the confirmation box) cuts the partner off at once: no token, its tokens 401 invalid_token, no webhook sent; reactivating brings it back; both audited', async () => {
    const hooks = await startReceiver();
    try {
      const { id, clientId, secret } = await registerOnPage('株式会社停止テスト');
      const held = (await token(clientId, secret)).body.access_token as string;
      expect((await server.call('GET', '/api/v1/changes?limit=1', { token: held })).status).toBe(200);
      const csrf = await csrfOf(admin, `/admin/partners/${id}`);
      expect((await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: hooks.url, events: 'declaration.published' } })).status).toBe(200);

      // The receiver is down: the first publication's delivery waits for its retries.
      hooks.script.push(...Array<number>(50).fill(503));
      await seedCompany(server, { n: 81, publish: true });
      await hooks.waitFor(2);
      const deliveries = async () => (await server.call('GET', `/api/v1/partners/${id}/deliveries`)).body.items as { id: string; status: string; lastError: string | null }[];
      expect((await deliveries()).map((d) => d.status)).toEqual(['pending']);

      // The form says what will happen; without the ticked box (or the session's token) nothing changes.
      const page = await admin.request('GET', `/admin/partners/${id}`);
      expect(page.text).toContain('id="deactivate-form"');
      expect(page.text).toContain('アクセストークンと Webhook がすぐに止まることを確認しました');
      // Each label says once that its field is required (the mark the form adds), in either language.
      for (const [path, word] of [[`/admin/partners/${id}`, '必須'], [`/admin/partners/${id}?lang=en`, 'required']] as const) {
        const labels = [...(await admin.request('GET', path)).text.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
        expect(labels.length).toBeGreaterThan(3);
        for (const label of labels) expect(label.split(word).length - 1, label).toBeLessThanOrEqual(1);
      }
      const before = snapshot();
      const unconfirmed = await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf, reason: '' } });
      expect(unconfirmed.status).toBe(400);
      expect(fieldError(unconfirmed.text, 'reason')).toContain('停止の理由を入力してください');
      expect(fieldError(unconfirmed.text, 'confirm')).toContain('チェックボックス');
      const noReason = await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf, reason: '  ', confirm: 'yes' } });
      expect(noReason.status).toBe(400);
      expect(fieldError(noReason.text, 'reason')).toContain('停止の理由を入力してください');
      const control = await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf, reason: '契約\u0007終了', confirm: 'yes' } });
      expect(control.status).toBe(400);
      expect(fieldError(control.text, 'reason')).toContain('停止の理由: 制御文字は使えません。');
      // Without the box ticked, a reason too long (or unreadable) is named at once too, not after the box is ticked and the form sent again.
      const longUnconfirmed = await admin.request('POST', `/admin/partners/${id}/deactivate?lang=en`, { form: { csrf, reason: '理'.repeat(501) } });
      expect(longUnconfirmed.status).toBe(400);
      expect(fieldError(longUnconfirmed.text, 'reason')).toContain('The reason can be at most 500 characters (now 501).');
      expect(fieldError(longUnconfirmed.text, 'confirm')).toContain('Tick the box');
      const controlUnconfirmed = await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf, reason: '契約\u0007終了' } });
      expect(fieldError(controlUnconfirmed.text, 'reason')).toContain('停止の理由: 制御文字は使えません。');
      expect((await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf: 'guess', reason: '契約終了', confirm: 'yes' } })).status).toBe(403);
      expect(snapshot()).toBe(before);

      const deactivated = await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf, reason: '契約終了（<script>）', confirm: 'yes' } });
      expect(deactivated.status).toBe(303);
      expect(deactivated.headers.get('location')).toBe(`/admin/partners/${id}?done=deactivated`);
      const shown = await admin.request('GET', deactivated.headers.get('location')!);
      expect(shown.text).toContain('パートナーを停止しました');
      expect(shown.text).toContain('このパートナーは停止中です');
      expect(shown.text).toContain('契約終了（&lt;script&gt;）');
      expect(shown.text).toContain('id="reactivate-form"');
      expect((await admin.request('GET', '/admin/partners')).text).toMatch(new RegExp(`${clientId}[\\s\\S]*?停止中`));

      // No new token; the token it holds is refused from the next request.
      const refused = await token(clientId, secret);
      expect(refused.status).toBe(401);
      expect(refused.body.error).toBe('invalid_client');
      const cutOff = await server.call('GET', '/api/v1/changes?limit=1', { token: held });
      expect(cutOff.status).toBe(401);
      expect(cutOff.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(cutOff.body.messages.ja).toContain('停止');

      // The waiting delivery is cancelled, not retried; a new publication queues none for it.
      const [waiting] = await deliveries();
      expect(waiting).toMatchObject({ status: 'cancelled', lastError: 'partner deactivated' });
      const sent = hooks.received.length;
      await seedCompany(server, { n: 82, publish: true });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // several retry intervals (200 ms, doubling)
      expect(hooks.received.length).toBeLessThanOrEqual(sent + 1); // at most the attempt already on its way
      expect((await deliveries()).map((d) => d.status)).toEqual(['cancelled']);
      const replay = await admin.request('POST', `/admin/partners/${id}/deliveries/${waiting!.id}/replay`, { form: { csrf } });
      expect(replay.status).toBe(409);
      expect(replay.text).toContain('このパートナーは停止中のため、配信を再送できません。');

      const audited = (await audit('partner.deactivate')).body.items.find((e: { entityId: string }) => e.entityId === id);
      expect(audited.after).toMatchObject({ deactivationReason: '契約終了（<script>）' });
      expect(audited.before.deactivatedAt).toBeNull();

      // Twice: the page says it already is (409).
      expect((await admin.request('POST', `/admin/partners/${id}/deactivate`, { form: { csrf, reason: '二度目', confirm: 'yes' } })).status).toBe(409);

      // Reactivated: the same secret obtains tokens again, and new changes are delivered.
      hooks.script.length = 0;
      const reactivated = await admin.request('POST', `/admin/partners/${id}/reactivate`, { form: { csrf } });
      expect(reactivated.status).toBe(303);
      expect((await admin.request('GET', reactivated.headers.get('location')!)).text).toContain('パートナーを再開しました');
      const fresh = await token(clientId, secret);
      expect(fresh.status).toBe(200);
      expect((await server.call('GET', '/api/v1/changes?limit=1', { token: fresh.body.access_token })).status).toBe(200);
      const company = await seedCompany(server, { n: 83, publish: true });
      await hooks.waitFor(hooks.received.length + 1);
      expect(JSON.parse(hooks.received.at(-1)!.body)).toMatchObject({ type: 'declaration.published', subject: { id: company.declarationId } });
      expect((await audit('partner.reactivate')).body.items.some((e: { entityId: string }) => e.entityId === id)).toBe(true);
      expect((await admin.request('POST', `/admin/partners/${id}/reactivate`, { form: { csrf } })).status).toBe(409);
      // Its receiver closes below: later tests' publications must not leave retries running under their snapshots.
      for (const w of (await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items) await server.call('DELETE', `/api/v1/partners/${id}/webhooks/${w.id}`);
    } finally {
      await hooks.close();
    }
  });

  it('the API deactivates and reactivates a partner as the back office does (administrators only)', async () => {
    const { id, clientId, secret } = await registerOnPage('株式会社API停止');
    expect((await server.call('POST', `/api/v1/partners/${id}/deactivate`, { body: {} })).status).toBe(400);
    const off = await server.call('POST', `/api/v1/partners/${id}/deactivate`, { body: { reason: '利用規約違反の調査' } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id, deactivationReason: '利用規約違反の調査' });
    expect(off.body.deactivatedAt).toEqual(expect.any(String));
    expect((await server.call('POST', `/api/v1/partners/${id}/deactivate`, { body: { reason: 'again' } })).status).toBe(409);
    expect((await token(clientId, secret)).status).toBe(401);
    expect((await server.call('GET', '/api/v1/partners')).body.items.find((p: { id: string }) => p.id === id).deactivatedAt).toBe(off.body.deactivatedAt);
    const on = await server.call('POST', `/api/v1/partners/${id}/reactivate`);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ deactivatedAt: null, deactivationReason: null });
    expect((await token(clientId, secret)).status).toBe(200);
    expect((await server.call('POST', `/api/v1/partners/${id}/reactivate`)).status).toBe(409);
  });

  it('a webhook whose receiver answered 410 Gone shows as disabled on the partner\'s page, with when and why; the enable button brings it back', async () => {
    const gone = await startReceiver();
    try {
      const { id } = await registerOnPage('株式会社410テスト');
      const csrf = await csrfOf(admin, `/admin/partners/${id}`);
      expect((await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: gone.url, events: 'declaration.published' } })).status).toBe(200);
      const [webhook] = (await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items;
      expect((await admin.request('GET', `/admin/partners/${id}`)).text).not.toContain(`webhooks/${webhook.id}/enable`);

      gone.script.push(410);
      await seedCompany(server, { n: 91, publish: true });
      await gone.waitFor(1);
      const deadline = Date.now() + 5000;
      while (!(await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items[0].disabledAt && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

      const page = await admin.request('GET', `/admin/partners/${id}`);
      expect(page.text).toContain(`id="webhook-disabled-${webhook.id}"`);
      expect(page.text).toContain('無効（410 Gone）');
      expect(page.text).toContain(String(gone.received[0]!.headers['webhook-id']));
      expect(page.text).toContain(`action="/admin/partners/${id}/webhooks/${webhook.id}/enable"`);

      const before = snapshot();
      expect((await admin.request('POST', `/admin/partners/${id}/webhooks/${webhook.id}/enable`, { form: { csrf: 'guess' } })).status).toBe(403);
      expect(snapshot()).toBe(before);
      const enabled = await admin.request('POST', `/admin/partners/${id}/webhooks/${webhook.id}/enable`, { form: { csrf } });
      expect(enabled.status).toBe(303);
      expect(enabled.headers.get('location')).toBe(`/admin/partners/${id}?done=webhook-enabled`);
      const shown = await admin.request('GET', enabled.headers.get('location')!);
      expect(shown.text).toContain('Webhook を有効に戻しました');
      expect(shown.text).not.toContain(`id="webhook-disabled-${webhook.id}"`);
      const audited = (await audit('webhook.enable')).body.items.find((e: { entityId: string }) => e.entityId === webhook.id);
      expect(audited.before.disabledAt).toEqual(expect.any(String));
      expect(audited.after.disabledAt).toBeNull();
      // Enabled already: the page says so (409).
      const twice = await admin.request('POST', `/admin/partners/${id}/webhooks/${webhook.id}/enable`, { form: { csrf } });
      expect(twice.status).toBe(409);
      expect(twice.text).toContain('この Webhook は無効になっていません');

      const company = await seedCompany(server, { n: 92, publish: true });
      await gone.waitFor(2);
      expect(JSON.parse(gone.received[1]!.body)).toMatchObject({ type: 'declaration.published', subject: { id: company.declarationId } });
    } finally {
      await gone.close();
    }
  });

  it('a deactivated partner gets no new webhook (409, nothing saved), but a new secret, which works once it is reactivated while the leaked one never does again', async () => {
    const { id, clientId, secret } = await registerOnPage('株式会社停止中の操作');
    const csrf = await csrfOf(admin, `/admin/partners/${id}`);
    expect((await server.call('POST', `/api/v1/partners/${id}/deactivate`, { body: { reason: 'シークレットの漏えい' } })).status).toBe(200);

    const before = snapshot();
    const hook = await server.call('POST', `/api/v1/partners/${id}/webhooks`, { body: { url: 'https://receiver.example/hook', events: ['award.granted'] } });
    expect(hook.status).toBe(409);
    expect(hook.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(hook.body.messages).toEqual({ ja: expect.stringContaining('停止中'), en: expect.stringContaining('deactivated') });
    expect(hook.text).not.toContain('whsec_');
    // The page offers no webhook form while deactivated; a form posted anyway is refused the same way.
    const page = await admin.request('GET', `/admin/partners/${id}`);
    expect(page.text).not.toContain('id="webhook-form"');
    expect(page.text).toContain('停止中に再発行したシークレットは、再開してから使えます');
    const hookPage = await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: 'https://receiver.example/hook', events: 'award.granted' } });
    expect(hookPage.status).toBe(409);
    expect(hookPage.text).toContain('停止中のため、Webhook を登録できません');
    expect(secretIn(hookPage.text, 'webhook-secret')).toBeUndefined();
    expect(snapshot()).toBe(before);

    // After a leak: a new secret while deactivated (on the page), which obtains nothing until reactivation.
    const rotated = await admin.request('POST', `/admin/partners/${id}/rotate-secret`, { form: { csrf, secretVersion: secretVersionIn(page.text), confirm: 'yes' } });
    expect(rotated.status).toBe(200);
    const newSecret = secretIn(rotated.text)!;
    expect(newSecret).toBeTruthy();
    expect((await token(clientId, newSecret)).status).toBe(401);

    // Reactivated: the new secret works, the leaked one never again, and webhooks can be registered.
    expect((await server.call('POST', `/api/v1/partners/${id}/reactivate`)).status).toBe(200);
    expect((await token(clientId, newSecret)).status).toBe(200);
    expect((await token(clientId, secret)).status).toBe(401);
    expect((await server.call('POST', `/api/v1/partners/${id}/webhooks`, { body: { url: 'https://receiver.example/hook', events: ['award.granted'] } })).status).toBe(201);
  });

  it('a disabled webhook of a deactivated partner cannot be enabled (409 saying to reactivate first, nothing changed); the page offers no button until the partner is reactivated', async () => {
    const { id } = await registerOnPage('株式会社停止中の有効化');
    const csrf = await csrfOf(admin, `/admin/partners/${id}`);
    const registered = await server.call('POST', `/api/v1/partners/${id}/webhooks`, { body: { url: 'https://receiver.example/gone', events: ['award.granted'] } });
    expect(registered.status).toBe(201);
    const webhookId: string = registered.body.id;
    disableWebhookInDatabase(server, webhookId);
    expect((await server.call('POST', `/api/v1/partners/${id}/deactivate`, { body: { reason: '契約の見直し' } })).status).toBe(200);

    // The page says why there is no enable button.
    const page = await admin.request('GET', `/admin/partners/${id}`);
    expect(page.text).toContain(`id="webhook-disabled-${webhookId}"`);
    expect(page.text).not.toContain(`action="/admin/partners/${id}/webhooks/${webhookId}/enable"`);
    expect(page.text).toContain('パートナーの停止中は有効に戻せません。パートナーを再開してから有効に戻してください。');

    const before = snapshot();
    const refused = await server.call('POST', `/api/v1/partners/${id}/webhooks/${webhookId}/enable`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.messages).toEqual({
      ja: 'このパートナーは停止中のため、Webhook を有効に戻せません。パートナーを再開してから有効に戻してください。',
      en: 'The partner is deactivated: reactivate it before enabling a webhook.',
    });
    // A form posted anyway: the page with the message at the top (409).
    const refusedPage = await admin.request('POST', `/admin/partners/${id}/webhooks/${webhookId}/enable`, { form: { csrf } });
    expect(refusedPage.status).toBe(409);
    expect(refusedPage.text).toContain('このパートナーは停止中のため、Webhook を有効に戻せません');
    expect(refusedPage.text).not.toContain('Webhook を有効に戻しました');
    // Still disabled, and no webhook.enable in the audit log.
    expect(snapshot()).toBe(before);
    expect((await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items[0].disabledAt).toEqual(expect.any(String));
    expect((await audit('webhook.enable')).body.items.some((e: { entityId: string }) => e.entityId === webhookId)).toBe(false);

    // Reactivated: the button is back, and enabling works.
    expect((await server.call('POST', `/api/v1/partners/${id}/reactivate`)).status).toBe(200);
    expect((await admin.request('GET', `/admin/partners/${id}`)).text).toContain(`action="/admin/partners/${id}/webhooks/${webhookId}/enable"`);
    const enabled = await admin.request('POST', `/admin/partners/${id}/webhooks/${webhookId}/enable`, { form: { csrf } });
    expect(enabled.status).toBe(303);
    expect((await server.call('GET', `/api/v1/partners/${id}/webhooks`)).body.items[0].disabledAt).toBeNull();
  });

  it('the webhook limit counts disabled ones too: one more is 409 saying how many are disabled and to delete one (API and page), nothing saved; after deleting one it registers', async () => {
    const { id } = await registerOnPage('株式会社上限テスト');
    const ids: string[] = [];
    for (let i = 0; i < MAX_WEBHOOKS_PER_PARTNER; i++) {
      const made = await server.call('POST', `/api/v1/partners/${id}/webhooks`, { body: { url: `https://receiver.example/limit-${i}`, events: ['award.revoked'] } });
      expect(made.status).toBe(201);
      ids.push(made.body.id);
    }
    for (const webhookId of ids.slice(0, 3)) disableWebhookInDatabase(server, webhookId);
    // Next to the register form, the page says how many of the limit are held, disabled ones included.
    const held = async (lang = '') => /<p[^>]*id="webhook-count"[^>]*>([\s\S]*?)<\/p>/.exec((await admin.request('GET', `/admin/partners/${id}${lang}`)).text)?.[1]?.replace(/<[^>]+>/g, '');
    expect(await held()).toBe(`登録済み ${MAX_WEBHOOKS_PER_PARTNER} 件／上限 ${MAX_WEBHOOKS_PER_PARTNER} 件（うち無効 3 件。無効なものも上限に数えます）。上限に達しているため、不要な Webhook を削除してから登録してください。`);
    expect(await held('?lang=en')).toBe(`${MAX_WEBHOOKS_PER_PARTNER} of at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks registered (3 disabled; disabled ones count toward the limit). The limit is reached: delete one no longer needed before registering another.`);

    const before = snapshot();
    const over = await server.call('POST', `/api/v1/partners/${id}/webhooks`, { body: { url: 'https://receiver.example/one-more', events: ['award.revoked'] } });
    expect(over.status).toBe(409);
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(over.body.messages).toEqual({
      ja: `Webhook は1つのパートナーにつき ${MAX_WEBHOOKS_PER_PARTNER} 件まで登録できます（無効になったものも数えます）。無効になった Webhook が 3 件あります。不要なものを削除してから登録してください。`,
      en: `A partner may hold at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks, disabled ones included. 3 of them are disabled: delete one no longer needed, then register again.`,
    });
    expect(over.body).toMatchObject({ limit: MAX_WEBHOOKS_PER_PARTNER, disabledWebhooks: 3 });
    expect(over.text).not.toContain('whsec_');
    // The page: the message above the form, what was typed kept (409).
    const csrf = await csrfOf(admin, `/admin/partners/${id}`);
    const overPage = await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: 'https://receiver.example/one-more', events: 'award.revoked' } });
    expect(overPage.status).toBe(409);
    expect(overPage.text).toContain('無効になった Webhook が 3 件あります。不要なものを削除してから登録してください。');
    expect(overPage.text).toContain('value="https://receiver.example/one-more"');
    expect(secretIn(overPage.text, 'webhook-secret')).toBeUndefined();
    expect(snapshot()).toBe(before);

    // Deleting a disabled one makes room.
    expect((await admin.request('POST', `/admin/partners/${id}/webhooks/${ids[0]}/delete`, { form: { csrf } })).status).toBe(303);
    expect(await held()).toBe(`登録済み ${MAX_WEBHOOKS_PER_PARTNER - 1} 件／上限 ${MAX_WEBHOOKS_PER_PARTNER} 件（うち無効 2 件。無効なものも上限に数えます）。`);
    const registered = await admin.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: 'https://receiver.example/one-more', events: 'award.revoked' } });
    expect(registered.status).toBe(200);
    expect(secretIn(registered.text, 'webhook-secret')).toMatch(/^whsec_/);
  });

  it('reviewers and viewers get 403 on every partners page and form, and nothing changes', async () => {
    const { id, clientId, secret } = await registerOnPage('株式会社権限テスト');
    for (const role of ['reviewer', 'viewer'] as const) {
      const b = await signInAsStaff(server, admin, role, `パートナー権限 ${role}`);
      const home = await b.request('GET', '/admin');
      expect(home.text).not.toContain('href="/admin/partners"');
      const csrf = csrfIn(home.text);
      for (const path of ['/admin/partners', '/admin/partners/new', `/admin/partners/${id}`]) {
        const page = await b.request('GET', path);
        expect(page.status, `${role} ${path}`).toBe(403);
        expect(page.text).not.toContain(clientId);
      }
      const before = snapshot();
      expect((await b.request('POST', '/admin/partners', { form: { csrf, name: '勝手な登録', kind: 'other' } })).status).toBe(403);
      const rotate = await b.request('POST', `/admin/partners/${id}/rotate-secret`, { form: { csrf, secretVersion: '1', confirm: 'yes' } });
      expect(rotate.status).toBe(403);
      expect(rotate.text).not.toMatch(/trr_/);
      expect((await b.request('POST', `/admin/partners/${id}/webhooks`, { form: { csrf, url: 'https://receiver.example/hook', events: 'award.granted' } })).status).toBe(403);
      expect(snapshot()).toBe(before);
    }
    expect((await token(clientId, secret)).status).toBe(200);
  });

  it('an unknown partner is a 404 page; a cursor not from the page shows the newest deliveries', async () => {
    const missing = await admin.request('GET', '/admin/partners/no-such-partner');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    const { id } = await registerOnPage('株式会社カーソル');
    for (const cursor of ['garbage!', 'eA', 'x'.repeat(300)]) {
      expect((await admin.request('GET', `/admin/partners/${id}?cursor=${encodeURIComponent(cursor)}`)).status, cursor).toBe(200);
    }
  });
});
