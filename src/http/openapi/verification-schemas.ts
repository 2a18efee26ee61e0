/**
 * GET /v/{id} with Accept: application/json: the answer the verification page renders
 * (src/http/pages/verification-answer.ts), and the "not in the registry" answer of an unknown id.
 * Self-contained (no $ref), so a client can validate with the one schema.
 */
const label = { type: 'object', properties: { ja: { type: 'string' }, en: { type: 'string' } }, required: ['ja', 'en'] };
const nullableLabel = { oneOf: [label, { type: 'null' }] };
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const VERDICTS = ['valid', 'suspended', 'revoked', 'withdrawn', 'superseded', 'expired', 'key-retired', 'unchecked', 'invalid'];

const comparisonRow = {
  type: 'object',
  properties: { field: { type: 'string', description: 'e.g. organization.name, validUntil' }, label, claimed: nullableLabel, recorded: nullableLabel, same: { type: 'boolean' }, prose: { const: true } },
  required: ['field', 'label', 'claimed', 'recorded', 'same'],
};

export const VERIFICATION_ANSWER_SCHEMA = {
  type: 'object',
  description: 'The verdict on one credential as of `asOf`. `valid` is true only for the verdict "valid"; what it says about the organization, declaration or award comes from the signed credential, `comparison` sets it beside what the registry records now.',
  properties: {
    verdict: { enum: VERDICTS },
    verdictLabel: label,
    explanation: label,
    valid: { type: 'boolean' },
    asOf: { type: 'string', format: 'date-time' },
    credentialId: nullable('string'),
    format: { enum: ['jwt', 'data-integrity', null] },
    kind: { enum: ['declaration', 'award', 'other'] },
    title: nullableLabel,
    organization: {
      type: ['object', 'null'],
      properties: { id: nullable('string'), name: { type: 'string' }, nameEn: nullable('string'), corporateNumber: nullable('string'), localGovernmentCode: nullable('string'), prefectureCode: nullable('string'), prefecture: nullableLabel },
    },
    declaration: {
      type: ['object', 'null'],
      properties: { committedOn: nullable('string'), fiscalYear: nullable('integer'), guidelineAreas: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, ja: { type: 'string' }, en: { type: 'string' } } } }, policy: nullable('string') },
    },
    award: {
      type: ['object', 'null'],
      properties: { fiscalYear: { type: 'integer' }, fiscalYearLabel: label, category: label, division: nullableLabel, overview: nullable('string'), message: nullable('string'), awardedOn: nullable('string') },
    },
    validFrom: nullable('string'),
    validUntil: nullable('string'),
    issuer: {
      type: 'object',
      properties: {
        id: nullable('string'),
        name: nullableLabel,
        domain: nullable('string'),
        issuedByRegistry: { type: 'boolean', description: 'This registry signed it: its issuer, one of its current keys, and the signature held (name and domain are null otherwise)' },
        namesRegistry: { type: 'boolean', description: 'The credential names this registry as its issuer, whether or not issuedByRegistry confirms it (a tampered or forged copy names it too)' },
      },
      required: ['issuedByRegistry', 'namesRegistry'],
    },
    statusChange: { type: ['object', 'null'], description: 'Suspended, revoked, withdrawn or expired: when, and the reason', properties: { at: nullable('string'), reason: nullableLabel } },
    currentVersion: { type: ['object', 'null'], description: 'Superseded, or expired and since renewed: the credential in force now', properties: { credentialId: { type: 'string' }, verificationUrl: { type: 'string' } } },
    renewalUnderReview: { type: 'boolean', description: '更新を審査中: an expired declaration badge whose organization has applied to renew the declaration; the renewal is under review and has no badge yet (once published, currentVersion names it). False otherwise' },
    keyRetiredAt: nullable('string', { format: 'date-time', description: 'The registry\'s own badge signed with a key it has since retired (verdict key-retired, or an older version so signed): when that key was retired. It is no longer in did.json or jwks.json. Null otherwise' }),
    comparison: {
      type: 'object',
      properties: { basis: { enum: ['record', 'none'] }, reason: { enum: ['other-issuer', 'unknown-credential', null] }, rows: { type: 'array', items: comparisonRow }, differences: { type: 'integer' } },
      required: ['basis', 'reason', 'rows', 'differences'],
    },
    links: {
      type: 'object',
      properties: { page: nullable('string'), dataIntegrity: nullable('string'), jwt: nullable('string'), didDocument: nullable('string', { description: 'This registry DID document; null when the credential names another issuer, whose own published keys are the ones to check it against' }), jwks: nullable('string', { description: 'This registry JWK Set; null for another issuer, as didDocument' }), statusLists: { type: 'array', items: { type: 'string' }, description: 'The status lists of this registry that the credential names; none for another issuer' } },
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          title: { type: 'string', description: 'English' },
          detail: { type: 'string', description: 'English' },
          messages: { ...label, description: 'The problem in Japanese (ja) and English (en: title and detail) / 日本語と英語の説明' },
        },
        required: ['title', 'detail', 'messages'],
      },
    },
  },
  required: ['verdict', 'verdictLabel', 'explanation', 'valid', 'asOf', 'credentialId', 'format', 'kind', 'title', 'organization', 'declaration', 'award', 'validFrom', 'validUntil', 'issuer', 'statusChange', 'currentVersion', 'renewalUnderReview', 'keyRetiredAt', 'comparison', 'links', 'problems'],
};

export const VERIFICATION_UNKNOWN_SCHEMA = {
  type: 'object',
  description: 'An id the registry does not hold: the badge may be fake.',
  properties: { verdict: { const: 'unknown' }, verdictLabel: label, explanation: label, valid: { const: false }, asOf: { type: 'string', format: 'date-time' }, credentialId: { type: 'string' } },
  required: ['verdict', 'verdictLabel', 'explanation', 'valid', 'asOf', 'credentialId'],
};
