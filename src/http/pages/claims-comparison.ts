// What a submitted credential claims, row by row, beside what the registry records now for that
// credential: its organization, what was declared or awarded, and its validity. A genuine badge
// can differ (the company renamed after issuance); a forged or altered one differs where it was
// changed. Either way the person sees which rows, in words. Only what the registry publishes
// anyway is shown from its record (public organizations, the declaration fields consented to).
import { GUIDELINE_AREAS, PREFECTURES } from '../../domain/codes.js';
import { readCredentialClaims, type CredentialClaims } from '../../domain/credentials/claims.js';
import type { Declaration, Organization } from '../../domain/model.js';
import type { StoredCredential } from '../../ports/credential-store.js';
import type { VerificationOutcome } from '../../ports/credentials.js';
import type { Registry } from '../../registry.js';
import { formatDate, formatFiscalYear } from './format.js';
import { CREDENTIAL_ID_PATTERN } from './http-helpers.js';
import type { Bilingual } from './i18n.js';

export interface ComparisonRow {
  /** Stable name for API readers, e.g. "organization.name", "validUntil". */
  field: string;
  label: Bilingual;
  /** What the credential says; null when it says nothing. */
  claimed: Bilingual | null;
  /** What the registry records now; null when it records nothing. */
  recorded: Bilingual | null;
  same: boolean;
  /** Long text (a policy, an overview): listed only when it differs. */
  prose?: true;
}

export interface ClaimsComparison {
  /** "record": compared with the registry's record of this credential; "none": nothing to compare with. */
  basis: 'record' | 'none';
  /** Why there is nothing to compare: another (trusted) issuer's credential, or an id the registry does not hold. */
  reason: 'other-issuer' | 'unknown-credential' | null;
  rows: ComparisonRow[];
  /** How many rows differ. */
  differences: number;
}

type Json = Record<string, unknown>;
type Value = { key: string; text: Bilingual } | null;

const same = (text: string): Bilingual => ({ ja: text, en: text });
const plain = (value: string | null | undefined): Value => (value ? { key: value, text: same(value) } : null);
const day = (value: string | null | undefined): Value => (value ? { key: value.slice(0, 10), text: { ja: formatDate(value, 'ja'), en: formatDate(value, 'en') } } : null);
/** An instant compared as an instant ("2025-04-01T00:00:00+09:00" = "2025-03-31T15:00:00Z"). */
const instant = (value: string | null | undefined): Value => {
  if (!value) return null;
  const time = Date.parse(value);
  return { key: Number.isNaN(time) ? value : String(time), text: { ja: formatDate(value, 'ja'), en: formatDate(value, 'en') } };
};
const AREA_ORDER = Object.keys(GUIDELINE_AREAS);
const NO_END: Bilingual = { ja: '定めなし', en: 'No end date' };
const KIND_LABELS: Record<'declaration' | 'award' | 'other', Bilingual> = {
  declaration: { ja: '地方創生テレワーク 自己宣言', en: 'Telework self-declaration' },
  award: { ja: '地方創生テレワーク表彰', en: 'Telework award' },
  other: { ja: 'その他のクレデンシャル', en: 'Another credential' },
};

function row(field: string, label: Bilingual, claimed: Value, recorded: Value, options: { prose?: true } = {}): ComparisonRow {
  return { field, label, claimed: claimed?.text ?? null, recorded: recorded?.text ?? null, same: (claimed?.key ?? null) === (recorded?.key ?? null), ...options };
}

const NOTHING: ClaimsComparison = { basis: 'none', reason: 'unknown-credential', rows: [], differences: 0 };

/**
 * The comparison for a verification outcome. `record` is the registry's credential when the
 * verification named it; otherwise the credential's own id is looked up, so a credential re-signed
 * by someone else under a registry id is still compared with what that id really is.
 */
export async function compareClaimsWithRecord(registry: Registry, outcome: VerificationOutcome, record: StoredCredential | null): Promise<ClaimsComparison> {
  const credential: Json = outcome.credential ?? {};
  // Another issuer the registry trusts: its credentials are its own, the registry holds nothing of them.
  if (!outcome.issuedByRegistry && outcome.checks.includes('issuer')) return { ...NOTHING, reason: 'other-issuer' };
  if (!record) {
    const id = typeof credential.id === 'string' ? registry.credentials.credentialIdOf(credential.id) : null;
    record = id && CREDENTIAL_ID_PATTERN.test(id) ? await registry.credentials.get(id) : null;
  }
  if (!record) return NOTHING;
  const { repos } = registry.deps;
  const claims = readCredentialClaims(credential);
  const organization = record.organizationId ? await repos.organizations.get(record.organizationId) : null;
  const rows: ComparisonRow[] = [
    // An organization the public portal does not list has no public record to show.
    ...(organization?.listed ? organizationRows(claims.organization, organization) : []),
    ...(await subjectRows(registry, claims, record)),
    row('validFrom', { ja: '有効期間の開始', en: 'Valid from' }, instant(typeof credential.validFrom === 'string' ? credential.validFrom : null), instant(record.validFrom)),
    validUntilRow(typeof credential.validUntil === 'string' ? credential.validUntil : null, record.validUntil),
  ];
  return { basis: 'record', reason: null, rows, differences: rows.filter((r) => !r.same).length };
}

function organizationRows(claimed: CredentialClaims['organization'], recorded: Organization): ComparisonRow[] {
  const prefecture = (code: string | null | undefined): Value => (code ? { key: code, text: PREFECTURES[code] ?? same(code) } : null);
  const rows = [row('organization.name', { ja: '団体名', en: 'Organization name' }, plain(claimed?.name), plain(recorded.name))];
  if (claimed?.nameEn || recorded.nameEn) rows.push(row('organization.nameEn', { ja: '英語名称', en: 'Name in English' }, plain(claimed?.nameEn), plain(recorded.nameEn)));
  if (claimed?.corporateNumber || recorded.corporateNumber) {
    rows.push(row('organization.corporateNumber', { ja: '法人番号', en: 'Corporate number' }, plain(claimed?.corporateNumber), plain(recorded.corporateNumber)));
  }
  if (claimed?.localGovernmentCode || recorded.localGovernmentCode) {
    rows.push(row('organization.localGovernmentCode', { ja: '地方公共団体コード', en: 'Local government code' }, plain(claimed?.localGovernmentCode), plain(recorded.localGovernmentCode)));
  }
  rows.push(row('organization.prefecture', { ja: '都道府県', en: 'Prefecture' }, prefecture(claimed?.prefectureCode), prefecture(recorded.prefectureCode)));
  return rows;
}

/** What was declared or awarded: the kind, then its facts when both sides speak of the same kind. */
async function subjectRows(registry: Registry, claims: CredentialClaims, record: StoredCredential): Promise<ComparisonRow[]> {
  const { repos } = registry.deps;
  const recordedKind = record.subjectType === 'manual' ? 'other' : record.subjectType;
  const kindValue = (kind: 'declaration' | 'award' | 'other'): Value => ({ key: kind, text: KIND_LABELS[kind] });
  const rows = [row('kind', { ja: '内容の種類', en: 'Kind' }, kindValue(claims.kind), kindValue(recordedKind))];
  if (claims.kind !== recordedKind) return rows;
  if (record.subjectType === 'declaration' && claims.declaration) {
    // As the public sees it (publicView): its last published version, never one that was not published.
    const stored = await repos.declarations.get(record.subjectId);
    const shown = stored && (await registry.declarations.publicView(stored));
    if (shown) rows.push(...declarationRows(claims.declaration, shown.declaration));
  }
  if (record.subjectType === 'award' && claims.award) {
    const award = await repos.awards.get(record.subjectId);
    if (award) {
      const [categories, divisions] = await Promise.all([repos.awards.categories(), repos.awards.divisions()]);
      const category = categories.find((c) => c.code === award.categoryCode);
      const division = award.divisionCode ? divisions.find((d) => d.code === award.divisionCode) : undefined;
      const claimed = claims.award;
      const year = (fiscalYear: number): Value => ({ key: String(fiscalYear), text: { ja: formatFiscalYear(fiscalYear, 'ja'), en: formatFiscalYear(fiscalYear, 'en') } });
      rows.push(row('award.fiscalYear', { ja: '年度', en: 'Fiscal year' }, year(claimed.fiscalYear), year(award.fiscalYear)));
      rows.push(
        row(
          'award.category',
          { ja: '賞', en: 'Category' },
          // The code when the credential names it (every credential the registry issued does), else the name.
          { key: claimed.categoryCode ?? claimed.category.ja, text: claimed.category },
          { key: claimed.categoryCode ? award.categoryCode : category?.nameJa ?? award.categoryCode, text: category ? { ja: category.nameJa, en: category.nameEn } : same(award.categoryCode) },
        ),
      );
      if (claimed.division || division) {
        rows.push(
          row(
            'award.division',
            { ja: '部門', en: 'Division' },
            claimed.division ? { key: claimed.division.ja, text: claimed.division } : null,
            division ? { key: division.nameJa, text: { ja: division.nameJa, en: division.nameEn } } : null,
          ),
        );
      }
      rows.push(row('award.awardedOn', { ja: '表彰日', en: 'Awarded on' }, day(claimed.awardedOn), day(award.awardedOn)));
      const overview = row('award.overview', { ja: '取組の概要', en: 'Overview' }, plain(claimed.overview), plain(award.overview), { prose: true });
      if (!overview.same) rows.push(overview);
    }
  }
  return rows;
}

function declarationRows(claimed: NonNullable<CredentialClaims['declaration']>, declaration: Declaration): ComparisonRow[] {
  // What the registry puts in a credential today (src/domain/services/credentials.ts): areas and policy only with consent.
  const consented = new Set(declaration.content.publicFields);
  const areas = (codes: string[]): Value => {
    // In the guidelines' own order, whatever order the credential lists them in.
    const sorted = [...codes].sort((a, b) => AREA_ORDER.indexOf(a) - AREA_ORDER.indexOf(b) || a.localeCompare(b));
    const label = (lang: 'ja' | 'en') => sorted.map((code) => GUIDELINE_AREAS[code]?.[lang] ?? code).join(lang === 'ja' ? '、' : ', ');
    return sorted.length ? { key: sorted.join(','), text: { ja: label('ja'), en: label('en') } } : null;
  };
  const version = (n: number | null): Value => (n ? { key: String(n), text: { ja: `第${n}版`, en: `Version ${n}` } } : null);
  const rows = [
    row('declaration.version', { ja: '宣言の版', en: 'Declaration version' }, version(claimed.version), version(declaration.currentVersion)),
    row('declaration.committedOn', { ja: '宣言日', en: 'Committed on' }, day(claimed.committedOn), day(declaration.content.committedOn)),
    row('declaration.guidelineAreas', { ja: 'ガイドラインの対象分野', en: 'Guideline areas' }, areas(claimed.guidelineAreas), areas(consented.has('guidelineAreas') ? declaration.content.guidelineAreas : [])),
  ];
  const policy = row('declaration.policy', { ja: '取組方針', en: 'Policy' }, plain(claimed.policy), plain(consented.has('policy') ? declaration.content.policy : null), { prose: true });
  if (!policy.same) rows.push(policy);
  return rows;
}

function validUntilRow(claimed: string | null, recorded: string | null): ComparisonRow {
  const until = (value: string | null): Value => instant(value) ?? { key: 'none', text: NO_END };
  return row('validUntil', { ja: '有効期間の終了', en: 'Valid until' }, until(claimed), until(recorded));
}
