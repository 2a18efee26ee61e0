/**
 * POST /verify (issue 15 point 6): the credential's claims beside what the registry records now
 * for it, over real HTTP on Node and on the Worker. A genuine badge matches; a tampered claim fails
 * the signature and its row says 相違あり; a company renamed after issuance keeps a valid badge whose
 * name row differs; a credential re-signed by someone else under a registry id is compared with
 * what that id really is; other trusted issuers and unknown ids have no record to compare.
 * And 自分で検証するには: the registry's own keys only for a credential naming the registry; another
 * issuer's badge is to be checked against that issuer's keys, its identifier shown as text.
 * And 有効期間と発行者: the issuer line says no more than the signature bears out.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { VC_V2, credentialUuid, declarationCredential, decodeJwt, newestCredential } from '../helpers/credentials.js';
import { corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>;

/** An issuer the registry trusts (TRUSTED_ISSUERS) and one it does not, both did:key. */
const trusted = createIssuerIdentity({ baseUrl: 'https://trusted.example', method: 'did:key', keys: [await generateIssuerKey()] });
const stranger = createIssuerIdentity({ baseUrl: 'https://stranger.example', method: 'did:key', keys: [await generateIssuerKey()] });
/** A minimal badge that `identity` issued and signed (both forms), naming `name` when given. */
const badgeOf = (identity: typeof stranger, name?: string) =>
  createCredentialSecurer({ identity }).secure({
    '@context': [VC_V2],
    type: ['VerifiableCredential'],
    issuer: identity.did,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:holder', ...(name ? { name } : {}) },
  });

let server: TestServer;
let company: Awaited<ReturnType<typeof seedCompany>>;
let renamed: Awaited<ReturnType<typeof seedCompany>>;
let credential: Awaited<ReturnType<typeof declarationCredential>>;
let renamedCredential: Awaited<ReturnType<typeof declarationCredential>>;
let award: Awaited<ReturnType<typeof newestCredential>>;

beforeAll(async () => {
  server = await startTestServer({ TRUSTED_ISSUERS: trusted.did });
  company = await seedCompany(server, { n: 41, publish: true, name: '株式会社照合テスト' });
  credential = await declarationCredential(server, company.declarationId);
  const created = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'excellence', overview: '地方拠点を2か所に開設しました。' } });
  if (created.status !== 201) throw new Error(`award: ${created.status} ${created.text}`);
  award = await newestCredential(server, `/api/v1/awards/${created.body.id}`);
  // Issued under the old name, then the company renames itself (no new credential is issued for that).
  renamed = await seedCompany(server, { n: 42, publish: true, name: '旧社名株式会社' });
  renamedCredential = await declarationCredential(server, renamed.declarationId);
  const update = await server.call('PUT', `/api/v1/organizations/${renamed.organization.id}`, {
    body: { kind: 'company', name: '新社名株式会社', corporateNumber: corporateNumberFor(42), prefectureCode: '13' },
  });
  if (update.status !== 200) throw new Error(`rename: ${update.status} ${update.text}`);
});

afterAll(async () => {
  await server?.close();
});

/** The form post a browser sends (multipart), as HTML or as the JSON answer. */
async function verify(pasted: string, { lang, json }: { lang?: 'en'; json?: boolean } = {}) {
  const form = new FormData();
  form.set('credential', pasted);
  const response = await fetch(`${server.url}/verify${lang ? `?lang=${lang}` : ''}`, { method: 'POST', body: form, headers: json ? { accept: 'application/json' } : {} });
  expect(response.status).toBe(200);
  return response;
}
const answerOf = async (pasted: string) => (await (await verify(pasted, { json: true })).json()) as Json;
const htmlOf = async (pasted: string, lang?: 'en') => (await verify(pasted, { lang })).text();
/** The comparison section of the page, or '' when there is none. */
const claimsSection = (html: string) => /<section class="claims"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
/** One row of the comparison, by its field name. */
const rowOf = (html: string, field: string) => new RegExp(`<li class="claims__row[^"]*" data-field="${field.replace('.', '\\.')}">[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
const differing = (answer: Json) => (answer.comparison.rows as Json[]).filter((r) => !r.same).map((r) => r.field);

describe('a name with bidirectional controls (U+202E and the like), which the registry never records', () => {
  /** The page outside the echoed form field. */
  const shown = (html: string) => html.replace(/<textarea[\s\S]*<\/textarea>/, '');
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

  it('a forged claim: its row shows the control as a visible code, never reversing the text', async () => {
    const tampered = structuredClone(credential.dataIntegrity) as Json;
    tampered.credentialSubject.name = '株式会社\u202Eトステ合照';
    const html = shown(await htmlOf(JSON.stringify(tampered)));
    expect(html).not.toMatch(BIDI);
    expect(rowOf(claimsSection(html), 'organization.name')).toContain('株式会社[U+202E]トステ合照');
  });

  it('a badge of an issuer the registry trusts, valid: the name it carries is shown with its controls visible', async () => {
    const signed = await badgeOf(trusted, '株式会社\u2067照合\u2069テスト\u202Dx');
    const html = shown(await htmlOf(signed.jwt));
    expect(html).toContain('data-verdict="valid"');
    expect(html).not.toMatch(BIDI);
    expect(html).toContain('株式会社[U+2067]照合[U+2069]テスト[U+202D]x');
  });
});

describe('a genuine badge, unchanged since issuance', () => {
  it('JSON: compared with the registry record row by row, all the same', async () => {
    const answer = await answerOf(JSON.stringify(credential.dataIntegrity));
    expect(answer.verdict).toBe('valid');
    expect(answer.comparison).toMatchObject({ basis: 'record', reason: null, differences: 0 });
    expect((answer.comparison.rows as Json[]).map((r) => r.field)).toEqual([
      'organization.name', 'organization.corporateNumber', 'organization.prefecture', 'kind',
      'declaration.version', 'declaration.committedOn', 'declaration.guidelineAreas', 'validFrom', 'validUntil',
    ]);
    const name = (answer.comparison.rows as Json[]).find((r) => r.field === 'organization.name');
    expect(name).toEqual({ field: 'organization.name', label: { ja: '団体名', en: 'Organization name' }, claimed: { ja: '株式会社照合テスト', en: '株式会社照合テスト' }, recorded: { ja: '株式会社照合テスト', en: '株式会社照合テスト' }, same: true });
  });

  it('the page says everything matches, the rows folded under a summary; the vc+jwt form compares the same', async () => {
    const section = claimsSection(await htmlOf(credential.jwt));
    expect(section).toContain('data-comparison="matches"');
    expect(section).toContain('バッジの記載は、登録簿の現在の記録とすべて一致しています。');
    expect(section).toContain('<details class="claims__all">');
    expect(section).toContain('照合した9項目を見る');
    expect(section).not.toContain('相違あり');
    expect(rowOf(section, 'organization.corporateNumber')).toContain(corporateNumberFor(41));
  });

  it('an award: year, category and date compared with the award record', async () => {
    const answer = await answerOf(award.jwt);
    expect(answer.verdict).toBe('valid');
    expect(answer.comparison.differences).toBe(0);
    const rows = Object.fromEntries((answer.comparison.rows as Json[]).map((r) => [r.field, r]));
    expect(rows['kind'].recorded).toEqual({ ja: '地方創生テレワーク表彰', en: 'Telework award' });
    expect(rows['award.fiscalYear'].recorded.ja).toContain('令和7年度');
    expect(rows['award.category'].recorded).toEqual({ ja: '優秀賞', en: expect.any(String) });
    expect(rows['award.awardedOn']).toBeDefined();
    expect(rows['award.overview']).toBeUndefined(); // long texts are listed only when they differ
  });
});

describe('a tampered claim', () => {
  it('fails the signature anyway, and the altered row says 相違あり beside the record (claims marked unverified)', async () => {
    const tampered = structuredClone(credential.dataIntegrity) as Json;
    tampered.credentialSubject.name = '株式会社にせもの';
    const answer = await answerOf(JSON.stringify(tampered));
    expect(answer.verdict).toBe('invalid');
    expect(answer.organization).toBeNull(); // the answer itself never repeats forged content
    expect(answer.comparison.differences).toBe(1);
    expect(differing(answer)).toEqual(['organization.name']);

    const html = await htmlOf(JSON.stringify(tampered));
    const section = claimsSection(html);
    expect(section).toContain('data-comparison="differs"');
    expect(section).toContain('1項目が登録簿の記録と異なります。');
    expect(section).toContain('書き換えられた可能性があります');
    const row = rowOf(section, 'organization.name');
    expect(row).toContain('claims__row--differs');
    expect(row).toContain('相違あり');
    expect(row).toContain('バッジの記載（未確認）');
    expect(row).toContain('株式会社にせもの');
    expect(row).toContain('株式会社照合テスト');
    expect(rowOf(section, 'organization.corporateNumber')).toContain('一致');
    // Outside the comparison (and the echoed form field) the forged name appears nowhere.
    expect(html.replace(section, '').replace(/<textarea[\s\S]*<\/textarea>/, '')).not.toContain('株式会社にせもの');
  });

  it('an extended validity in a vc+jwt: the signature fails and 有効期間の終了 differs', async () => {
    const { payload } = decodeJwt(credential.jwt);
    const [header, , signature] = credential.jwt.split('.');
    const later = { ...payload, validUntil: '2099-03-31T14:59:59Z' };
    const forged = `${header}.${Buffer.from(JSON.stringify(later)).toString('base64url')}.${signature}`;
    const answer = await answerOf(forged);
    expect(answer.verdict).toBe('invalid');
    expect(differing(answer)).toEqual(['validUntil']);
    const row = (answer.comparison.rows as Json[]).find((r) => r.field === 'validUntil')!;
    expect(row.claimed).toEqual({ ja: '2099年3月31日', en: '31 March 2099' });
  });

  it('re-signed by another key under the registry’s credential id with a forged name: compared with what that id really is', async () => {
    const copy = structuredClone(credential.dataIntegrity) as Json;
    delete copy.proof;
    copy.issuer = { ...(typeof copy.issuer === 'object' ? copy.issuer : {}), id: stranger.did };
    copy.credentialSubject.name = '偽造株式会社';
    const signed = await createCredentialSecurer({ identity: stranger }).secure(copy);
    const answer = await answerOf(signed.jwt);
    expect(answer.verdict).toBe('invalid');
    expect(answer.issuer.issuedByRegistry).toBe(false);
    expect(answer.comparison.basis).toBe('record');
    expect(differing(answer)).toEqual(['organization.name']);
  });
});

describe('a company renamed after issuance', () => {
  it('the old badge stays valid; the name row shows the old and the new name, explained as a change since issuance', async () => {
    const answer = await answerOf(renamedCredential.jwt);
    expect(answer.verdict).toBe('valid');
    expect(differing(answer)).toEqual(['organization.name']);
    const name = (answer.comparison.rows as Json[]).find((r) => r.field === 'organization.name')!;
    expect([name.claimed.ja, name.recorded.ja]).toEqual(['旧社名株式会社', '新社名株式会社']);

    const section = claimsSection(await htmlOf(renamedCredential.jwt));
    expect(section).toContain('1項目が登録簿の現在の記録と異なります。');
    expect(section).toContain('バッジの発行後に登録簿の記録が変わったものです');
    expect(section).not.toContain('<details'); // a difference is shown, not folded away
    const row = rowOf(section, 'organization.name');
    expect(row).toContain('相違あり');
    expect(row).toContain('<dt>バッジの記載</dt>');
    expect(row).toContain('<dt>登録簿の記録（現在）</dt>');
  });

  it('in English with ?lang=en', async () => {
    const section = claimsSection(await htmlOf(renamedCredential.jwt, 'en'));
    expect(section).toContain('The badge’s claims and the registry’s record');
    expect(section).toContain('1 item differs from the registry’s current record.');
    const row = rowOf(section, 'organization.name');
    expect(row).toContain('Differs');
    expect(row).toContain('Organization name');
    expect(row).toContain('On the badge');
    expect(row).toContain('Registry record (now)');
  });
});

describe('a badge of an issuer the registry trusts (TRUSTED_ISSUERS)', () => {
  /** The verdict banner of a page: its verdict, word and explanation. */
  const bannerOf = (html: string) => /<section class="verdict[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  const expiredBadge = () =>
    createCredentialSecurer({ identity: trusted }).secure({
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      issuer: trusted.did,
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:holder', name: '株式会社照合テスト' },
    });

  it('verified by the API, it is valid on the page too: issued by that issuer (named), not by this registry, which has no record of it', async () => {
    const signed = await badgeOf(trusted, '株式会社照合テスト');
    const api = await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: signed.jwt } });
    expect(api.body.verified).toBe(true);
    const answer = await answerOf(signed.jwt);
    expect(answer.verdict).toBe('valid');
    expect(answer.valid).toBe(true);
    expect(answer.credentialId).toBeNull();
    expect(answer.statusChange).toBeNull();
    expect(answer.issuer).toMatchObject({ id: trusted.did, issuedByRegistry: false, namesRegistry: false });
    expect(answer.explanation).toEqual({
      ja: `このバッジは、この登録簿が信頼する発行者（${trusted.did}）が発行したもので、署名・有効期間などの確認にすべて合格しました。この登録簿が発行したものではなく、登録簿にはこのバッジの記録がありません。`,
      en: `This badge was issued by ${trusted.did}, an issuer this registry trusts, and passed every check (signature, validity period and the rest). It was not issued by this registry, which holds no record of it.`,
    });
    for (const [lang, word] of [[undefined, '有効'], ['en', 'Valid']] as const) {
      const banner = bannerOf(await htmlOf(signed.jwt, lang));
      expect(banner).toContain('data-verdict="valid"');
      expect(banner).toContain(`>${word}</strong>`);
      expect(banner).toContain(`<p>${answer.explanation[lang ?? 'ja']}</p>`);
      // No registry record, so no badge image of the registry's and nothing said about the registry's status.
      expect(banner).not.toContain('badge.svg');
      expect(banner).not.toContain('署名または発行者を確認できませんでした');
    }
  });

  it('with a status list of its own (never fetched): the API fails the status check as before; the page says the signature is that issuer\'s and unaltered, but its status cannot be checked here, not "invalid"', async () => {
    const credentialStatus = { id: 'https://status.example/lists/1#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://status.example/lists/1' };
    const signed = await createCredentialSecurer({ identity: trusted }).secure({
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      issuer: trusted.did,
      validFrom: '2025-01-01T00:00:00Z',
      credentialStatus,
      credentialSubject: { id: 'did:example:holder', name: '株式会社照合テスト' },
    });
    for (const [input, pasted] of [[signed.jwt, signed.jwt], [signed.dataIntegrity, JSON.stringify(signed.dataIntegrity)]] as const) {
      const api = await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: input } });
      expect(api.status).toBe(400);
      expect(api.body.verified).toBe(false);
      expect((api.body.errors as Json[]).map((e) => e.type)).toEqual(['https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR']);
      expect(api.body.results).toContainEqual({ check: 'proof', verified: true });
      const answer = await answerOf(pasted);
      expect(answer.verdict).toBe('unchecked');
      expect(answer.valid).toBe(false);
      expect(answer.issuer).toMatchObject({ id: trusted.did, issuedByRegistry: false, namesRegistry: false });
      // Its signature held: what it says is shown as that issuer's, as for its valid badges; only its status is unknown.
      expect(answer.validFrom).toBe('2025-01-01T00:00:00Z');
      expect(answer.explanation).toEqual({
        ja: `このバッジは、この登録簿が信頼する発行者（${trusted.did}）が署名したもので、署名どおり改ざんされていません（偽物ではありません）。ただし、取消・一時停止の状態はその発行者のステータスリストにあり、この登録簿はそれを取得しないため、現在も有効かどうかはここでは確認できません。発行者に問い合わせるか、発行者自身の確認ページで確認してください。`,
        en: `This badge was signed by ${trusted.did}, an issuer this registry trusts, and has not been altered (it is not a forgery). But whether it has been revoked or suspended is kept in that issuer’s own status list, which this registry does not fetch, so whether it is still valid cannot be checked here. Ask the issuer, or check it on the issuer’s own verification page.`,
      });
      for (const [lang, word] of [[undefined, 'ここでは確認できません'], ['en', 'Cannot be checked here']] as const) {
        const html = await htmlOf(pasted, lang);
        const banner = bannerOf(html);
        expect(banner).toContain('data-verdict="unchecked"');
        expect(banner).toContain(`>${word}</strong>`);
        expect(banner).toContain(`<p>${answer.explanation[lang ?? 'ja']}</p>`);
        expect(html).not.toContain('改ざんされたか');
        expect(html).not.toContain('may have been altered');
        expect(html).not.toContain('公開鍵をここでは取得できない');
        expect(html).not.toContain('cannot be retrieved here');
        expect(html).toContain(lang ? '<dt>Valid from</dt><dd>1 January 2025</dd>' : '<dt>有効期間の開始</dt><dd>2025年1月1日</dd>');
      }
    }
  });

  it('a proof of a cryptosuite the registry does not check: invalid, not "its public key cannot be retrieved here"', async () => {
    const signed = await badgeOf(trusted, '株式会社照合テスト');
    const proof = (signed.dataIntegrity.proof as Json[]).map((p) => ({ ...p, cryptosuite: 'eddsa-jcs-2022' }));
    const pasted = JSON.stringify({ ...signed.dataIntegrity, proof });
    const answer = await answerOf(pasted);
    expect(answer.verdict).toBe('invalid');
    expect(answer.valid).toBe(false);
    for (const lang of [undefined, 'en'] as const) {
      const html = await htmlOf(pasted, lang);
      expect(bannerOf(html)).toContain('data-verdict="invalid"');
      expect(html).not.toContain('公開鍵をここでは取得できない');
      expect(html).not.toContain('cannot be retrieved here');
    }
  });

  it('past its validity period: expired, as the checks report', async () => {
    const signed = await expiredBadge();
    const api = await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: signed.jwt } });
    expect(api.body.verified).toBe(false);
    const answer = await answerOf(signed.jwt);
    expect(answer.verdict).toBe('expired');
    expect(bannerOf(await htmlOf(signed.jwt))).toContain('data-verdict="expired"');
  });
});

describe('nothing to compare', () => {
  it('another issuer the registry trusts: it says the registry has no record to compare', async () => {
    const signed = await badgeOf(trusted, '株式会社照合テスト');
    const answer = await answerOf(signed.jwt);
    expect(answer.comparison).toEqual({ basis: 'none', reason: 'other-issuer', rows: [], differences: 0 });
    const section = claimsSection(await htmlOf(signed.jwt));
    expect(section).toContain('登録簿以外の発行者によるものです。登録簿には比較できる記録がありません。');
    expect(section).not.toContain('claims__row');
  });

  it('a credential id the registry does not hold', async () => {
    const unknown = structuredClone(credential.dataIntegrity) as Json;
    unknown.id = unknown.id.replace(credentialUuid(unknown.id), '00000000-0000-4000-8000-000000000000');
    const answer = await answerOf(JSON.stringify(unknown));
    expect(answer.verdict).toBe('invalid');
    expect(answer.comparison).toEqual({ basis: 'none', reason: 'unknown-credential', rows: [], differences: 0 });
    expect(claimsSection(await htmlOf(JSON.stringify(unknown), 'en'))).toContain('The registry has no record of this credential');
  });
});

describe('自分で検証するには: whose keys to check the badge against', () => {
  /** The section "Verify it yourself", or '' when there is none. */
  const independent = (html: string) => /<section aria-labelledby="independent-heading">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  const strangerBadge = () => badgeOf(stranger, '株式会社よそ発行');

  it('another issuer\'s did:key badge: no link to the registry\'s did.json or jwks.json; it says so and names the issuer as text', async () => {
    const signed = await strangerBadge();
    const answer = await answerOf(signed.jwt);
    expect(answer.verdict).toBe('invalid');
    expect(answer.links).toMatchObject({ didDocument: null, jwks: null, statusLists: [] });
    const ja = independent(await htmlOf(signed.jwt));
    expect(ja).toContain('自分で検証するには');
    expect(ja).not.toContain('did.json"');
    expect(ja).not.toContain('jwks.json"');
    expect(ja).not.toContain('/status-lists/');
    expect(ja).toContain('このバッジは、このレジストリが発行したものではありません。');
    expect(ja).toContain(`バッジに記載された発行者: <code>${stranger.did}</code>`);
    expect(ja).not.toContain(`href="${stranger.did}`); // pasted input, never a link
    expect(ja).toContain('POST /credentials/verify');
    const en = independent(await htmlOf(JSON.stringify(signed.dataIntegrity), 'en'));
    expect(en).toContain('This badge was not issued by this registry.');
    expect(en).toContain(`Issuer named on the badge: <code>${stranger.did}</code>`);
    expect(en).not.toContain('jwks.json"');
  });

  it('an issuer the registry trusts is still another issuer: its keys, not the registry\'s', async () => {
    const signed = await badgeOf(trusted, '株式会社照合テスト');
    const section = independent(await htmlOf(signed.jwt));
    expect(section).not.toContain('did.json"');
    expect(section).toContain(`<code>${trusted.did}</code>`);
  });

  it('an issuer URL with markup in it is escaped text, not a link', async () => {
    const hostile = 'https://evil.example/"><a href="https://evil.example">x</a>';
    const copy = structuredClone(credential.dataIntegrity) as Json;
    copy.issuer = { ...(typeof copy.issuer === 'object' ? copy.issuer : {}), id: hostile };
    const section = independent(await htmlOf(JSON.stringify(copy)));
    expect(section).toContain('このレジストリが発行したものではありません');
    expect(section).not.toContain('evil.example">');
    expect(section).toContain('<code>https://evil.example/&quot;&gt;&lt;a href=&quot;https://evil.example&quot;&gt;x&lt;/a&gt;</code>');
  });

  it('the registry\'s own badge keeps its did.json, jwks.json, status list and credential links; so does a tampered copy naming the registry', async () => {
    const own = independent(await htmlOf(credential.jwt));
    for (const href of ['/.well-known/did.json', '/.well-known/jwks.json', `/credentials/${credentialUuid(credential.dataIntegrity.id)}`]) expect(own).toContain(`href="${href}"`);
    expect(own).toMatch(/href="\/status-lists\/[^"]+"/);
    expect(own).not.toContain('このレジストリが発行したものではありません');
    const tampered = structuredClone(credential.dataIntegrity) as Json;
    tampered.credentialSubject.name = '株式会社にせもの';
    const answer = await answerOf(JSON.stringify(tampered));
    expect(answer.verdict).toBe('invalid');
    expect(answer.links.didDocument).toMatch(/\/\.well-known\/did\.json$/);
    const forged = independent(await htmlOf(JSON.stringify(tampered), 'en'));
    expect(forged).toContain('href="/.well-known/did.json"');
    expect(forged).toContain('href="/.well-known/jwks.json"');
    expect(forged).not.toContain('not issued by this registry');
  });
});

describe('有効期間と発行者: who the issuer line says issued the badge', () => {
  /** The section "Validity and issuer" of a page. */
  const validity = (html: string) => /<section aria-labelledby="validity-heading">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  /** Its 発行者 / Issuer row. */
  const issuerRow = (html: string) => /<dt>(?:発行者|Issuer)<\/dt><dd>([\s\S]*?)<\/dd>/.exec(validity(html))?.[1] ?? '';
  const registryDid = () => credential.dataIntegrity.issuer.id as string;
  const tamperedCopy = () => {
    const tampered = structuredClone(credential.dataIntegrity) as Json;
    tampered.credentialSubject.name = '株式会社にせもの';
    return JSON.stringify(tampered);
  };
  /** Re-signed with a key of its own, the registry's DID left as its issuer. */
  const forgedUnderOurDid = async () => {
    const copy = structuredClone(credential.dataIntegrity) as Json;
    delete copy.proof;
    return (await createCredentialSecurer({ identity: stranger }).secure(copy)).jwt;
  };

  it('the registry\'s own valid badge: the registry by name and domain, in Japanese and English', async () => {
    const answer = await answerOf(credential.jwt);
    expect(answer.issuer).toMatchObject({ id: registryDid(), issuedByRegistry: true, namesRegistry: true, name: { ja: expect.any(String) } });
    const { domain } = answer.issuer; // the host of the registry's public base URL
    expect(domain).toMatch(/^[\w.-]+(:\d+)?$/);
    const ja = issuerRow(await htmlOf(credential.jwt));
    expect(ja).toContain(answer.issuer.name.ja);
    expect(ja).toContain(`ドメイン: <strong>${domain}</strong>`);
    const en = issuerRow(await htmlOf(credential.jwt, 'en'));
    expect(en).toContain(answer.issuer.name.en);
    expect(en).toContain(`Domain: <strong>${domain}</strong>`);
  });

  it('a tampered copy naming the registry: it names the registry, but its signature does not match; never "another issuer"', async () => {
    for (const pasted of [tamperedCopy(), await forgedUnderOurDid()]) {
      const answer = await answerOf(pasted);
      expect(answer.verdict).toBe('invalid');
      expect(answer.issuer).toEqual({ id: registryDid(), name: null, domain: null, issuedByRegistry: false, namesRegistry: true });
      const ja = issuerRow(await htmlOf(pasted));
      expect(ja).toBe(`このレジストリ（${registryDid()}）が発行者として記載されていますが、署名がこのレジストリの公開鍵と一致しないため、このレジストリが発行したものとは確認できません`);
      expect(ja).not.toContain('このレジストリではない発行者');
      const en = issuerRow(await htmlOf(pasted, 'en'));
      expect(en).toBe(`Names this registry (${registryDid()}) as its issuer, but its signature does not match this registry’s public keys, so it cannot be confirmed as issued by this registry`);
      expect(en).not.toContain('other than this registry');
    }
  });

  it('another issuer\'s badge (a stranger, a trusted issuer, one left unchecked): an issuer other than this registry, named', async () => {
    const unchecked = readFileSync(new URL('../fixtures/credentials/legacy-declaration.json', import.meta.url), 'utf8');
    const cases = [
      { pasted: (await badgeOf(stranger)).jwt, issuer: stranger.did },
      { pasted: (await badgeOf(trusted)).jwt, issuer: trusted.did },
      { pasted: unchecked, issuer: 'did:web:localhost%3A8787', verdict: 'unchecked' },
    ];
    for (const { pasted, issuer, verdict } of cases) {
      const answer = await answerOf(pasted);
      if (verdict) expect(answer.verdict).toBe(verdict);
      expect(answer.issuer).toEqual({ id: issuer, name: null, domain: null, issuedByRegistry: false, namesRegistry: false });
      expect(issuerRow(await htmlOf(pasted))).toBe(`このレジストリではない発行者（${issuer}）`);
      expect(issuerRow(await htmlOf(pasted, 'en'))).toBe(`An issuer other than this registry (${issuer})`);
    }
  });

  it('a credential naming no issuer: none named, not "another issuer"', async () => {
    const pasted = JSON.stringify({ '@context': [VC_V2], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:holder' } });
    expect((await answerOf(pasted)).issuer).toMatchObject({ id: null, namesRegistry: false, issuedByRegistry: false });
    expect(issuerRow(await htmlOf(pasted))).toBe('記載なし');
    expect(issuerRow(await htmlOf(pasted, 'en'))).toBe('None named');
  });
});
