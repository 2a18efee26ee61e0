import type { LookupMatch, LookupResult } from '../domain/services/lookup.js';
import type { Award } from '../domain/model.js';
import type { CredentialSummary } from '../ports/partners.js';
import { presentOrganization } from './present.js';

/** Public JSON of a lookup match: organization, current declaration, awards, credentials. */
export function presentLookupMatch(match: LookupMatch, baseUrl: string) {
  return {
    organization: presentOrganization(match.organization, { full: false }),
    currentDeclaration: presentDeclarationState(match.currentDeclaration),
    ...(match.declarationOn === undefined ? {} : { declarationOn: presentDeclarationState(match.declarationOn) }),
    awards: match.awards.map(presentAwardRef),
    ...(match.awardsOn === undefined ? {} : { awardsOn: match.awardsOn.map(presentAwardRef) }),
    credentials: match.credentials.map((c) => presentCredentialRef(c, baseUrl)),
  };
}

const presentAwardRef = (a: Award) => ({ id: a.id, fiscalYear: a.fiscalYear, category: a.categoryCode, division: a.divisionCode, status: a.status, awardedOn: a.awardedOn });

const presentDeclarationState = (d: LookupMatch['currentDeclaration']) =>
  d && { id: d.id, status: d.status, validFrom: d.validFrom, validUntil: d.validUntil, renewalUnderReview: d.renewalUnderReview };

export const presentCredentialRef = (c: CredentialSummary, baseUrl: string) => ({
  id: `${baseUrl}/credentials/${c.id}`,
  verificationUrl: `${baseUrl}/v/${c.id}`,
  status: c.status,
  type: c.subjectType,
  subjectId: c.subjectId,
  issuedAt: c.issuedAt,
});

export function presentLookupResult(result: LookupResult, baseUrl: string) {
  const { input, inputType } = result;
  if (!result.ok) return { input, inputType, ok: false as const, error: result.error };
  return {
    input,
    inputType,
    ok: true as const,
    ...(result.matchedCredential ? { matchedCredential: presentCredentialRef(result.matchedCredential, baseUrl) } : {}),
    ...presentLookupMatch(result, baseUrl),
  };
}
