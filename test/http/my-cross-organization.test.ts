/**
 * Least privilege between organizations on /my, over real HTTP: the owner of organization A,
 * signed in with a valid session and form token, names organization B's declarations (a draft and
 * a published one), members, passkeys and invitations in every /my route that takes an id. Each
 * is refused, shows nothing of B, and changes nothing in the database; B's owner carries on.
 * And the other way round: B's session posting A's form token is refused, whoever sends it.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

let server: TestServer;
let ownerA: Browser;
let ownerB: Browser;
/** B's ids, as someone of A might learn or guess them. */
const b = { draftId: '', publishedId: '', accountId: '', passkeyId: '', invitationId: '' };
const B_POLICY = '組織B だけの非公開の方針です。';

/** Every row (server.snapshot()), with queued e-mail by its ids only (the dispatcher works in the background). */
const records = () => JSON.stringify((JSON.parse(server.snapshot()) as [string, { id: string }[]][]).map(([table, rows]) => [table, table === 'mail_outbox' ? rows.map((r) => r.id) : rows]));

function row<T>(sql: string, ...params: unknown[]): T {
  const db = new BetterSqlite3(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const a = await seedCompany(server, { n: 41, name: '株式会社エー' });
  const published = await seedCompany(server, { n: 42, name: '株式会社ビー', publish: true });
  b.publishedId = published.declarationId;
  // B's published declaration was withdrawn by B and a new private draft written: both are B's.
  await server.call('POST', `/api/v1/declarations/${b.publishedId}/withdraw`, { token: published.orgToken });
  const draft = await server.call('POST', `/api/v1/organizations/${published.organization.id}/declarations`, { token: published.orgToken, body: { signerName: '乙 太郎', signerTitle: '代表', committedOn: '2025-04-01', guidelineAreas: ['labor'], policy: B_POLICY } });
  expect(draft.status).toBe(201);
  b.draftId = draft.body.id;

  ownerA = await signInAsMember(server, a.organization.id, '甲 花子');
  ownerB = await signInAsMember(server, published.organization.id, '乙 次郎');
  ({ id: b.accountId } = row<{ id: string }>("SELECT id FROM accounts WHERE display_name = '乙 次郎'"));
  ({ id: b.passkeyId } = row<{ id: string }>('SELECT id FROM passkeys WHERE account_id = ?', b.accountId));
  const invitation = await server.call('POST', `/api/v1/organizations/${published.organization.id}/invitations`, { body: { role: 'editor', email: 'b-editor@example.jp' } });
  expect(invitation.status).toBe(201);
  b.invitationId = invitation.body.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("the owner of organization A, naming organization B's records on /my", () => {
  it('is refused on every route, sees nothing of B, and changes nothing; B carries on', async () => {
    const csrf = csrfIn((await ownerA.request('GET', '/my/members')).text);
    const before = records();
    const attempts: [string, string, Record<string, string>?][] = [
      ['GET', `/my/history?declaration=${b.draftId}`],
      ['GET', `/my/history?declaration=${b.publishedId}`],
      ['GET', `/my/members/${b.accountId}/remove`],
      ['POST', '/my/declaration', { csrf, declarationId: b.draftId, rowVersion: '1', action: 'draft', signerName: '甲 花子', signerTitle: '代表', committedOn: '2025-04-01', guidelineAreas: 'labor', policy: '乗っ取り' }],
      ['POST', '/my/declaration', { csrf, declarationId: b.draftId, rowVersion: '1', action: 'submit', signerName: '乙 太郎', signerTitle: '代表', committedOn: '2025-04-01', guidelineAreas: 'labor', policy: B_POLICY }],
      ['POST', '/my/declaration/withdraw', { csrf, declarationId: b.draftId, rowVersion: '1' }],
      ['POST', '/my/declaration/renew', { csrf, declarationId: b.publishedId, rowVersion: '1' }],
      ['POST', `/my/members/invitations/${b.invitationId}/cancel`, { csrf }],
      ['POST', `/my/members/${b.accountId}/remove`, { csrf }],
      ['POST', `/my/passkeys/${b.passkeyId}/delete`, { csrf, account: b.accountId }],
    ];
    for (const [method, path, form] of attempts) {
      const answer = await ownerA.request(method, path, form ? { form } : {});
      // Refused for whose records they are, not for the form token (which is this session’s own).
      expect(answer.text, `${method} ${path}`).not.toContain('フォームの有効期限');
      expect([403, 404], `${method} ${path}`).toContain(answer.status);
      expect(answer.text, `${method} ${path}`).not.toContain(B_POLICY);
      expect(answer.text, `${method} ${path}`).not.toContain('乙 次郎');
    }
    for (const path of ['/my', '/my/declaration', '/my/history', '/my/badges', '/my/members']) {
      const page = await ownerA.request('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).not.toContain('株式会社ビー');
      expect(page.text, path).not.toContain(B_POLICY);
    }
    expect(records()).toBe(before);
    expect((await ownerB.request('GET', '/my/declaration')).text).toContain(B_POLICY);
  });
});

describe('a form token of another session', () => {
  it('is refused (403) with this session’s cookie, from this site or another, and nothing changes', async () => {
    const tokenOfA = csrfIn((await ownerA.request('GET', '/my/members')).text);
    const ownOfB = csrfIn((await ownerB.request('GET', '/my/members')).text);
    expect(tokenOfA).not.toBe(ownOfB);
    const before = records();
    for (const origin of [undefined, 'https://evil.example']) {
      const invite = await ownerB.request('POST', '/my/members/invite', { form: { csrf: tokenOfA, role: 'editor', email: 'csrf@example.jp' }, origin });
      expect(invite.status).toBe(403);
      const remove = await ownerB.request('POST', `/my/passkeys/${b.passkeyId}/delete`, { form: { csrf: tokenOfA }, origin });
      expect(remove.status).toBe(403);
      const signOut = await ownerB.request('POST', '/auth/logout', { form: { csrf: tokenOfA }, origin });
      expect(signOut.status).toBe(403);
    }
    expect(records()).toBe(before);
    expect((await ownerB.request('GET', '/my')).status).toBe(200);
  });
});

describe('the refusal page a signed-in member sees', () => {
  /** The header's language switch, as a browser reads its href. */
  const langSwitch = (html: string) => /<a class="lang-switch" href="([^"]*)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

  it('switches language on the same page (path and query kept), not to the sign-in page', async () => {
    const path = `/my/history?declaration=${b.draftId}`;
    const japanese = await ownerA.request('GET', path);
    expect([403, 404]).toContain(japanese.status);
    expect(langSwitch(japanese.text)).toBe(`${path}&lang=en`);
    const english = await ownerA.request('GET', `${path}&lang=en`);
    expect(english.text).toContain('<html lang="en">');
    expect(langSwitch(english.text)).toBe(path);
  });

  it('after a refused form, switches to the page its link leads back to (a form’s address is no page to open)', async () => {
    const csrf = csrfIn((await ownerA.request('GET', '/my/members')).text);
    const refused = await ownerA.request('POST', `/my/members/${b.accountId}/remove`, { form: { csrf } });
    expect([403, 404]).toContain(refused.status);
    expect(langSwitch(refused.text)).toBe('/my?lang=en');
  });
});
