import { GUIDELINE_AREAS, INDUSTRIES, PREFECTURES } from '../domain/codes.js';
import { STATUS_LABELS } from '../domain/declaration-lifecycle.js';
import { publicContent } from '../domain/declaration-rules.js';
import { formatFiscalYearEn, formatFiscalYearJa } from '../domain/fiscal-year.js';
import type { Award, AwardCode, Declaration, Organization } from '../domain/model.js';

/** A credential reference as listed on declarations and awards (api-contract). */
export interface CredentialRef {
  id: string;
  verificationUrl: string;
  [more: string]: unknown;
}

/** JSON for an organization; `full` adds the private contact (owner and secretariat only). */
export function presentOrganization(o: Organization, { full }: { full: boolean }) {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    nameKana: o.nameKana,
    nameEn: o.nameEn,
    corporateNumber: o.corporateNumber,
    localGovernmentCode: o.localGovernmentCode,
    prefectureCode: o.prefectureCode,
    prefecture: PREFECTURES[o.prefectureCode]?.ja ?? null,
    city: o.city,
    industryCode: o.industryCode,
    industry: o.industryCode ? INDUSTRIES[o.industryCode] ?? null : null,
    sizeBand: o.sizeBand,
    website: o.website,
    // The row version counts edits of the contact too: only those who may send If-Match see it.
    ...(full ? { contact: o.contact, listed: o.listed, version: o.rowVersion } : {}),
    createdAt: o.createdAt,
    // The public's is when it last saw a public field change (organizationPublicUpdatedAtOf), never a contact edit's time.
    updatedAt: full ? o.updatedAt : o.publicUpdatedAt,
  };
}

/**
 * JSON for a declaration; the public sees only the fields the organization consented to publish,
 * of the declaration as the public sees it (publicView: its last published version).
 * `renewalUnderReview`: expired, and the organization's renewal is under review (publicStateOf).
 */
export function presentDeclaration(d: Declaration, { full, credentials = [], renewalUnderReview = false }: { full: boolean; credentials?: CredentialRef[]; renewalUnderReview?: boolean }) {
  return {
    id: d.id,
    organizationId: d.organizationId,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    renewalUnderReview,
    version: d.currentVersion,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    publishedAt: d.publishedAt,
    statusReason: d.statusReason,
    ...(full ? { statusNote: d.statusNote, submittedAt: d.submittedAt, rowVersion: d.rowVersion } : {}),
    content: full ? d.content : publicContent(d.content),
    guidelineAreaLabels: (full || d.content.publicFields.includes('guidelineAreas') ? d.content.guidelineAreas : []).map((a) => GUIDELINE_AREAS[a]),
    credentials,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function presentAward(
  a: Award,
  { categories, organization, credentials = [], full = false }: { categories: AwardCode[]; organization?: Organization | null; credentials?: CredentialRef[]; full?: boolean },
) {
  const category = categories.find((c) => c.code === a.categoryCode);
  return {
    id: a.id,
    organizationId: a.organizationId,
    ...(organization ? { organizationName: organization.name } : {}),
    fiscalYear: a.fiscalYear,
    fiscalYearLabel: { ja: formatFiscalYearJa(a.fiscalYear), en: formatFiscalYearEn(a.fiscalYear) },
    category: a.categoryCode,
    categoryName: category ? { ja: category.nameJa, en: category.nameEn } : null,
    division: a.divisionCode,
    partnerMunicipalityId: a.partnerMunicipalityId,
    overview: a.overview,
    message: a.message,
    awardedOn: a.awardedOn,
    status: a.status,
    statusReason: a.statusReason,
    // The secretariat's note is for the organization and the secretariat, as a declaration's is.
    ...(full ? { statusNote: a.statusNote } : {}),
    credentials,
    createdAt: a.createdAt,
  };
}
