/**
 * Invitations and passkeys over real HTTP, on Node and on the Worker (workerd + D1): the
 * secretariat invites a municipality, a person joins with a passkey (a software authenticator
 * standing in for their device), signs in again, manages passkeys; and every refusal (expired,
 * used, unknown link; another origin; replayed or forged assertions; no CSRF token; the last
 * passkey) changes nothing in the database, or only the audit log where a refused sign-in is
 * recorded.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { browser, type Browser } from '../helpers/web-browser.js';
import { softAuthenticator, strangerKey, type SoftAuthenticator } from '../helpers/webauthn.js';
import { onWorker } from '../helpers/targets.js';



/** The person's side of joining: options, the authenticator, verify. */
async function join(b: Browser, path: string, device: SoftAuthenticator, person: Record<string, string> = { name: '千代田 花子', email: 'hanako@city.chiyoda.example.jp' }) {
  const options = await b.request('POST', `${path}/options`, { json: person });
  if (options.status !== 200) return options;
  return b.request('POST', `${path}/verify`, { json: { ...person, credential: device.create(options.body) } });
}

async function signInWithPasskey(b: Browser, device: SoftAuthenticator, overrides: Parameters<SoftAuthenticator['get']>[1] = {}) {
  const options = await b.request('POST', '/auth/passkey/options', { json: {} });
  expect(options.status).toBe(200);
  return b.request('POST', '/auth/passkey/login', { json: { credential: device.get(options.body, overrides), next: '/my' } });
}

/** The CSRF token of the signed-in person (the header's sign-out form carries it). */
async function csrfOf(b: Browser) {
  const page = await b.request('GET', '/my/members');
  expect(page.status).toBe(200);
  return /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
}

describe('invitations and passkeys', () => {
  let server: TestServer;
  let municipalityId: string;
  let publicOrigin: string;

  const invite = (body: unknown = {}, token?: string | null) =>
    server.call('POST', `/api/v1/organizations/${municipalityId}/invitations`, { body, ...(token !== undefined ? { token } : {}) });
  const audit = async (action: string) => (await server.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as any[];
  const pathOf = (url: string) => new URL(url).pathname;
  /**
   * Every row of every table, except the delivery bookkeeping of queued e-mail (the dispatcher
   * leases and sends messages in the background): which messages exist still counts.
   */
  const snapshot = () =>
    JSON.stringify(
      (JSON.parse(server.snapshot()) as [string, any[]][]).map(([table, rows]) => [table, table === 'mail_outbox' ? rows.map((r) => r.id) : rows]),
    );
  const tokenHash = (url: string) => createHash('sha256').update(pathOf(url).split('/').pop()!).digest('hex');

  beforeAll(async () => {
    server = await startTestServer();
    const created = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
    expect(created.status).toBe(201);
    municipalityId = created.body.id;
    const first = await invite();
    publicOrigin = new URL(first.body.url).origin;
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('POST /api/v1/organizations/{id}/invitations', () => {
    it('gives the secretariat a one-time link that expires in 72 hours; only its hash is stored', async () => {
      const before = Date.now();
      const response = await invite({ role: 'editor' });
      expect(response.status).toBe(201);
      // No one has joined yet: whoever does becomes the owner, and the invitation says so (its page and e-mail too).
      expect(response.body.role).toBe('owner');
      expect((await server.call('GET', pathOf(response.body.url), { token: null })).text).toContain('管理者');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.body.url).toMatch(/^http:\/\/localhost:\d+\/join\/[A-Za-z0-9_-]{43}$/);
      const hours = (Date.parse(response.body.expiresAt) - before) / 3_600_000;
      expect(hours).toBeGreaterThan(71.9);
      expect(hours).toBeLessThan(72.1);
      const token = pathOf(response.body.url).split('/').pop()!;
      const rows = snapshot();
      expect(rows).not.toContain(token);
      expect(rows).toContain(tokenHash(response.body.url));
      expect(response.body.mailed).toBe(false);
    });

    it('with an e-mail address, the link is also queued for e-mail, and the audit log says to whom', async () => {
      const response = await invite({ role: 'owner', email: 'hanako@city.chiyoda.example.jp' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ role: 'owner', email: 'hanako@city.chiyoda.example.jp', mailed: true });
      const entries = await audit('invitation.create');
      expect(entries.some((e) => e.entityId === municipalityId && e.after.email === 'hanako@city.chiyoda.example.jp' && e.after.role === 'owner')).toBe(true);
    });

    it('a second invitation to an address with a live one is refused (409 naming /email, in Japanese and English), changing nothing; once cancelled, a new one is made', async () => {
      const to = 'twice@city.chiyoda.example.jp';
      const first = await invite({ role: 'editor', email: to });
      expect(first.status).toBe(201);
      const before = snapshot();
      // A reload, a second click, the same address typed in capitals.
      for (const email of [to, 'Twice@City.Chiyoda.example.jp']) {
        const again = await invite({ role: 'editor', email });
        expect(again.status, email).toBe(409);
        expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(again.body).toMatchObject({
          status: 409,
          messages: { ja: 'このメールアドレスには、まだ使われていない招待がすでにあります。', en: 'An unused invitation to this e-mail address already exists.' },
          errors: [{ field: '/email', ja: expect.stringContaining(`${to} 宛ての未使用の招待がすでにあります（有効期限: `), en: expect.stringContaining(`An unused invitation to ${to} already exists (it expires `) }],
        });
        expect(again.body.errors[0].ja).toContain('招待の一覧でその招待を取り消してから、もう一度作成してください。');
      }
      expect(snapshot()).toBe(before);

      expect((await server.call('DELETE', `/api/v1/organizations/${municipalityId}/invitations/${first.body.id}`)).status).toBe(204);
      expect((await invite({ role: 'editor', email: to })).status).toBe(201);
    });

    it('two identical requests at once make one invitation and queue one e-mail; links without an address are not deduplicated', async () => {
      const to = 'at-once@city.chiyoda.example.jp';
      const answers = await Promise.all(Array.from({ length: 4 }, () => invite({ role: 'editor', email: to })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      const tables = new Map(JSON.parse(server.snapshot()) as [string, any[]][]);
      expect(tables.get('invitations')!.filter((r) => r.email === to)).toHaveLength(1);
      expect(tables.get('mail_outbox')!.filter((r) => r.recipient === to)).toHaveLength(1);
      const linkOnly = await Promise.all([invite({ role: 'editor' }), invite({ role: 'editor' })]);
      expect(linkOnly.map((a) => a.status)).toEqual([201, 201]);
    });

    it('refuses non-administrators (403: an organization token; 401: no token) and bad bodies (400), changing nothing', async () => {
      const token = await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: municipalityId, label: 'chiyoda' } });
      const company = await seedCompany(server, { n: 31 });
      const before = snapshot();
      expect((await invite({}, token.body.token)).status).toBe(403);
      expect((await invite({}, company.orgToken)).status).toBe(403);
      expect((await invite({}, null)).status).toBe(401);
      const role = await invite({ role: 'boss' });
      expect(role.status).toBe(400);
      const email = await invite({ email: 'not an address' });
      expect(email.status).toBe(400);
      expect(email.body.errors).toEqual([expect.objectContaining({ field: '/email', ja: expect.stringContaining('メールアドレス') })]);
      expect((await server.call('POST', '/api/v1/organizations/00000000-0000-7000-8000-000000000000/invitations', { body: {} })).status).toBe(404);
      expect(snapshot()).toBe(before);
    });

    it('DELETE …/invitations/{invitationId} cancels an open link at once (410), audited; refused callers and other paths change nothing', async () => {
      const created = await invite({ role: 'editor', email: 'wrong@example.jp' });
      const path = `/api/v1/organizations/${municipalityId}/invitations/${created.body.id}`;
      const company = await seedCompany(server, { n: 32 });
      const before = snapshot();
      expect((await server.call('DELETE', path, { token: company.orgToken })).status).toBe(403);
      expect((await server.call('DELETE', path, { token: null })).status).toBe(401);
      // The id under another organization's address: not found there.
      expect((await server.call('DELETE', `/api/v1/organizations/${company.organization.id}/invitations/${created.body.id}`)).status).toBe(404);
      expect(snapshot()).toBe(before);

      expect((await server.call('DELETE', path)).status).toBe(204);
      expect((await browser(server, publicOrigin).request('GET', pathOf(created.body.url))).status).toBe(410);
      expect((await audit('invitation.cancel')).find((e) => e.before.invitationId === created.body.id)).toMatchObject({ entityId: municipalityId, before: { email: 'wrong@example.jp' } });
      const again = await server.call('DELETE', path);
      expect(again.status).toBe(404);
      expect(again.body.messages.ja).toContain('未使用の招待');
    });

    // The command is Node's (better-sqlite3 on the file DATABASE_PATH names); a Worker's D1 is not such a file
    // in production, and each run starts node for seconds: on Node only, which keeps CI under 20 minutes.
    describe.skipIf(onWorker)('npm run invite', () => {
      const runInvite = (env: Record<string, string | undefined>, options: string[] = []) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn('npm', ['run', '--silent', 'invite', '--', municipalityId, ...options], {
            cwd: new URL('../..', import.meta.url).pathname,
            env: { ...process.env, DATABASE_PATH: server.dbPath, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk) => (stdout += chunk));
          child.stderr.on('data', (chunk) => (stderr += chunk));
          child.on('exit', (code) => resolve({ code, stdout, stderr }));
        });

      it('npm run invite without PUBLIC_BASE_URL says where its link points (refused when the credentials name another address)', async () => {
        const run = await runInvite({ PUBLIC_BASE_URL: undefined, PORT: undefined });
        expect(run.stderr).toContain('PUBLIC_BASE_URL');
        if (run.code !== 0) expect(run.stdout).toBe('');
      });

      it('npm run invite -- <organizationId> prints a /join/ link that works', async () => {
        const run = await runInvite({ PUBLIC_BASE_URL: publicOrigin });
        expect(run.code, run.stderr).toBe(0);
        const url = run.stdout.trim();
        expect(url).toMatch(new RegExp(`^${publicOrigin}/join/[A-Za-z0-9_-]{43}$`));
        expect(run.stderr).toContain('千代田区');
        expect(run.stderr).toMatch(/有効期限 \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}（日本時間）/);
        const page = await server.call('GET', pathOf(url), { token: null });
        expect(page.status).toBe(200);
        expect(page.text).toContain('千代田区への招待');
        expect((await audit('invitation.create')).some((e) => e.actorRole === 'system:invite')).toBe(true);
      });

      it('npm run invite refused (a wrong address, an address already invited) says why in Japanese first, then in English; no link, nothing created', async () => {
        const wrong = await runInvite({ PUBLIC_BASE_URL: publicOrigin }, ['--email', 'not an address']);
        expect(wrong.code).toBe(1);
        expect(wrong.stdout).toBe('');
        expect(wrong.stderr).toBe(
          '入力内容に誤りがあります。\n  email: メールアドレスの形式が正しくありません（例: tanaka@example.lg.jp）。\n' +
            'The request contains invalid values.\n  email: Enter an e-mail address such as tanaka@example.lg.jp.\n',
        );

        const to = 'cli-twice@city.chiyoda.example.jp';
        expect((await runInvite({ PUBLIC_BASE_URL: publicOrigin }, ['--email', to])).code).toBe(0);
        const before = snapshot();
        const twice = await runInvite({ PUBLIC_BASE_URL: publicOrigin }, ['--email', to]);
        expect(twice.code).toBe(1);
        expect(twice.stdout).toBe('');
        const ja = twice.stderr.indexOf(`${to} 宛ての未使用の招待がすでにあります`);
        const en = twice.stderr.indexOf(`An unused invitation to ${to} already exists`);
        expect(ja, twice.stderr).toBeGreaterThanOrEqual(0);
        expect(en, twice.stderr).toBeGreaterThan(ja);
        expect(snapshot()).toBe(before);
      }, 120_000); // three runs of the command, each starting node
    });
  });

  describe('joining with a passkey', () => {
    let owner: Browser;
    let ownerDevice: SoftAuthenticator;
    let usedUrl: string;

    it('the invitation page says who invites; the passkey joins the person as the first member (owner) and signs them in', async () => {
      const { body } = await invite({ role: 'editor' });
      usedUrl = body.url;
      owner = browser(server, publicOrigin);
      ownerDevice = softAuthenticator(publicOrigin);
      const page = await owner.request('GET', pathOf(body.url));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.text).toContain('千代田区への招待');
      expect(page.text).toContain('131016');
      expect(page.text).not.toMatch(/<script>|\son\w+=/); // no inline script, no inline handlers
      const english = await owner.request('GET', `${pathOf(body.url)}?lang=en`);
      expect(english.text).toContain('Invitation to join 千代田区');

      const options = await owner.request('POST', `${pathOf(body.url)}/options`, { json: { name: '千代田 花子' } });
      expect(options.status).toBe(200);
      expect(options.body.rp.id).toBe('localhost');
      expect(options.body.authenticatorSelection.residentKey).toBe('required');
      const joined = await owner.request('POST', `${pathOf(body.url)}/verify`, { json: { name: '千代田 花子', credential: ownerDevice.create(options.body) } });
      expect(joined.status, joined.text).toBe(200);
      expect(joined.body).toEqual({ redirect: '/my' });
      const cookie = joined.headers.getSetCookie().find((c) => c.startsWith('registry_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);

      const my = await owner.request('GET', '/my');
      expect(my.status).toBe(200);
      expect(my.text).toContain('千代田 花子');
      const members = await owner.request('GET', '/my/members');
      expect(members.text).toContain('千代田 花子');
      // The token is a secret until used: the access log names the route only.
      const token = pathOf(body.url).split('/').pop()!;
      expect(server.logs.join('\n')).not.toContain(token);
      if (!onWorker) expect(server.logs.join('\n')).toContain('/join/{token}');
      const join = (await audit('member.join')).find((e) => e.entityId === municipalityId)!;
      expect(join.after).toMatchObject({ role: 'owner', via: 'invitation' });
      expect(join.actorTokenId).toMatch(/^account:/);
      expect((await audit('passkey.add')).length).toBeGreaterThanOrEqual(1);
      expect((await audit('account.sign-in')).some((e) => e.after.method === 'passkey')).toBe(true);
    });

    it('a used link: 410 page and 410 JSON, nothing changes', async () => {
      const stranger = browser(server, publicOrigin);
      const before = snapshot();
      const page = await stranger.request('GET', pathOf(usedUrl));
      expect(page.status).toBe(410);
      expect(page.text).toContain('招待リンクは使用済みです');
      expect(page.text).toContain('千代田区');
      const options = await stranger.request('POST', `${pathOf(usedUrl)}/options`, { json: { name: '二人目' } });
      expect(options.status).toBe(410);
      expect(options.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(options.body.messages.ja).toContain('既に使われています');
      expect(options.body.messages.en).toContain('already been used');
      const verify = await stranger.request('POST', `${pathOf(usedUrl)}/verify`, { json: { name: '二人目', credential: {} } });
      expect(verify.status).toBe(410);
      expect(snapshot()).toBe(before);
    });

    it('an expired link: 410, nothing changes', async () => {
      const { body } = await invite();
      const db = new BetterSqlite3(server.dbPath);
      db.prepare('UPDATE invitations SET expires_at = ? WHERE token_hash = ?').run('2020-01-01T00:00:00.000Z', tokenHash(body.url));
      db.close();
      const b = browser(server, publicOrigin);
      const before = snapshot();
      const page = await b.request('GET', pathOf(body.url));
      expect(page.status).toBe(410);
      expect(page.text).toContain('有効期限が切れています');
      expect((await b.request('GET', `${pathOf(body.url)}?lang=en`)).text).toContain('This invitation has expired');
      expect((await b.request('POST', `${pathOf(body.url)}/options`, { json: { name: '期限切れ' } })).status).toBe(410);
      expect(snapshot()).toBe(before);
    });

    it('an unknown or malformed token: 404, nothing changes', async () => {
      const b = browser(server, publicOrigin);
      const before = snapshot();
      for (const token of ['A'.repeat(43), 'short', '%3Cscript%3E']) {
        const page = await b.request('GET', `/join/${token}`);
        expect(page.status, token).toBe(404);
        expect(page.text).toContain('招待リンクが見つかりません');
        expect((await b.request('POST', `/join/${token}/options`, { json: { name: 'x' } })).status).toBe(404);
      }
      expect(snapshot()).toBe(before);
    });

    it('JSON from another origin (or none, or not JSON) is refused before anything is stored', async () => {
      const { body } = await invite();
      const path = pathOf(body.url);
      const before = snapshot();
      for (const origin of ['https://evil.example', 'http://127.0.0.1:1', null]) {
        const b = browser(server, publicOrigin);
        const options = await b.request('POST', `${path}/options`, { json: { name: '攻撃者' }, origin });
        expect(options.status, String(origin)).toBe(403);
        expect(options.body.messages.en).toContain('another site');
        expect((await b.request('POST', '/auth/passkey/options', { json: {}, origin })).status).toBe(403);
        expect((await b.request('POST', '/auth/passkey/login', { json: { credential: {} }, origin })).status).toBe(403);
      }
      // A plain form post (JavaScript off) gets a page saying passkeys need JavaScript.
      const plain = await browser(server, publicOrigin).request('POST', `${path}/verify`, { form: { name: '花子' }, headers: { accept: 'text/html' } });
      expect(plain.status).toBe(400);
      expect(plain.text).toContain('JavaScript が必要です');
      expect(snapshot()).toBe(before);
      // The link still works afterwards.
      expect((await browser(server, publicOrigin).request('GET', path)).status).toBe(200);
    });

    it('a bad name is reported next to the field before the authenticator is asked, nothing changes', async () => {
      const { body } = await invite();
      const before = snapshot();
      const b = browser(server, publicOrigin);
      const response = await b.request('POST', `${pathOf(body.url)}/options`, { json: { name: '  ', email: 'nope' } });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field).sort()).toEqual(['/email', '/name']);
      expect(response.body.errors[0].ja).toMatch(/[ぁ-ん]/);
      expect(snapshot()).toBe(before);
    });

    it('two people racing on one link: exactly one joins', async () => {
      const { body } = await invite();
      const path = pathOf(body.url);
      const a = browser(server, publicOrigin);
      const b = browser(server, publicOrigin);
      const [oa, ob] = await Promise.all([a.request('POST', `${path}/options`, { json: { name: '甲' } }), b.request('POST', `${path}/options`, { json: { name: '乙' } })]);
      const [ra, rb] = await Promise.all([
        a.request('POST', `${path}/verify`, { json: { name: '甲', credential: softAuthenticator(publicOrigin).create(oa.body) } }),
        b.request('POST', `${path}/verify`, { json: { name: '乙', credential: softAuthenticator(publicOrigin).create(ob.body) } }),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([200, 410]);
      const members = (await owner.request('GET', '/my/members')).text;
      expect([members.includes('甲'), members.includes('乙')].filter(Boolean)).toHaveLength(1);
    });

    it('an attestation for another origin or challenge is refused (400) and audited; the invitation stays usable', async () => {
      const { body } = await invite();
      const path = pathOf(body.url);
      const b = browser(server, publicOrigin);
      const options = await b.request('POST', `${path}/options`, { json: { name: '偽物' } });
      const forged = softAuthenticator('https://evil.example').create(options.body);
      const refused = await b.request('POST', `${path}/verify`, { json: { name: '偽物', credential: forged } });
      expect(refused.status).toBe(400);
      expect(refused.body.messages.ja).toContain('パスキーを登録できませんでした');
      expect((await audit('account.sign-in-refused')).some((e) => e.after.method === 'passkey-register')).toBe(true);
      // The challenge was spent: answering it again finds no flow.
      const again = await b.request('POST', `${path}/verify`, { json: { name: '偽物', credential: softAuthenticator(publicOrigin).create(options.body) } });
      expect(again.status).toBe(400);
      expect((await b.request('GET', path)).status).toBe(200);
    });

    it('signs out, and back in with the passkey; the counter moves forward', async () => {
      const csrf = await csrfOf(owner);
      const out = await owner.request('POST', '/auth/logout', { form: { csrf } });
      expect(out.status).toBe(303);
      expect((await owner.request('GET', '/my')).status).toBe(302);
      const signedIn = await signInWithPasskey(owner, ownerDevice);
      expect(signedIn.status, signedIn.text).toBe(200);
      expect(signedIn.body).toEqual({ redirect: '/my' });
      expect((await owner.request('GET', '/my')).status).toBe(200);
      const db = new BetterSqlite3(server.dbPath, { readonly: true });
      const row = db.prepare('SELECT counter, last_used_at FROM passkeys WHERE id = ?').get(ownerDevice.credentialIds()[0]) as { counter: number; last_used_at: string };
      db.close();
      expect(row.counter).toBe(1);
      expect(row.last_used_at).not.toBeNull();
    });

    it('refuses replayed, forged, cloned, unknown and unverified assertions (400, bilingual) and audits each', async () => {
      const b = browser(server, publicOrigin);
      const seen = new Set((await audit('account.sign-in-refused')).map((e) => JSON.stringify(e)));
      // Replayed: the same signed answer for a challenge already used.
      const options = await b.request('POST', '/auth/passkey/options', { json: {} });
      const assertion = ownerDevice.get(options.body);
      expect((await b.request('POST', '/auth/passkey/login', { json: { credential: assertion } })).status).toBe(200);
      const replay = await b.request('POST', '/auth/passkey/login', { json: { credential: assertion } });
      expect(replay.status).toBe(400);
      expect(replay.body.messages.ja).toContain('パスキーでログインできませんでした');
      expect(replay.body.messages.en).toContain('did not work');
      // Signed by another key; counter going backwards (a cloned authenticator); a credential the registry never saw.
      expect((await signInWithPasskey(b, ownerDevice, { signWith: strangerKey() })).status).toBe(400);
      expect((await signInWithPasskey(b, ownerDevice, { counter: 1 })).status).toBe(400);
      const unknown = softAuthenticator(publicOrigin);
      unknown.create({ rp: { id: 'localhost' }, user: { id: 'eA' }, challenge: 'AAAA' });
      expect((await signInWithPasskey(b, unknown)).status).toBe(400);
      // For another origin.
      expect((await signInWithPasskey(b, ownerDevice, { origin: 'https://evil.example' })).status).toBe(400);
      // Touched but not verified (user present, no PIN or biometrics): the passkey is the only factor.
      expect((await b.request('POST', '/auth/passkey/options', { json: {} })).body.userVerification).toBe('required');
      expect((await signInWithPasskey(b, ownerDevice, { flags: 0x01 })).status).toBe(400);
      const reasons = (await audit('account.sign-in-refused')).filter((e) => !seen.has(JSON.stringify(e))).map((e) => e.after.reason);
      expect(reasons).toHaveLength(6);
      expect(reasons).toEqual(expect.arrayContaining(['no-flow', 'unknown-credential']));
    });
  });

  describe('managing passkeys', () => {
    let owner: Browser;
    let ownerDevice: SoftAuthenticator;
    let editor: Browser;
    let editorDevice: SoftAuthenticator;
    let orgId: string;

    beforeAll(async () => {
      const org = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, name: '札幌市', localGovernmentCode: '011002', prefectureCode: '01' } });
      orgId = org.body.id;
      owner = browser(server, publicOrigin);
      ownerDevice = softAuthenticator(publicOrigin);
      editor = browser(server, publicOrigin);
      editorDevice = softAuthenticator(publicOrigin);
      const first = await server.call('POST', `/api/v1/organizations/${orgId}/invitations`, { body: {} });
      expect((await join(owner, pathOf(first.body.url), ownerDevice, { name: '札幌 一郎' })).status).toBe(200);
      const second = await server.call('POST', `/api/v1/organizations/${orgId}/invitations`, { body: { role: 'editor' } });
      expect((await join(editor, pathOf(second.body.url), editorDevice, { name: '札幌 二郎' })).status).toBe(200);
    });

    const addPasskey = async (b: Browser, device: SoftAuthenticator, label: string) => {
      const options = await b.request('POST', '/my/passkeys/options', { json: {} });
      expect(options.status).toBe(200);
      return b.request('POST', '/my/passkeys/verify', { json: { label, credential: device.create(options.body) } });
    };
    const passkeyIdsOf = (accountName: string) => {
      const db = new BetterSqlite3(server.dbPath, { readonly: true });
      const rows = db.prepare('SELECT p.id FROM passkeys p JOIN accounts a ON a.id = p.account_id WHERE a.display_name = ? ORDER BY p.created_at').all(accountName) as { id: string }[];
      const account = db.prepare('SELECT id FROM accounts WHERE display_name = ?').get(accountName) as { id: string };
      db.close();
      return { ids: rows.map((r) => r.id), accountId: account.id };
    };

    it('the second person to join is an editor', async () => {
      const join = (await audit('member.join')).filter((e) => e.entityId === orgId).map((e) => e.after.role);
      expect(join.sort()).toEqual(['editor', 'owner']);
    });

    it('the last passkey of an account with no other way in cannot be removed (409, nothing changes)', async () => {
      const { ids, accountId } = passkeyIdsOf('札幌 一郎');
      expect(ids).toHaveLength(1);
      const csrf = await csrfOf(owner);
      const before = snapshot();
      const refused = await owner.request('POST', `/my/passkeys/${ids[0]}/delete`, { form: { csrf, account: accountId } });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('最後のパスキーは削除できません');
      expect(snapshot()).toBe(before);
    });

    it('adds a second passkey while signed in; removes one of two; without a CSRF token nothing changes', async () => {
      const added = await addPasskey(owner, ownerDevice, 'ノートPC');
      expect(added.status, added.text).toBe(201);
      expect(added.body.passkey.label).toBe('ノートPC');
      expect(added.body.redirect).toBe('/my/members');
      // From another origin: refused.
      expect((await owner.request('POST', '/my/passkeys/options', { json: {}, origin: 'https://evil.example' })).status).toBe(403);
      const { ids } = passkeyIdsOf('札幌 一郎');
      expect(ids).toHaveLength(2);
      const before = snapshot();
      expect((await owner.request('POST', `/my/passkeys/${ids[0]}/delete`, { form: { csrf: 'forged' } })).status).toBe(403);
      expect((await owner.request('POST', `/my/passkeys/${ids[0]}/delete`, { form: {} })).status).toBe(403);
      expect(snapshot()).toBe(before);
      const removed = await owner.request('POST', `/my/passkeys/${ids[0]}/delete`, { form: { csrf: await csrfOf(owner) } });
      expect(removed.status).toBe(303);
      expect(removed.headers.get('location')).toBe('/my/members?removed=passkey');
      // Said once: right after the redirect, not on the address opened again (a reload, a bookmark).
      expect((await owner.request('GET', '/my/members?removed=passkey')).text).toContain('パスキーを削除しました。');
      expect((await owner.request('GET', '/my/members?removed=passkey')).text).not.toContain('パスキーを削除しました。');
      expect(passkeyIdsOf('札幌 一郎').ids).toEqual([ids[1]]);
      expect((await audit('passkey.remove')).some((e) => e.before.passkeyId === ids[0])).toBe(true);
      // The remaining passkey still signs in.
      const fresh = browser(server, publicOrigin);
      expect((await signInWithPasskey(fresh, ownerDevice, { credentialId: ids[1] })).status).toBe(200);
    });

    it('an owner cancels an open invitation on the members page: its link stops working; an editor may not', async () => {
      const created = await server.call('POST', `/api/v1/organizations/${orgId}/invitations`, { body: { email: 'typo@example.jp' } });
      const page = await owner.request('GET', '/my/members');
      const action = `/my/members/invitations/${created.body.id}/cancel`;
      expect(page.text).toContain(`action="${action}"`);
      expect(page.text).toContain('typo@example.jp');
      const before = snapshot();
      expect((await editor.request('POST', action, { form: { csrf: await csrfOf(editor) } })).status).toBe(403);
      expect((await owner.request('POST', action, { form: { csrf: 'guess' } })).status).toBe(403);
      expect(snapshot()).toBe(before);

      const cancelled = await owner.request('POST', action, { form: { csrf: await csrfOf(owner) } });
      expect(cancelled.status).toBe(303);
      const after = await owner.request('GET', cancelled.headers.get('location')!);
      expect(after.text).toContain('招待を取り消しました');
      expect(after.text).not.toContain('typo@example.jp');
      expect((await browser(server, publicOrigin).request('GET', pathOf(created.body.url))).status).toBe(410);
      // Cancelled a second time (a double click, the back button): said to be cancelled already.
      const again = await owner.request('POST', action, { form: { csrf: await csrfOf(owner) } });
      expect(again.status).toBe(409);
      expect(again.text).toContain('この招待は既に取り消されています。');
    });

    it("an editor may not remove the owner's passkey (403); the owner may remove the editor's, which signs the editor out", async () => {
      const ownerIds = passkeyIdsOf('札幌 一郎');
      const before = snapshot();
      const refused = await editor.request('POST', `/my/passkeys/${ownerIds.ids[0]}/delete`, { form: { csrf: await csrfOf(editor), account: ownerIds.accountId } });
      expect(refused.status).toBe(403);
      expect(snapshot()).toBe(before);

      expect((await addPasskey(editor, editorDevice, 'スマートフォン')).status).toBe(201);
      const editorIds = passkeyIdsOf('札幌 二郎');
      expect(editorIds.ids).toHaveLength(2);
      const removed = await owner.request('POST', `/my/passkeys/${editorIds.ids[1]}/delete`, { form: { csrf: await csrfOf(owner), account: editorIds.accountId } });
      expect(removed.status).toBe(303);
      expect(passkeyIdsOf('札幌 二郎').ids).toEqual([editorIds.ids[0]]);
      expect((await editor.request('GET', '/my')).status).toBe(302);
      // The same post again (a double click, the back button): said to be removed already, not "not found"; nothing changes.
      const unchanged = snapshot();
      const again = await owner.request('POST', `/my/passkeys/${editorIds.ids[1]}/delete`, { form: { csrf: await csrfOf(owner), account: editorIds.accountId } });
      expect(again.status).toBe(409);
      expect(again.text).toContain('このパスキーは既に削除されています。何も変更していません。');
      expect(again.text).toContain('href="/my/members"');
      expect(snapshot()).toBe(unchanged);
    });

    it('removing one’s own passkey (a lost phone) signs out the browsers signed in with it, keeps the one that removed it, and the passkey no longer signs in', async () => {
      expect((await addPasskey(owner, ownerDevice, 'なくしたスマートフォン')).status).toBe(201);
      const lostId = passkeyIdsOf('札幌 一郎').ids.at(-1)!;
      const phone = browser(server, publicOrigin);
      expect((await signInWithPasskey(phone, ownerDevice, { credentialId: lostId })).status).toBe(200);
      expect((await phone.request('GET', '/my')).status).toBe(200);

      const removed = await owner.request('POST', `/my/passkeys/${lostId}/delete`, { form: { csrf: await csrfOf(owner) } });
      expect(removed.status).toBe(303);
      expect((await phone.request('GET', '/my')).status).toBe(302);
      expect((await owner.request('GET', '/my')).status).toBe(200);
      expect((await signInWithPasskey(browser(server, publicOrigin), ownerDevice, { credentialId: lostId })).status).toBe(400);
    });
  });
});
