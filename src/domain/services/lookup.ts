import { lapsedAt, publicStateAt, publicStateOf } from '../declaration-lifecycle.js';
import { invalid, notFound } from '../errors.js';
import { isValidCorporateNumber, normalizeDigits } from '../identifiers.js';
import { japanDate, japanDayBounds, japanDayEnd } from '../japan-calendar.js';
import type { Award, Organization } from '../model.js';
import type { AwardRecordAt, CredentialSummary, DeclarationSummary, LookupReader } from '../../ports/partners.js';
import { byRecordId, type DeclarationHistory } from './declaration-history.js';
import type { Clock } from './context.js';

export const MAX_LOOKUP_ITEMS = 1000;
const LIVE = ['published', 'suspended'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the registry publicly knows about one organization right now. */
export interface LookupMatch {
  organization: Organization;
  /** As the public sees it: a renewal after expiry still under review reads as expired, with renewalUnderReview. */
  currentDeclaration: (DeclarationSummary & { renewalUnderReview: boolean }) | null;
  awards: Award[];
  credentials: CredentialSummary[];
  /** With a day asked for (`on`): the declaration as the public read it at the end of that day, or null. */
  declarationOn?: (DeclarationSummary & { renewalUnderReview: boolean }) | null;
  /** With a day asked for (`on`): the awards it held at the end of that day (awardAt), each with its status then. */
  awardsOn?: Award[];
}

/**
 * An award as it stood at `at`: awarded by then (its awardedOn, a day in Japan, on or before
 * that day), with the status the registry's changes had given it by then (as first recorded, when
 * it was recorded later, as past years' awards are); null before it was awarded, or revoked by then.
 */
function awardAt(award: Award, records: readonly AwardRecordAt[], at: Date): Award | null {
  const iso = at.toISOString();
  if (award.awardedOn > (japanDate(iso) ?? '')) return null;
  const byThen = records.filter((r) => r.at <= iso);
  const status = (byThen[byThen.length - 1] ?? records[0])?.status ?? award.status;
  return status === 'revoked' ? null : { ...award, status };
}

/**
 * A day in Japan asked for as `on` (YYYY-MM-DD), as the instant it is read at: the end of that
 * day (23:59:59.999 JST), or now when it is today. 400 naming `field` when it is no real date or
 * a day still to come.
 */
function lookupDay(on: string, now: Date, field: string): Date {
  const at = lookupDayAt(on, now);
  if (at === 'not-a-date') throw invalid([{ field, ja: 'on（基準日）は実在する日付（YYYY-MM-DD、例: 2026-04-01）です。', en: 'on (the day asked for) must be a real date (YYYY-MM-DD, e.g. 2026-04-01).' }]);
  if (at === 'to-come') {
    const today = japanDate(now.toISOString());
    throw invalid([{ field, ja: `on（基準日）は今日（${today}）までの日付です。`, en: `on (the day asked for) must be a day up to today (${today}).` }]);
  }
  return at;
}

/** lookupDay's instant, or why there is none (for a form's own wording). */
export function lookupDayAt(on: string, now: Date): Date | 'not-a-date' | 'to-come' {
  const bounds = japanDayBounds(on);
  if (!bounds) return 'not-a-date';
  if (Date.parse(bounds.start) > now.getTime()) return 'to-come';
  return new Date(Math.min(japanDayEnd(on).getTime(), now.getTime()));
}

export interface LookupItemError {
  code: 'invalid-corporate-number' | 'invalid-credential-id' | 'not-found';
  ja: string;
  en: string;
}

export type LookupResult =
  | ({ input: string; inputType: 'corporateNumber' | 'credentialId'; ok: true; matchedCredential?: CredentialSummary } & LookupMatch)
  | { input: string; inputType: 'corporateNumber' | 'credentialId'; ok: false; error: LookupItemError };

const ERRORS: Record<LookupItemError['code'], Omit<LookupItemError, 'code'>> = {
  'invalid-corporate-number': { ja: '法人番号の形式またはチェックディジットが正しくありません。', en: 'Not a valid 13-digit corporate number (check digit mismatch or wrong length).' },
  'invalid-credential-id': { ja: 'クレデンシャル ID の形式が正しくありません。', en: 'Not a credential id of this registry (expected …/credentials/{uuid} or a UUID).' },
  'not-found': { ja: '公表されている登録がありません。', en: 'No published registration matches.' },
};
const failure = (code: LookupItemError['code']) => ({ ok: false as const, error: { code, ...ERRORS[code] } });

/** Lookups by 法人番号 or credential id, single and in bulk, from a few batched queries. */
export function createLookupService({ reader, history, baseUrl, clock }: { reader: LookupReader; history: Pick<DeclarationHistory, 'recordsOf'>; baseUrl: string; clock: Clock }) {
  const credentialPrefix = `${baseUrl}/credentials/`;
  const credentialUuid = (input: string) => {
    const raw = input.trim();
    const id = raw.startsWith(credentialPrefix) ? raw.slice(credentialPrefix.length) : raw.startsWith('urn:uuid:') ? raw.slice(9) : raw;
    return UUID.test(id) ? id.toLowerCase() : null;
  };

  /**
   * Listed organizations only: an organization is public once it had a published declaration or
   * award. A lookup names one organization, so it answers its current state honestly, a revoked or
   * withdrawn declaration included: that is what a verifier needs. (The list of 公表中
   * organizations is narrower: a published declaration or an award that is not revoked, now.)
   */
  async function matchesFor(organizations: Organization[], on?: Date): Promise<{ matches: Map<string, LookupMatch>; asAnswered: (c: CredentialSummary) => CredentialSummary }> {
    const listed = organizations.filter((o) => o.listed);
    const ids = listed.map((o) => o.id);
    const [declarations, awards, credentials] = await Promise.all([reader.declarationsOf(ids), reader.awardsOf(ids), reader.credentialsOf(ids)]);
    // A renewal after expiry is back in review, but the period the public saw stays public (as expired).
    // As of now: one whose validity ended reads as expired before the sweep has run, as /v reads it (lapsedAt).
    const now = clock.now();
    const publicDeclarations = new Map(declarations.flatMap((d) => {
      const state = publicStateOf(d, now);
      return state ? [[d.id, { ...d, ...state }] as const] : [];
    }));
    // Withdrawal by the organization and revocation by the secretariat both set the revocation bit;
    // only the second is a sanction, and the answer says which, as /v does (credentials/withdrawal.ts).
    const withdrawn = new Set(declarations.filter((d) => d.status === 'withdrawn').map((d) => d.id));
    // Its badge likewise: the sweep would mark it expired (its status bits stay as they were).
    const lapsed = new Set(declarations.filter((d) => lapsedAt(d, now)).map((d) => d.id));
    const asAnswered = (c: CredentialSummary): CredentialSummary =>
      c.status === 'revoked' && c.subjectType === 'declaration' && withdrawn.has(c.subjectId)
        ? { ...c, status: 'withdrawn' }
        : (c.status === 'active' || c.status === 'suspended') && c.subjectType === 'declaration' && lapsed.has(c.subjectId)
          ? { ...c, status: 'expired' }
          : c;
    const matches = new Map<string, LookupMatch>();
    for (const organization of listed) matches.set(organization.id, { organization, currentDeclaration: null, awards: [], credentials: [] });
    for (const d of publicDeclarations.values()) {
      const match = matches.get(d.organizationId);
      if (!match) continue;
      match.currentDeclaration = preferred(match.currentDeclaration, d);
    }
    if (on) {
      for (const match of matches.values()) Object.assign(match, { declarationOn: null, awardsOn: [] });
      for (const d of await declarationsOn(declarations.map((d) => d.id), on)) {
        const match = matches.get(d.organizationId);
        if (match) match.declarationOn = preferred(match.declarationOn ?? null, d);
      }
      const awardRecords = byRecordId(await reader.awardRecordsOf(awards.map((a) => a.id)));
      for (const a of awards) {
        const then = awardAt(a, awardRecords.get(a.id) ?? [], on);
        if (then) matches.get(a.organizationId)?.awardsOn?.push(then);
      }
    }
    for (const a of awards) if (a.status !== 'revoked') matches.get(a.organizationId)?.awards.push(a);
    for (const c of credentials) {
      if (c.subjectType === 'declaration' && !publicDeclarations.has(c.subjectId)) continue;
      if (c.organizationId) matches.get(c.organizationId)?.credentials.push(asAnswered(c));
    }
    return { matches, asAnswered };
  }

  /** Each declaration as the public read it at `on` (publicStateAt), those it had seen by then. */
  async function declarationsOn(ids: string[], on: Date) {
    const histories = await history.recordsOf(ids);
    return [...histories.values()].flatMap((history) => {
      const state = publicStateAt(history, on);
      return state ? [{ ...state, updatedAt: state.at }] : [];
    });
  }

  return {
    /** One organization by 法人番号 (full-width digits and hyphens accepted); 400 when malformed, 404 when not public. */
    async byCorporateNumber(raw: string, on?: string): Promise<{ asOf: string; match: LookupMatch }> {
      const number = normalizeDigits(raw);
      if (!isValidCorporateNumber(number)) {
        throw invalid([{ field: 'corporateNumber', ...ERRORS['invalid-corporate-number'] }]);
      }
      const now = clock.now();
      const day = on === undefined ? undefined : lookupDay(on, now, 'on');
      const [organization] = await reader.organizationsByCorporateNumber([number]);
      const match = organization && (await matchesFor([organization], day)).matches.get(organization.id);
      if (!match) throw notFound({ ja: '法人番号に該当する公表中の団体', en: 'Published organization with this corporate number' });
      return { asOf: now.toISOString(), match };
    },

    /** Up to 1,000 items; a malformed or unknown item is an error for that item only. */
    async bulk(input: { corporateNumbers?: string[]; credentialIds?: string[]; on?: string }) {
      const { corporateNumbers = [], credentialIds = [] } = input;
      // Both lists are named: the fix may be in either.
      const bothLists = (ja: string, en: string) => invalid(['/corporateNumbers', '/credentialIds'].map((field) => ({ field, ja, en })));
      if (input.corporateNumbers === undefined && input.credentialIds === undefined) {
        throw bothLists('corporateNumbers（法人番号）か credentialIds（クレデンシャルID）の少なくとも一方を指定してください。', 'Send corporateNumbers (法人番号) or credentialIds, or both.');
      }
      const total = corporateNumbers.length + credentialIds.length;
      if (total > MAX_LOOKUP_ITEMS) {
        throw bothLists(
          `corporateNumbers と credentialIds は合わせて ${MAX_LOOKUP_ITEMS} 件までです（今は${total}件）。分けて照会してください。`,
          `corporateNumbers and credentialIds hold at most ${MAX_LOOKUP_ITEMS} items together (now ${total}); split the request.`,
        );
      }
      const now = clock.now();
      const day = input.on === undefined ? undefined : lookupDay(input.on, now, '/on');
      const numbers = corporateNumbers.map((input) => ({ input, number: normalizeDigits(input) }));
      const validNumbers = [...new Set(numbers.map((n) => n.number).filter(isValidCorporateNumber))];
      const uuids = credentialIds.map((input) => ({ input, id: credentialUuid(input) }));
      const credentials = await reader.credentialsByIds([...new Set(uuids.flatMap((u) => (u.id ? [u.id] : [])))]);
      const credentialById = new Map(credentials.map((c) => [c.id, c]));
      const byNumber = await reader.organizationsByCorporateNumber(validNumbers);
      const credentialOrgIds = credentials.flatMap((c) => (c.organizationId ? [c.organizationId] : []));
      const known = new Set(byNumber.map((o) => o.id));
      const extra = await reader.organizationsByIds([...new Set(credentialOrgIds)].filter((id) => !known.has(id)));
      const { matches, asAnswered } = await matchesFor([...byNumber, ...extra], day);
      const orgByNumber = new Map(byNumber.map((o) => [o.corporateNumber, o.id]));

      const results: LookupResult[] = [
        ...numbers.map(({ input, number }): LookupResult => {
          const base = { input, inputType: 'corporateNumber' as const };
          if (!isValidCorporateNumber(number)) return { ...base, ...failure('invalid-corporate-number') };
          const match = matches.get(orgByNumber.get(number) ?? '');
          return match ? { ...base, ok: true, ...match } : { ...base, ...failure('not-found') };
        }),
        ...uuids.map(({ input, id }): LookupResult => {
          const base = { input, inputType: 'credentialId' as const };
          if (!id) return { ...base, ...failure('invalid-credential-id') };
          const credential = credentialById.get(id);
          const match = credential?.organizationId ? matches.get(credential.organizationId) : undefined;
          // Superseded credentials (older versions of an amended declaration) still resolve, with their status.
          if (!credential || !match) return { ...base, ...failure('not-found') };
          return { ...base, ok: true, matchedCredential: asAnswered(credential), ...match };
        }),
      ];
      return { asOf: now.toISOString(), results };
    },
  };
}

/** The live declaration (published or suspended) wins; otherwise the most recently changed. */
function preferred<T extends DeclarationSummary>(current: T | null, candidate: T): T {
  if (!current) return candidate;
  const live = (d: DeclarationSummary) => LIVE.includes(d.status);
  if (live(candidate) !== live(current)) return live(candidate) ? candidate : current;
  return candidate.updatedAt > current.updatedAt ? candidate : current;
}

export type LookupService = ReturnType<typeof createLookupService>;
