import { AWARD_STATUS_LABELS } from './awards/labels.js';
import { GUIDELINE_AREAS, INDUSTRIES, PREFECTURES, purposeLabel } from './codes.js';
import { STATUS_LABELS, publicStateOf } from './declaration-lifecycle.js';
import { publicContent } from './declaration-rules.js';
import { formatFiscalYearEn, formatFiscalYearJa } from './fiscal-year.js';
import type { AwardCode } from './model.js';
import { japanDate } from './japan-calendar.js';
import type { OpenAwardSource, OpenDeclarationSource, PublicOrganizationFields } from '../ports/open-data.js';

/**
 * Field by field, in PublicOrganizationFields' order (the JSON files' key order), rather than
 * spread: a spread copied each row's organization by its keys, ~4 % of a file's CPU.
 */
function openOrganization(o: PublicOrganizationFields) {
  return {
    id: o.id,
    kind: o.kind,
    corporateNumber: o.corporateNumber,
    localGovernmentCode: o.localGovernmentCode,
    name: o.name,
    nameKana: o.nameKana,
    nameEn: o.nameEn,
    prefectureCode: o.prefectureCode,
    city: o.city,
    industryCode: o.industryCode,
    website: o.website,
    prefecture: PREFECTURES[o.prefectureCode]?.ja ?? null,
    industry: o.industryCode ? INDUSTRIES[o.industryCode] ?? null : null,
  };
}

const credentialLinks = (baseUrl: string, credentialId: string | null) => ({
  credentialId: credentialId ? `${baseUrl}/credentials/${credentialId}` : null,
  verificationUrl: credentialId ? `${baseUrl}/v/${credentialId}` : null,
});

/**
 * A declaration as open data: only the content fields the organization consented to publish
 * (per-field consent, as くるみん lists only consenting companies), never its contact.
 */
export function openDeclaration({ declaration: d, organization, credentialId }: OpenDeclarationSource, { baseUrl }: { baseUrl: string }) {
  const content = publicContent(d.content);
  // A renewal after expiry, before publication, is the expired period the public saw (publicStateOf).
  const { status, renewalUnderReview } = publicStateOf(d) ?? { status: d.status, renewalUnderReview: false };
  return {
    id: d.id,
    organization: openOrganization(organization),
    status,
    statusLabel: STATUS_LABELS[status],
    /** 更新を審査中: expired, and the organization's renewal is under review. */
    renewalUnderReview,
    publishedOn: japanDate(d.publishedAt),
    validUntil: d.validUntil,
    content,
    guidelineAreaLabels: (content.guidelineAreas ?? []).map((area) => GUIDELINE_AREAS[area]?.ja ?? area),
    purposeLabels: (content.purposes ?? []).map((purpose) => purposeLabel(purpose, 'ja')),
    ...credentialLinks(baseUrl, credentialId),
    updatedAt: d.updatedAt,
  };
}
export type OpenDeclaration = ReturnType<typeof openDeclaration>;

/** An award as open data; the overview and message are published by the nature of an award (概要・メッセージ). */
export function openAward(
  { award: a, organization, partnerMunicipalityName, credentialId }: OpenAwardSource,
  { baseUrl, categories, divisions }: { baseUrl: string; categories: AwardCode[]; divisions: AwardCode[] },
) {
  const name = (codes: AwardCode[], code: string | null) => {
    const found = code ? codes.find((c) => c.code === code) : undefined;
    return found ? { ja: found.nameJa, en: found.nameEn } : null;
  };
  return {
    id: a.id,
    organization: openOrganization(organization),
    fiscalYear: a.fiscalYear,
    fiscalYearLabel: { ja: formatFiscalYearJa(a.fiscalYear), en: formatFiscalYearEn(a.fiscalYear) },
    category: a.categoryCode,
    categoryName: name(categories, a.categoryCode),
    division: a.divisionCode,
    divisionName: name(divisions, a.divisionCode),
    partnerMunicipalityName,
    overview: a.overview,
    message: a.message,
    awardedOn: a.awardedOn,
    status: a.status,
    statusLabel: AWARD_STATUS_LABELS[a.status],
    ...credentialLinks(baseUrl, credentialId),
    updatedAt: a.updatedAt,
  };
}
export type OpenAward = ReturnType<typeof openAward>;
