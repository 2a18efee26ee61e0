/**
 * Shapes of answers (request bodies come from schemas/ instead). These document what the
 * presenters in src/http/present.ts and the open-data/statistics builders return; they are
 * descriptive, so fields may be added without breaking clients.
 */
import { DECLARATION_STATUSES } from '../../domain/model.js';
import { SCHEMAS } from '../validation.js';
import { VERIFICATION_ANSWER_SCHEMA, VERIFICATION_UNKNOWN_SCHEMA } from './verification-schemas.js';

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const label = { type: 'object', properties: { ja: { type: 'string' }, en: { type: 'string' } }, required: ['ja', 'en'] };
const credentialRef = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uri' }, verificationUrl: { type: 'string', format: 'uri' },
    status: { type: 'string', description: 'The credential\'s status in the registry: active, suspended, revoked, expired or superseded (replaced by a newer credential of the same declaration or award)' },
    issuedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'verificationUrl'],
};
/** A declaration's content has the fields of the request that wrote it; the public gets those in publicFields only. */
const declarationContent = (description: string) => ({ type: 'object', description, properties: (SCHEMAS.declaration as { properties: Record<string, unknown> }).properties });
const ownerOnly = (schema: Record<string, unknown>, what: string) => ({ ...schema, description: `Owner and secretariat only: ${what}` });
const page = (item: string) => ({ type: 'object', properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, nextCursor: nullable('string') }, required: ['items', 'nextCursor'] });

export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details, with the message in Japanese and English.',
  required: ['type', 'title', 'status', 'detail', 'messages'],
  properties: {
    type: { type: 'string', format: 'uri', examples: ['https://registry.example/problems/validation'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'English message' },
    messages: label,
    errors: { type: 'array', description: 'Failing fields: JSON Pointers into the body (/signerName), or the name of the query parameter, path parameter or header (after, corporateNumber, Idempotency-Key)', items: { type: 'object', required: ['field', 'ja', 'en'], properties: { field: { type: 'string' }, ja: { type: 'string' }, en: { type: 'string' } } } },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
  additionalProperties: true,
};

const organization = {
  type: 'object',
  properties: {
    id: { type: 'string' }, kind: { enum: ['company', 'municipality', 'other'] }, name: { type: 'string' }, nameKana: nullable('string'), nameEn: nullable('string'),
    corporateNumber: nullable('string', { pattern: '^[0-9]{13}$' }), localGovernmentCode: nullable('string', { pattern: '^[0-9]{6}$' }),
    prefectureCode: { type: 'string' }, prefecture: nullable('string'), city: nullable('string'), industryCode: nullable('string'), industry: nullable('string'),
    sizeBand: nullable('string', { description: '従業員規模 / size band' }),
    website: nullable('string'), contact: { type: ['object', 'null'], description: 'Owner and secretariat only' },
    listed: ownerOnly({ type: 'boolean' }, 'whether the organization is shown to the public'),
    createdAt: { type: 'string' },
    declarations: { type: 'array', items: { $ref: '#/components/schemas/Declaration' }, description: 'GET /api/v1/organizations/{id} only: its declarations (the public: as last published, never one that was not)' },
    awards: { type: 'array', items: { $ref: '#/components/schemas/Award' }, description: 'GET /api/v1/organizations/{id} only: its awards (the public: not revoked ones)' },
    version: { type: 'integer', description: 'Owner and secretariat only: the row version, counting every edit (the contact\'s too); the ETag for If-Match' },
    updatedAt: { type: 'string', description: 'For the public, when a public detail last changed (an edit of the contact alone leaves it as it was); for the owner and the secretariat, the last edit of any kind' },
  },
  required: ['id', 'kind', 'name', 'prefectureCode'],
};

const declaration = {
  type: 'object',
  properties: {
    id: { type: 'string' }, organizationId: { type: 'string' },
    status: { enum: [...DECLARATION_STATUSES], description: 'The public sees published, suspended, withdrawn, revoked or expired; an expired declaration back in review for its renewal stays expired (renewalUnderReview)' }, statusLabel: label,
    renewalUnderReview: { type: 'boolean', description: '更新を審査中: expired, and the organization has applied to renew the declaration; the renewal is under review and nothing of it is public until it is published' },
    version: { type: 'integer', description: 'For the public, the last published version (the one its newest credential was issued for)' }, validFrom: nullable('string'), validUntil: nullable('string'), publishedAt: nullable('string'),
    statusReason: { type: ['string', 'null'], description: 'The public sees suspension and revocation reason codes only' },
    statusNote: ownerOnly(nullable('string'), 'the secretariat\'s note with a return, suspension or revocation'),
    submittedAt: ownerOnly(nullable('string'), 'when it was last submitted'),
    rowVersion: ownerOnly({ type: 'integer' }, 'the row version, counting every change; the ETag for If-Match'),
    content: declarationContent('The public sees the last published version only (never a version that was not published, e.g. a renewal draft edited after a return, before or after withdrawal), and of it only the fields in publicFields (per-field consent)'),
    guidelineAreaLabels: { type: 'array', items: label, description: 'The guideline areas by name (the public: when their publication was consented to, else empty)' },
    credentials: { type: 'array', items: credentialRef },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string', description: 'For the public, when it last saw the declaration change' },
  },
  required: ['id', 'organizationId', 'status', 'content', 'credentials'],
};

const award = {
  type: 'object',
  properties: {
    id: { type: 'string' }, organizationId: { type: 'string' }, organizationName: { type: 'string', description: 'The organization\'s name, in GET /api/v1/awards and /api/v1/awards/{id} (not within an organization\'s own answer)' }, fiscalYear: { type: 'integer' }, fiscalYearLabel: label,
    category: { type: 'string' }, categoryName: { oneOf: [label, { type: 'null' }] }, division: nullable('string'), partnerMunicipalityId: nullable('string', { description: 'The municipality the award was given with, if any' }),
    overview: nullable('string'), message: nullable('string'), awardedOn: { type: 'string' }, status: { enum: ['active', 'suspended', 'revoked'] },
    statusReason: nullable('string', { description: 'Reason code of a suspension or revocation' }), statusNote: ownerOnly(nullable('string'), 'the secretariat\'s note the organization reads'),
    credentials: { type: 'array', items: credentialRef },
    createdAt: { type: 'string' },
  },
  required: ['id', 'organizationId', 'fiscalYear', 'category', 'status', 'credentials'],
};

const counted = (key: Record<string, unknown>) => ({ type: 'array', items: { type: 'object', properties: { ...key, count: { type: 'integer' } } } });
const openData = (item: Record<string, unknown>) => ({
  type: 'object',
  properties: { asOf: nullable('string', { description: 'The newest public time among what the file shows, as Last-Modified (never the time of an edit the public does not see); null when the file is empty' }), count: { type: 'integer' }, documentation: { type: 'string' }, items: { type: 'array', items: item } },
  required: ['asOf', 'count', 'items'],
});

export const RESPONSE_SCHEMAS: Record<string, unknown> = {
  Problem: PROBLEM_SCHEMA,
  OAuthError: { type: 'object', description: 'RFC 6749 §5.2', required: ['error'], properties: { error: { enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'] }, error_description: { type: 'string' } } },
  Organization: organization,
  OrganizationPage: page('Organization'),
  Declaration: declaration,
  DeclarationPage: page('Declaration'),
  Award: award,
  AwardPage: page('Award'),
  AwardCodeList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/AwardCodeRequest' } } } },
  CreatedInvitation: {
    type: 'object',
    description: 'A staff invitation a token (or what it made) sent',
    properties: {
      id: { type: 'string' }, name: { type: 'string' }, email: nullable('string'), role: { enum: ['administrator', 'reviewer', 'viewer'] }, createdAt: { type: 'string' }, expiresAt: { type: 'string' },
      state: { enum: ['open', 'used', 'cancelled', 'expired'] }, createdBy: { type: 'string' }, usedBy: nullable('string'),
    },
  },
  CreatedOrganizationInvitation: {
    type: 'object',
    description: 'An invitation to an organization a token (or what it made) sent; a used one made `usedBy` a member (removed on the organization\'s members page)',
    properties: {
      id: { type: 'string' }, organizationId: { type: 'string' }, role: { enum: ['owner', 'editor'] }, email: nullable('string'), createdAt: { type: 'string' }, expiresAt: { type: 'string' },
      state: { enum: ['open', 'used', 'expired'] }, createdBy: { type: 'string' }, usedBy: nullable('string'),
    },
  },
  Token: { type: 'object', properties: { id: { type: 'string' }, role: { enum: ['admin', 'organization'] }, organizationId: nullable('string'), label: { type: 'string' }, createdAt: { type: 'string' }, revokedAt: nullable('string'), token: { type: 'string', description: 'The secret; only when issued' } } },
  VerificationResult: {
    type: 'object',
    description: 'VC-API verification result. `verified` is true only when every check that ran passed.',
    properties: {
      verified: { type: 'boolean' },
      checks: { type: 'array', items: { type: 'string' }, description: 'Every check that ran, passed or not: parse, issuer, proof, validFrom, validUntil, status, schema (Open Badges only)', examples: [['parse', 'issuer', 'proof', 'validFrom', 'validUntil', 'status', 'schema']] },
      results: { type: 'array', items: { $ref: '#/components/schemas/CheckResult' }, description: 'Each check that ran with its outcome' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/VerificationProblem' }, description: 'Why verification failed (empty when verified)' },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/VerificationProblem' }, description: 'What did not fail verification, e.g. checks left out by options.checks (type …/problems/not-checked)' },
      problemDetails: { type: 'array', items: { $ref: '#/components/schemas/VerificationProblem' }, description: 'The same as errors (kept for existing clients)' },
      format: { enum: ['data-integrity', 'jwt'] },
      issuedByRegistry: { type: 'boolean', description: 'The issuer is this registry, the signing key one of its current keys, and the proof verified with it (false when the proof check failed or was left out)' },
      status: { oneOf: [{ type: 'object', properties: { revoked: { type: 'boolean' }, suspended: { type: 'boolean' } } }, { type: 'null' }], description: 'Status list bits read (null when there is no status or it was not checked)' },
      credentialId: { type: 'string', description: "For one of the registry's own credentials: its id in the registry" },
      registryStatus: { enum: ['active', 'suspended', 'revoked', 'expired', 'superseded'], description: "For one of the registry's own credentials: its status in the registry (a withdrawn declaration's credential is revoked; its problem says 'Declaration withdrawn')" },
    },
    required: ['verified', 'checks', 'results', 'errors', 'warnings'],
  },
  VerificationAnswer: VERIFICATION_ANSWER_SCHEMA,
  VerificationUnknown: VERIFICATION_UNKNOWN_SCHEMA,
  CheckResult: { type: 'object', properties: { check: { type: 'string' }, verified: { type: 'boolean' } }, required: ['check', 'verified'] },
  VerificationProblem: {
    type: 'object',
    description: 'RFC 9457 problem detail of a verification (VC Data Model 2.0, Data Integrity and Bitstring Status List error types, or the registry’s own under /problems/)',
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string', description: 'English, stable: clients may test it' },
      detail: { type: 'string', description: 'English' },
      messages: { ...label, description: 'The problem in Japanese (ja, from its title) and English (en: title and detail) / 日本語（題名から）と英語（題名と詳細）の説明' },
    },
    required: ['type', 'title', 'detail', 'messages'],
  },
  PresentationVerificationResult: {
    type: 'object',
    description: 'VC-API presentation verification: the presentation-level checks (parse, presentationProof, challenge, domain, holder), then one verification result per contained credential.',
    properties: {
      verified: { type: 'boolean' },
      format: { enum: ['data-integrity', 'jwt'] },
      holder: { type: 'string' },
      checks: { type: 'array', items: { type: 'string' } },
      results: { type: 'array', items: { $ref: '#/components/schemas/CheckResult' } },
      errors: { type: 'array', items: { $ref: '#/components/schemas/VerificationProblem' } },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/VerificationProblem' } },
      problemDetails: { type: 'array', items: { $ref: '#/components/schemas/VerificationProblem' } },
      credentials: {
        type: 'array',
        description: "One per contained credential, in order, each answered word for word as POST /credentials/verify answers it alone (with credentialId and registryStatus for one of the registry's own), plus `credential`",
        items: {
          allOf: [
            { $ref: '#/components/schemas/VerificationResult' },
            { properties: { credential: { type: 'object', description: 'The credential as understood: the JSON-LD document, or the payload of a vc+jwt' } } },
          ],
        },
      },
    },
    required: ['verified', 'checks', 'results', 'errors', 'warnings', 'credentials'],
  },
  OpenDataDeclarations: openData({ type: 'object', properties: { id: { type: 'string' }, organization: organization, status: { type: 'string' }, statusLabel: label, renewalUnderReview: { type: 'boolean', description: '更新を審査中: the status is expired and the organization has applied to renew the declaration; the renewal is under review (its content is not published until then; the CSV column 更新の審査 says 更新を審査中)' }, publishedOn: nullable('string'), validUntil: nullable('string'), content: declarationContent('Consented fields only; of the last published version'), updatedAt: { type: 'string' }, guidelineAreaLabels: { type: 'array', items: { type: 'string' } }, purposeLabels: { type: 'array', items: { type: 'string' } }, credentialId: nullable('string'), verificationUrl: nullable('string') } }),
  OpenDataAwards: openData({ type: 'object', properties: { id: { type: 'string' }, organization: organization, fiscalYear: { type: 'integer' }, fiscalYearLabel: label, category: { type: 'string' }, categoryName: { oneOf: [label, { type: 'null' }] }, division: nullable('string'), divisionName: { oneOf: [label, { type: 'null' }] }, partnerMunicipalityName: nullable('string'), overview: nullable('string'), message: nullable('string'), awardedOn: { type: 'string' }, status: { type: 'string' }, statusLabel: label, credentialId: nullable('string'), verificationUrl: nullable('string'), updatedAt: { type: 'string' } } }),
  Statistics: {
    type: 'object',
    properties: {
      asOf: { type: 'string' },
      declarations: { type: 'object', properties: { publishedNow: { type: 'integer' }, publicationsByMonth: counted({ month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } }), publishedByPrefecture: counted({ code: { type: 'string' }, name: label }), publishedByIndustry: counted({ code: nullable('string'), name: label }), byStatus: counted({ status: { type: 'string', description: 'The stored status: draft includes returned drafts (差戻し), submitted includes renewals under review after expiry; the labels say so' }, label }), byStage: { ...counted({ stage: { type: 'string', enum: ['draft', 'returned', 'submitted', 'renewalUnderReview', 'published', 'suspended', 'withdrawnBeforePublication', 'withdrawnAfterPublication', 'revoked', 'expired'], description: 'Where the declaration stands for the secretariat, each counted once: draft (never submitted), returned (差戻し: sent back from review, stored as draft), submitted (a first review), renewalUnderReview (更新を審査中: renewal applied for after expiry, stored as submitted; the public sees it as expired), withdrawnBeforePublication (公表前に取下げ: withdrawn before it was ever published; never public) and withdrawnAfterPublication (公表後に取下げ: withdrawn after publication, including a renewal withdrawn after expiry; the public sees it as withdrawn), both stored as withdrawn, then the other statuses' }, status: { type: 'string', description: 'The stored status the stage is part of (byStatus adds them up)' }, label }), description: 'Added beside byStatus: what the statistics page charts as 状態別の宣言' } } },
      awards: { type: 'object', properties: { total: { type: 'integer' }, byFiscalYear: counted({ fiscalYear: { type: 'integer' }, label, byCategory: counted({ category: { type: 'string' }, name: label }) }), byCategory: counted({ category: { type: 'string' }, name: label }) } },
    },
  },
};

/** One shared response per error status, all problem+json. */
/** The headers src/http/rate-limit.ts sets on a counted request (enforceRateLimit), Retry-After only when over. */
const RATE_LIMIT_HEADERS = {
  'Retry-After': '再試行までの秒数 / seconds until the window resets',
  'RateLimit-Limit': '1分あたりの上限 / requests allowed per minute',
  'RateLimit-Remaining': '残り（0）/ requests left in this window (0)',
  'RateLimit-Reset': '窓がリセットされるまでの秒数 / seconds until the window resets',
  'RateLimit-Policy': '`<limit>;w=60`',
};

export const ERROR_RESPONSES: Record<number, { name: string; description: string; headers?: Record<string, string> }> = {
  400: { name: 'BadRequest', description: '入力内容に誤りがあります / invalid request' },
  401: {
    name: 'Unauthenticated',
    description:
      '認証が必要です。送られたトークンは認証の要らない操作でも確認され、無効・期限切れ・失効・停止中のパートナーのものは 401 です / authentication required (WWW-Authenticate: Bearer), or the bearer token sent is not valid: one that is sent is checked on every operation, also where none is needed, and an unknown, expired or revoked token, or a deactivated partner\'s, answers 401 with error="invalid_token"; a partner\'s access token past its 10 minutes says in `messages` that it expired: get a new one from POST /oauth/token',
  },
  403: { name: 'Forbidden', description: '権限がありません / not allowed' },
  404: { name: 'NotFound', description: '見つかりません / not found' },
  409: { name: 'Conflict', description: '現在の状態ではできません / not allowed in the current state, or a duplicate' },
  412: { name: 'PreconditionFailed', description: 'If-Match が古い / the record changed since it was read' },
  413: { name: 'TooLarge', description: '本文が 1 MiB を超えています / body over 1 MiB' },
  415: {
    name: 'UnsupportedMediaType',
    description:
      '本文が JSON ではなく、Content-Type も JSON ではありません（例: vc+jwt をそのまま送った）。本文を JSON にして Content-Type: application/json で送ってください / the body is not JSON and its Content-Type is neither JSON nor text (a vc+jwt posted as is, a form): `errors` names `Content-Type`, and a POST answers `Accept-Post: application/json`. JSON is read under any Content-Type (curl -d sends a form type); broken JSON sent as JSON or text is 400.',
    headers: { 'Accept-Post': '`application/json` (POST only)' },
  },
  422: { name: 'Unprocessable', description: '処理できません / semantically invalid' },
  429: {
    name: 'TooManyRequests',
    description:
      '呼び出しが多すぎます。推進パートナーのアクセストークンはどの操作でもパートナーごとの上限に数えられ、トークンのない呼び出しは一部の公開の操作で IP アドレスごとの上限に数えられます / rate limited: a partner\'s access token counts against the partner\'s per-minute limit on every operation (its answers carry the RateLimit-* headers), and calls without a token count against a per-address limit on the costlier public operations',
    headers: RATE_LIMIT_HEADERS,
  },
  501: { name: 'NotImplemented', description: 'この実行環境では使えません / not available on this runtime' },
  500: { name: 'InternalError', description: '内部エラー / internal error' },
};
