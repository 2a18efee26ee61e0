import { json, type RouteDoc } from '../route-doc.js';

const JWK_SET = { type: 'object', properties: { keys: { type: 'array', items: { type: 'object' } } }, required: ['keys'] };
/** A request verification cannot read (not a credential's shape, an unknown check name) is refused before any check runs. */
const MALFORMED = { contentType: 'application/problem+json', schema: 'Problem' };
const credentialBody = { type: 'object', additionalProperties: true, description: 'A signed Verifiable Credential (Data Integrity) or an EnvelopedVerifiableCredential' };

/** The forms a client may ask for by Accept besides application/vc (NEGOTIATION), each listed so a generated client knows the type it gets back. */
const OTHER_FORMS = [
  { contentType: 'application/vc+jwt', schema: { type: 'string', description: 'The compact JWS (VC-JOSE-COSE)' } },
  ...['application/vc+ld+json', 'application/ld+json', 'application/json'].map((contentType) => ({ contentType, schema: credentialBody })),
];

const NEGOTIATION = 'The Accept header chooses the form by its quality values (q=0 refuses a form; media types in any case): `application/vc+jwt` the JWT form; `application/vc`, `application/vc+ld+json` (its name before VC 2.0), `application/ld+json` or `application/json` the JSON-LD form served as that type; anything else (`*/*` included), or no Accept, the JSON-LD form as `application/vc`, the media type VC 2.0 registers.';

/** Issuer identity, credentials, status lists and the VC-API (src/http/routes/credentials.ts). */
export const CREDENTIAL_ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/.well-known/did.json', tag: 'credentials', auth: 'public', summary: { ja: '発行者の DID ドキュメント', en: "The issuer's DID document (did:web)" }, responses: { 200: { description: 'DID document', contentType: 'application/did+json', schema: { type: 'object' } } } },
  { method: 'get', path: '/did.json', tag: 'credentials', auth: 'public', summary: { ja: '発行者の DID ドキュメント（PUBLIC_BASE_URL がパスを含むときの did:web の解決先）', en: "The issuer's DID document where did:web resolves it when PUBLIC_BASE_URL has a path" }, responses: { 200: { description: 'DID document', contentType: 'application/did+json', schema: { type: 'object' } } } },
  { method: 'get', path: '/.well-known/jwks.json', tag: 'credentials', auth: 'public', summary: { ja: '発行者の公開鍵（JWKS）', en: "The issuer's public keys (JWKS)" }, description: 'As `application/jwk-set+json` (RFC 7517 §8.5.1) to a client that prefers it in Accept, else as `application/json`.', responses: { 200: { ...json('JWK Set', JWK_SET), also: [{ contentType: 'application/jwk-set+json', schema: JWK_SET }] } } },
  { method: 'get', path: '/contexts/registry/v1', tag: 'credentials', auth: 'public', summary: { ja: 'レジストリの JSON-LD コンテキスト', en: "The registry's JSON-LD context" }, responses: { 200: { description: 'JSON-LD context', contentType: 'application/ld+json', schema: { type: 'object' } } } },
  {
    method: 'get', path: '/status-lists/{id}', tag: 'credentials', auth: 'public', summary: { ja: 'ステータスリスト（取消・一時停止）', en: 'A Bitstring Status List credential' },
    description: `Data Integrity form by default. ${NEGOTIATION} Each form has its own ETag; If-None-Match (a list, weak tags, *) answers 304.`,
    responses: { 200: { description: 'BitstringStatusListCredential', contentType: 'application/vc', schema: credentialBody, also: OTHER_FORMS, headers: { ETag: 'Weak; changes when a bit flips or another key signs the list' } }, 304: { description: '変更なし / not modified' } },
  },
  {
    method: 'get', path: '/credentials/{id}', tag: 'credentials', auth: 'public', summary: { ja: 'クレデンシャルを取得する', en: 'Get a credential' },
    description: `Open Badges 3.0 credential; Data Integrity (eddsa-rdfc-2022) by default. ${NEGOTIATION}`,
    responses: { 200: { description: 'The credential', contentType: 'application/vc', schema: credentialBody, also: OTHER_FORMS } },
  },
  {
    method: 'post', path: '/credentials/verify', tag: 'verification', auth: 'public', body: 'verifyCredential', summary: { ja: 'クレデンシャルを検証する（VC-API）', en: 'Verify a credential (VC-API)' },
    description:
      'Checks the issuer (this registry or TRUSTED_ISSUERS), every proof (a proof set or chain verifies only when each proof does), validity period, status list and, for Open Badges, the OB 3.0 schema. ' +
      '`checks` names every check that ran, `results` gives each outcome, `errors` the reasons for failure, `warnings` what did not fail it; each problem there also says itself in Japanese and English (`messages: { ja, en }`). `options.checks` runs only the named checks. ' +
      'Untrusted input never errors: a failed check answers 400 with `verified: false`. A malformed request (e.g. a credential sent as JSON text instead of an object, an unknown check name) answers 400 problem+json naming the field.',
    responses: { 200: json('検証に成功 / verified', 'VerificationResult'), 400: { ...json('検証に失敗（verified: false）、または読めない要求（problem+json、項目名付き）/ not verified (a VerificationResult), or a malformed request (problem+json naming the field)', 'VerificationResult'), also: [MALFORMED] } },
  },
  {
    method: 'post', path: '/presentations/verify', tag: 'verification', auth: 'public', body: 'verifyPresentation', summary: { ja: 'プレゼンテーションを検証する（VC-API）', en: 'Verify a presentation (VC-API)' },
    description:
      "Checks the holder's proof against the challenge and domain, then each credential, answered as POST /credentials/verify answers it alone (for one of the registry's own: its credentialId and registryStatus, and a set revocation bit said as what happened: withdrawn, superseded, expired or revoked). Also an EnvelopedVerifiablePresentation (`data:application/vp+jwt,…`): the JWT (typ vp+jwt or none, EdDSA) signed by a did:key holder named by `kid`, with the challenge as `nonce` and the domain as `aud`. Every problem, the presentation's and each credential's, carries `messages: { ja, en }`.",
    responses: { 200: json('検証に成功 / verified', 'PresentationVerificationResult'), 400: { ...json('検証に失敗（verified: false）、または読めない要求（problem+json、項目名付き）/ not verified (a PresentationVerificationResult), or a malformed request (problem+json naming the field)', 'PresentationVerificationResult'), also: [MALFORMED] } },
  },
  {
    method: 'post', path: '/credentials/issue', tag: 'credentials', auth: 'admin', body: 'issueCredential', summary: { ja: 'クレデンシャルを発行する（VC-API）', en: 'Issue a credential (VC-API)' },
    description:
      "The registry sets `id` and `credentialStatus`; the issuer is always the registry's own profile. Refused with 400 naming the field: `id` not one URL; another issuer, or the registry's issuer with another name, url or member; " +
      'credentialStatus, credentialSchema, refreshService, termsOfUse or evidence entries without a `type` (schemas also without a URL `id`); relatedResource entries without a URL `id`, with an `id` twice, or without `digestSRI`/`digestMultibase`; undefined JSON-LD terms.',
    responses: { 201: json('署名したクレデンシャル / the signed credential', { type: 'object', properties: { verifiableCredential: credentialBody } }) },
  },
  { method: 'post', path: '/credentials/status', tag: 'credentials', auth: 'admin', body: 'updateStatus', summary: { ja: 'クレデンシャルの状態を変更する（VC-API）', en: "Change a credential's status (VC-API)" }, description: 'Revoking or suspending a declaration or award credential moves the record with it. The entries are judged together against the status before the request and make one change or none: asking for the status a credential already has changes nothing, revocation wins over a suspension entry beside it, each statusPurpose may appear once (400), and a revoked, expired or superseded credential refuses any other change (409, with currentStatus).', responses: { 200: json('変更後の状態 / the new status', { type: 'object' }) }, errors: [400, 404, 409] },
  { method: 'get', path: '/api/v1/organizations/{id}/credentials', tag: 'credentials', auth: 'organization', summary: { ja: '団体のクレデンシャル一覧', en: "An organization's credentials" }, responses: {
    200: json('両方の形式のクレデンシャル / credentials in both forms', {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', format: 'uri' }, credentialId: { type: 'string' }, subjectType: { enum: ['declaration', 'award'] }, subjectId: { type: 'string' },
              status: { type: 'string' }, issuedAt: { type: 'string' }, validFrom: { type: ['string', 'null'] }, validUntil: { type: ['string', 'null'] }, verificationUrl: { type: 'string', format: 'uri' },
              dataIntegrity: { ...credentialBody, description: 'The Data Integrity form' }, jwt: { type: 'string', description: 'The vc+jwt form' },
            },
            required: ['id', 'credentialId', 'subjectType', 'subjectId', 'status', 'dataIntegrity', 'jwt'],
          },
        },
      },
    }),
  } },
];
