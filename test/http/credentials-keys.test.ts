/**
 * Key rotation and retirement across restarts on the same database and keys: a credential
 * signed by a rotated-but-not-retired key keeps verifying, new credentials are signed by the new
 * key, and once the old key is retired its credentials fail with retired-key and it disappears
 * from did.json and jwks.json.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  credentialUuid, decodeJwt, declarationCredential, localUrl, privateKeyLeaks, publicBaseUrl, recordResponses, verifyWithDigitalBazaar,
} from '../helpers/credentials.js';
import { createRestartableServer, type RestartableServer } from '../helpers/restartable-server.js';
import { seedCompany, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';

type Json = Record<string, any>;

let registry: RestartableServer;
let server: TestServer;
const texts: string[] = [];
let k1: string;
let k2: string;
let old: Awaited<ReturnType<typeof declarationCredential>>;
/** The old credential's revocation list as a verifier cached it before the rotation: its validator and signing key. */
let cachedList: { url: string; etag: string; jwtEtag: string };

const verify = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });
const keyIdOf = (verificationMethod: string) => verificationMethod.split('#').pop()!;

async function published() {
  const did = (await server.call('GET', '/.well-known/did.json', { token: null })).body as Json;
  const jwks = (await server.call('GET', '/.well-known/jwks.json', { token: null })).body as JSONWebKeySet;
  return {
    did,
    jwks,
    didKeys: (did.verificationMethod as Json[]).map((m) => keyIdOf(m.id)).sort(),
    jwksKeys: jwks.keys.map((k) => keyIdOf(k.kid!)).sort(),
  };
}

beforeAll(async () => {
  registry = await createRestartableServer();
  server = await registry.start();
  recordResponses(server, texts);
});

afterAll(async () => {
  await registry?.dispose();
});

describe('issuer key rotation and retirement (same database, keys and base URL across restarts)', () => {
  it('first start: one key signs the first credential', async () => {
    const { didKeys, jwksKeys } = await published();
    expect(didKeys).toHaveLength(1);
    expect(jwksKeys).toEqual(didKeys);
    k1 = didKeys[0]!;
    const company = await seedCompany(server, { n: 1, publish: true });
    old = await declarationCredential(server, company.declarationId);
    expect(keyIdOf(old.dataIntegrity.proof[0].verificationMethod)).toBe(k1);
    expect(keyIdOf(decodeJwt(old.jwt).header.kid)).toBe(k1);
    const url = localUrl(server, old.dataIntegrity.credentialStatus[0].statusListCredential);
    const list = await fetch(url);
    expect(keyIdOf((await list.json()).proof[0].verificationMethod)).toBe(k1);
    cachedList = { url, etag: list.headers.get('etag')!, jwtEtag: (await fetch(url, { headers: { accept: 'application/vc+jwt' } })).headers.get('etag')! };
    if (!onWorker) {
      // Key files are private to the server's user.
      for (const { keyId } of registry.keys()) expect(statSync(join(registry.dir, 'keys', `${keyId}.json`)).mode & 0o777).toBe(0o600);
    }
  });

  it('after rotation: both keys published, status lists re-signed by the new key under a new ETag, the old credential still verifies, new ones are signed by the new key', async () => {
    await registry.stop();
    k2 = await registry.rotateKey();
    server = await registry.start();
    recordResponses(server, texts);
    expect(k2).not.toBe(k1);

    // A status list a verifier cached under the old key is not confirmed by its old ETag (RFC 9110
    // §8.8.3, §13.1.2): it is served again, signed by the new key. A 304 kept the verifier on a
    // list signed by the old key, which stops verifying once that key is retired.
    const again = await fetch(cachedList.url, { headers: { 'if-none-match': cachedList.etag } });
    expect(again.status).toBe(200);
    expect(keyIdOf((await again.json()).proof[0].verificationMethod)).toBe(k2);
    const jwt = await fetch(cachedList.url, { headers: { accept: 'application/vc+jwt', 'if-none-match': cachedList.jwtEtag } });
    expect(jwt.status).toBe(200);
    expect(keyIdOf(decodeJwt(await jwt.text()).header.kid)).toBe(k2);
    // The list as now served is confirmed by its own validator.
    expect((await fetch(cachedList.url, { headers: { 'if-none-match': again.headers.get('etag')! } })).status).toBe(304);
    const { didKeys, jwksKeys, jwks } = await published();
    expect(didKeys).toEqual([k1, k2].sort());
    expect(jwksKeys).toEqual([k1, k2].sort());

    for (const input of [old.dataIntegrity, old.jwt]) {
      const response = await verify(input);
      expect(response.body.problemDetails).toEqual([]);
      expect(response.status).toBe(200);
    }
    await compactVerify(old.jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    expect((await verifyWithDigitalBazaar(server, old.dataIntegrity)).verified).toBe(true);

    const company = await seedCompany(server, { n: 2, publish: true });
    const fresh = await declarationCredential(server, company.declarationId);
    expect(keyIdOf(fresh.dataIntegrity.proof[0].verificationMethod)).toBe(k2);
    expect(keyIdOf(decodeJwt(fresh.jwt).header.kid)).toBe(k2);
    expect((await verify(fresh.dataIntegrity)).status).toBe(200);
    // The old credential (same database) is still served as issued.
    expect((await server.call('GET', new URL(old.ref.id).pathname, { token: null })).body).toEqual(old.dataIntegrity);
  });

  it('after retiring the old key: its credentials fail with retired-key; it is gone from did.json and jwks.json', async () => {
    await registry.stop();
    await registry.retireKey(k1);
    server = await registry.start();
    recordResponses(server, texts);
    const { didKeys, jwksKeys, jwks } = await published();
    expect(didKeys).toEqual([k2]);
    expect(jwksKeys).toEqual([k2]);

    const base = publicBaseUrl(server);
    for (const input of [old.dataIntegrity, old.jwt]) {
      const first = await verify(input);
      const second = await verify(input);
      for (const response of [first, second]) {
        expect(response.status).toBe(400);
        expect(response.body.verified).toBe(false);
        const retired = (response.body.problemDetails as Json[]).find((p) => p.type === `${base}/problems/retired-key`);
        expect(retired, JSON.stringify(response.body.problemDetails)).toBeTruthy();
        expect(retired!.detail).toContain(k1);
      }
    }
    // An outsider can no longer find the key either.
    await expect(compactVerify(old.jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] })).rejects.toThrow();
    expect((await verifyWithDigitalBazaar(server, old.dataIntegrity)).verified).toBe(false);

    // Credentials signed by the new key are unaffected, and new ones keep coming from it.
    const company = await seedCompany(server, { n: 3, publish: true });
    const fresh = await declarationCredential(server, company.declarationId);
    expect(keyIdOf(fresh.dataIntegrity.proof[0].verificationMethod)).toBe(k2);
    for (const input of [fresh.dataIntegrity, fresh.jwt]) expect((await verify(input)).status).toBe(200);
  });

  it('/v/{id} of the registry\'s own stored badge signed with the retired key: said so (not valid, not altered), in Japanese and English and in JSON', async () => {
    const id = credentialUuid(old.ref.id);
    const answer = (await server.call('GET', `/v/${id}`, { token: null, headers: { accept: 'application/json' } })).body as Json;
    expect(answer.verdict, JSON.stringify(answer.problems)).toBe('key-retired');
    expect(answer.valid).toBe(false);
    expect(answer.credentialId).toBe(id);
    expect(answer.verdictLabel).toEqual({ ja: '廃止済みの鍵で署名', en: 'Signed with a retired key' });
    expect(answer.explanation.ja).toContain('改ざんされたものではありません');
    expect(answer.explanation.en).toContain('has not been altered');
    // A verdict value a client reading /v/{id} as JSON can look up in the API description.
    const openapi = (await server.call('GET', '/openapi.json', { token: null })).body as Json;
    expect(openapi.components.schemas.VerificationAnswer.properties.verdict.enum).toContain('key-retired');
    // The record is the registry's own: what it says is shown, and the registry named as its issuer.
    expect(answer.organization?.name).toBeTruthy();
    expect(answer.issuer).toMatchObject({ issuedByRegistry: false, namesRegistry: true });
    for (const [lang, label] of [['ja', '廃止済みの鍵で署名'], ['en', 'Signed with a retired key']] as const) {
      const html = (await server.call('GET', `/v/${id}?lang=${lang}`, { token: null })).text;
      const banner = /<section class="verdict[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      expect(banner).toContain('data-verdict="key-retired"');
      expect(banner).toContain(`>${label}</strong>`);
      expect(banner).toContain(`<p>${answer.explanation[lang]}</p>`);
      expect(html).not.toContain('改ざんされたか');
      expect(html).not.toContain('may have been altered');
      expect(html).not.toContain('署名がこのレジストリの公開鍵と一致しない');
      expect(html).not.toContain('signature does not match');
      const issuerRow = /<dt>(?:発行者|Issuer)<\/dt><dd>([\s\S]*?)<\/dd>/.exec(html)?.[1];
      expect(issuerRow).toBe(
        lang === 'ja'
          ? '地方創生テレワーク宣言・表彰レジストリ（このレジストリ。すでに廃止した署名鍵で署名されています）'
          : 'Regional Revitalization Telework Declaration and Award Registry (this registry; signed with a key it has since retired)',
      );
    }
  });

  it('/verify of a pasted copy of that badge (JSON or JWT): the same key-retired verdict and wording as /v/{id}; an altered copy stays invalid', async () => {
    const id = credentialUuid(old.ref.id);
    const stored = (await server.call('GET', `/v/${id}`, { token: null, headers: { accept: 'application/json' } })).body as Json;
    const post = (pasted: string, { lang, json }: { lang?: 'en'; json?: boolean } = {}) => {
      const form = new FormData();
      form.set('credential', pasted);
      return fetch(`${server.url}/verify${lang ? `?lang=${lang}` : ''}`, { method: 'POST', body: form, headers: json ? { accept: 'application/json' } : {} });
    };
    // Pasted as downloaded, or re-indented: the same JSON.
    for (const pasted of [JSON.stringify(old.dataIntegrity), JSON.stringify(old.dataIntegrity, null, 2), old.jwt]) {
      const answer = (await (await post(pasted, { json: true })).json()) as Json;
      expect(answer.verdict, JSON.stringify(answer.problems)).toBe('key-retired');
      expect(answer).toMatchObject({ valid: false, credentialId: id, verdictLabel: stored.verdictLabel, explanation: stored.explanation, organization: stored.organization });
      expect(answer.links.page).toBe(stored.links.page);
      for (const lang of ['ja', 'en'] as const) {
        const html = await (await post(pasted, lang === 'en' ? { lang } : {})).text();
        const banner = /<section class="verdict[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
        expect(banner).toContain('data-verdict="key-retired"');
        expect(banner).toContain(`>${stored.verdictLabel[lang]}</strong>`);
        expect(banner).toContain(`<p>${stored.explanation[lang]}</p>`);
        expect(html).not.toContain('改ざんされたか');
        expect(html).not.toContain('署名がこのレジストリの公開鍵と一致しない');
        expect(html).not.toContain('signature does not match');
      }
    }
    // Altered: the Data Integrity copy's name, the vc+jwt's payload under its old signature.
    const altered = structuredClone(old.dataIntegrity) as Json;
    altered.credentialSubject.name = '株式会社にせもの';
    const [header, payload, signature] = old.jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Json;
    claims.credentialSubject.name = '株式会社にせもの';
    const alteredJwt = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const pasted of [JSON.stringify(altered), alteredJwt]) {
      const answer = (await (await post(pasted, { json: true })).json()) as Json;
      expect(answer.verdict, pasted.slice(0, 40)).toBe('invalid');
      expect(answer.credentialId).toBeNull();
      const issuerRow = /<dt>発行者<\/dt><dd>([\s\S]*?)<\/dd>/.exec(await (await post(pasted)).text())?.[1];
      expect(issuerRow).toBe(`このレジストリ（${old.dataIntegrity.issuer.id}）が発行者として記載されていますが、署名がこのレジストリの公開鍵と一致しないため、このレジストリが発行したものとは確認できません`);
    }
    // The API's answer stays as the README says: a retired key no longer verifies.
    const api = await verify(old.dataIntegrity);
    expect(api.status).toBe(400);
    expect(api.body.credentialId).toBeUndefined();
    expect((api.body.problemDetails as Json[]).map((p) => p.type)).toContain(`${publicBaseUrl(server)}/problems/retired-key`);
  });

  it('自分で検証するには on a key-retired badge: the key was retired on its day and is no longer published, and what to do; a live key\'s badge keeps the usual words', async () => {
    const id = credentialUuid(old.ref.id);
    const retiredAt = registry.keys().find((k) => k.keyId === k1)!.retiredAt!;
    const answer = (await server.call('GET', `/v/${id}`, { token: null, headers: { accept: 'application/json' } })).body as Json;
    expect(answer.keyRetiredAt).toBe(retiredAt);
    // The day as the page writes dates (JST), from the retirement instant.
    const jst = new Date(new Date(retiredAt).getTime() + 9 * 3600_000);
    const day = { ja: `${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`, en: `${jst.getUTCDate()} ${jst.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${jst.getUTCFullYear()}` };
    const independent = (html: string) => /<section aria-labelledby="independent-heading">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const form = new FormData();
    form.set('credential', old.jwt);
    const pages = {
      ja: [(await server.call('GET', `/v/${id}`, { token: null })).text, await (await fetch(`${server.url}/verify`, { method: 'POST', body: form })).text()],
      en: [(await server.call('GET', `/v/${id}?lang=en`, { token: null })).text],
    };
    for (const html of pages.ja) {
      const section = independent(html);
      expect(section).toContain(`署名に使われた鍵は${day.ja}に廃止され、発行者の DID 文書（did.json）と JWK Set（jwks.json）にはもう公開されていません。`);
      expect(section).toContain('新しい鍵で再発行されたバッジを待つか、事務局にお問い合わせください。');
      expect(section).not.toContain('誰でも検証できます');
    }
    for (const html of pages.en) {
      const section = independent(html);
      expect(section).toContain(`the key that signed it was retired on ${day.en} and is no longer published in the issuer’s DID document (did.json) or JWK Set (jwks.json)`);
      expect(section).toContain('Wait for the badge to be reissued with a current key, or ask the secretariat.');
      expect(section).not.toContain('Anyone can verify it');
    }
    // A badge signed by the live key: nothing retired, the usual words.
    const company = await seedCompany(server, { n: 4, publish: true });
    const fresh = await declarationCredential(server, company.declarationId);
    const freshId = credentialUuid(fresh.ref.id);
    expect(((await server.call('GET', `/v/${freshId}`, { token: null, headers: { accept: 'application/json' } })).body as Json).keyRetiredAt).toBeNull();
    const section = independent((await server.call('GET', `/v/${freshId}`, { token: null })).text);
    expect(section).toContain('誰でも検証できます');
    expect(section).not.toContain('廃止');
  });

  it('no response carried private key material (any key, retired or live)', () => {
    const dValues = registry.keys().map((k) => k.d);
    expect(dValues).toHaveLength(2);
    expect(texts.length).toBeGreaterThan(20);
    expect(privateKeyLeaks(texts, dValues)).toEqual([]);
  });
});
