/**
 * POST /verify with something pasted that is not a credential at all: JSON of another kind, a
 * JWT-shaped string whose payload is garbage. The person is told it cannot be read as a
 * credential (400, the paste kept in the box), not 「確認できません…改ざんされたか」 with an
 * issuer 「このレジストリではない発行者」 that the paste never named. Real server, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential, envelopedCredential, signedPresentation, VC_V2, vpJwt } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function paste(text: string, { query = '', redirect = 'follow' }: { query?: string; redirect?: RequestRedirect } = {}) {
  const form = new FormData();
  form.set('credential', text);
  const response = await fetch(`${server.url}/verify${query}`, { method: 'POST', body: form, redirect });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('pasting what is not a credential', () => {
  const header = Buffer.from('{"alg":"EdDSA","typ":"vc+jwt"}').toString('base64url');
  const cases = {
    'JSON of something else': '{"name":"株式会社みらいワーク","valid":true}',
    'a JWT-shaped string of garbage': `${header}.garbage.garbage`,
    'three dotted words': 'a.b.c',
    'a JWT whose payload is JSON but no credential (an ID token)': `${header}.${Buffer.from('{"iss":"https://idp.example","sub":"1"}').toString('base64url')}.c2ln`,
  };
  for (const [what, text] of Object.entries(cases)) {
    it(`${what}: "cannot be read as a credential", the paste kept, no verdict`, async () => {
      const { status, html } = await paste(text);
      expect(status).toBe(400);
      // The message is a link to the paste field, which it marks invalid.
      expect(html).toMatch(/role="alert"[^>]*><a href="#credential-text">貼り付けた内容をクレデンシャル（JSON または JWT）として読み取れません。/);
      expect(html).toMatch(/<textarea id="credential-text"[^>]*aria-invalid="true"/);
      expect(html).toContain(`>${escaped(text)}</textarea>`);
      expect(html).not.toContain('確認結果');
      expect(html).not.toContain('このレジストリではない発行者');
      expect(html).not.toContain('改ざん');
    });
  }

  it('a credential with a fault is still checked, and the checks say what is wrong', async () => {
    const company = await seedCompany(server, { n: 61, publish: true });
    const { dataIntegrity: json } = await declarationCredential(server, company.declarationId);
    const { status, html } = await paste(JSON.stringify({ ...json, credentialSubject: { ...json.credentialSubject, name: '書き換え株式会社' } }));
    expect(status).toBe(200);
    expect(html).toContain('確認結果');
    expect(html).not.toContain('role="alert"');
  });
});

describe('pasting the badge\'s address or its ID, both printed on the badge', () => {
  it('the verification address, the credential address or the ID (any case) → 303 to that badge\'s verification page', async () => {
    const company = await seedCompany(server, { n: 62, publish: true, name: '株式会社アドレス貼り付け' });
    const { ref } = await declarationCredential(server, company.declarationId);
    const id = credentialUuid(ref.id);
    const base = new URL(ref.id).origin;
    for (const text of [`${base}/v/${id}`, ` ${base}/v/${id}?utm_source=poster \n`, ref.id, `${base}/credentials/${id}/badge.png`, id, id.toUpperCase()]) {
      const answer = await paste(text, { redirect: 'manual' });
      expect([text, answer.status, answer.location]).toEqual([text, 303, `/v/${id}`]);
    }
    expect((await paste(id, { query: '?lang=en', redirect: 'manual' })).location).toBe(`/v/${id}?lang=en`);
    const page = await paste(`${base}/v/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('株式会社アドレス貼り付け');
    expect(page.html).toContain('data-verdict="valid"');
  });

  it("another site's address is not followed: it cannot be read as a credential", async () => {
    const text = 'https://evil.example/v/00000000-0000-4000-8000-000000000000';
    const answer = await paste(text, { redirect: 'manual' });
    expect(answer.status).toBe(400);
    expect(answer.location).toBeNull();
    expect(answer.html).toContain(`>${text}</textarea>`);
  });
});

describe('pasting a presentation (a wallet\'s export) instead of the credential inside it', () => {
  const presentation = (verifiableCredential: unknown) => JSON.stringify({ '@context': [VC_V2], type: ['VerifiablePresentation'], verifiableCredential });

  it('holding one credential, Data Integrity or an enveloped vc+jwt: that credential is checked (valid), not called altered', async () => {
    const company = await seedCompany(server, { n: 63, publish: true, name: '株式会社提示貼り付け' });
    const { dataIntegrity, jwt } = await declarationCredential(server, company.declarationId);
    for (const inside of [dataIntegrity, [dataIntegrity], envelopedCredential(jwt)]) {
      const { status, html } = await paste(presentation(inside));
      expect(status).toBe(200);
      expect(html).toContain('data-verdict="valid"');
      expect(html).toContain('株式会社提示貼り付け');
    }
    // A signed presentation as a JWT (vp+jwt) whose envelope holds the same badge.
    const { envelope } = await vpJwt({ verifiableCredential: [envelopedCredential(jwt)] });
    const signed = await paste(envelope.id.slice('data:application/vp+jwt,'.length));
    expect(signed.status).toBe(200);
    expect(signed.html).toContain('data-verdict="valid"');
  });

  it('the page says the holder\'s signature is not checked here, so a valid badge inside a broken presentation does not read as a checked one', async () => {
    const company = await seedCompany(server, { n: 65, publish: true, name: '株式会社提示署名' });
    const { dataIntegrity } = await declarationCredential(server, company.declarationId);
    const signed = await signedPresentation(server, [dataIntegrity], { challenge: 'recruit-1' });
    const { proof: _proof, ...unsigned } = signed;
    const note = '貼り付けた内容はプレゼンテーション（提示）でした。中のクレデンシャルを確認しました。提示した人（保有者）の署名は、このページでは確認していません。';
    for (const vp of [signed, { ...signed, holder: 'did:example:mallory' }, unsigned]) {
      const { status, html } = await paste(JSON.stringify(vp));
      expect(status).toBe(200);
      expect(html).toContain('data-verdict="valid"');
      expect(html).toContain(note);
      expect(html).not.toMatch(/Invalid signature|No matching proofs|insufficient proofs/);
    }
    const en = await paste(JSON.stringify(unsigned), { query: '?lang=en' });
    expect(en.html).toContain('The pasted text was a presentation: the credential inside it was checked. The signature of the person presenting it (the holder) is not checked on this page.');
    // The credential pasted alone: nothing about a presentation.
    expect((await paste(JSON.stringify(dataIntegrity))).html).not.toContain('プレゼンテーション');
  });

  it('holding none or several: asked to paste one credential from it (400, in Japanese and English), no verdict', async () => {
    const company = await seedCompany(server, { n: 64, publish: true, name: '株式会社提示複数' });
    const { dataIntegrity } = await declarationCredential(server, company.declarationId);
    for (const inside of [[dataIntegrity, dataIntegrity], []]) {
      const ja = await paste(presentation(inside));
      expect(ja.status).toBe(400);
      expect(ja.html).toContain('貼り付けた内容はプレゼンテーション（提示）です。中のクレデンシャルを1件ずつ貼り付けてください。');
      expect(ja.html).not.toContain('data-verdict=');
      const en = await paste(presentation(inside), { query: '?lang=en' });
      expect(en.html).toContain('The pasted text is a presentation. Paste the credentials inside it one at a time.');
    }
  });
});
