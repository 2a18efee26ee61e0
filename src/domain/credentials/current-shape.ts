/**
 * A credential of the first shape (the deployment's own context) rebuilt in the current one, for
 * re-issuance after a key rotation: the same claims, read by readCredentialClaims, said by the
 * current builder, so a re-issued badge verifies with the standard contexts alone too. Anything
 * that is not a complete first-shape declaration or award credential of this registry is left
 * to be re-signed as it is (null).
 */
import { readCredentialClaims } from './claims.js';
import {
  buildAwardCredential, buildDeclarationCredential, registryContextUrl, type CredentialCommonInput, type GuidelineArea,
  type UnsignedCredential,
} from './open-badge.js';

type Json = Record<string, unknown>;

export function rebuildInCurrentShape(
  content: Json,
  common: Omit<CredentialCommonInput, 'organization' | 'validFrom' | 'validUntil'>,
): UnsignedCredential | null {
  const context = content['@context'];
  if (!Array.isArray(context) || !context.includes(registryContextUrl(common.baseUrl))) return null;
  const claims = readCredentialClaims(content);
  const org = claims.organization;
  if (!org?.id || !org.kind || !org.prefectureCode || typeof content.validFrom !== 'string') return null;
  const input: CredentialCommonInput = {
    ...common,
    organization: {
      id: org.id,
      name: org.name,
      ...(org.nameEn ? { nameEn: org.nameEn } : {}),
      kind: org.kind,
      ...(org.corporateNumber ? { corporateNumber: org.corporateNumber } : {}),
      ...(org.localGovernmentCode ? { localGovernmentCode: org.localGovernmentCode } : {}),
      prefectureCode: org.prefectureCode,
    },
    validFrom: content.validFrom,
    ...(typeof content.validUntil === 'string' ? { validUntil: content.validUntil } : {}),
  };
  const d = claims.declaration;
  if (d) {
    if (!d.declarationId || d.version === null || !d.committedOn) return null;
    return buildDeclarationCredential({
      ...input,
      declaration: {
        declarationId: d.declarationId,
        version: d.version,
        committedOn: d.committedOn,
        guidelineAreas: d.guidelineAreas as GuidelineArea[],
        ...(d.policy ? { policy: d.policy } : {}),
      },
    });
  }
  const a = claims.award;
  if (a) {
    if (!a.awardId || !a.categoryCode || !a.category.ja) return null;
    return buildAwardCredential({
      ...input,
      award: {
        awardId: a.awardId,
        fiscalYear: a.fiscalYear,
        categoryCode: a.categoryCode,
        categoryNameJa: a.category.ja,
        categoryNameEn: a.category.en,
        ...(a.division ? { division: a.division.ja, divisionEn: a.division.en } : {}),
        ...(a.overview ? { overview: a.overview } : {}),
        ...(a.awardedOn ? { awardedOn: a.awardedOn } : {}),
      },
    });
  }
  return null;
}
