import { isAdmin } from '../actor.js';
import { concurrentChange, conflict, DomainError, forbidden, invalid, notFound, requireVersion, unprocessable, type FieldProblem, type VersionCondition } from '../errors.js';
import { FIRST_DECLARATION_DATE, isRealDate } from '../declaration-rules.js';
import { unreadableText } from '../readable-text.js';
import { fiscalYearOf, formatFiscalYearEn, formatFiscalYearJa, japanFiscalYearOf } from '../fiscal-year.js';
import { japanDate, japanMidnight } from '../japan-calendar.js';
import { formatDate } from '../mail/dates.js';
import type { AuditEntry, Award, AwardCode, AwardStatus, Organization } from '../model.js';
import type { Repositories } from '../../ports/repositories.js';
import { UniqueViolation, type WriteOp } from '../../ports/store.js';
import { awardEvent } from '../partners/change-events.js';
import { auditEntry, type RequestContext, type ServiceDeps } from './context.js';
import { commitChange } from './commit-change.js';
import { AWARD_ACTION_LABELS, AWARD_STATUS_LABELS } from '../awards/labels.js';
import { REVOCATION_REASONS, SUSPENSION_REASONS } from '../codes.js';

export interface AwardInput {
  organizationId: string;
  fiscalYear: number;
  category: string;
  division?: string | null;
  partnerMunicipalityId?: string | null;
  overview?: string | null;
  message?: string | null;
  awardedOn?: string | null;
}

export type AwardAction = keyof typeof AWARD_ACTION_LABELS;

/** Why an award is suspended or revoked: a reason code, as for declarations, and a note the organization reads. */
export interface AwardActionInput {
  reason?: string;
  note?: string;
}

const REASON_CODES: Record<Exclude<AwardAction, 'reinstate'>, readonly string[]> = {
  suspend: SUSPENSION_REASONS,
  revoke: Object.keys(REVOCATION_REASONS),
};
export const AWARD_TRANSITIONS: Record<AwardAction, { from: AwardStatus[]; to: AwardStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
};

const AWARD = { ja: '表彰', en: 'Award' };

/** Throws the refusal (409, with currentStatus) when the award's current state does not allow `action`, as assertAllowed does for a declaration. */
export function assertAwardAllowed(action: AwardAction, status: AwardStatus): void {
  const transition = AWARD_TRANSITIONS[action];
  if (transition.from.includes(status)) return;
  const already = transition.to === status;
  throw conflict(
    already ? `この表彰は既に「${AWARD_STATUS_LABELS[status].ja}」です。` : `この表彰は現在「${AWARD_STATUS_LABELS[status].ja}」のため、${AWARD_ACTION_LABELS[action].ja}はできません。`,
    // In the words the pages use, as the Japanese says it (currentStatus gives the code).
    already ? `This award is already "${AWARD_STATUS_LABELS[status].en}".` : `This award is "${AWARD_STATUS_LABELS[status].en}" now, so it cannot be ${action === 'reinstate' ? 'reinstated' : action === 'suspend' ? 'suspended' : 'revoked'}.`,
    { currentStatus: status },
  );
}

/** 2026-01-20 → 2026年1月20日 (messages are read by people). */
const formatDayJa = (date: string) => formatDate(japanMidnight(date)).ja;

/**
 * What JSON Schema checks on the API (schemas/award.schema.json); checked here too for other callers
 * (CSV import). The first year is the one the scheme was proposed in (FIRST_DECLARATION_DATE, FY2020):
 * the awards were proposed with the self-declaration, so none honours a year that ended before.
 */
export const AWARD_FISCAL_YEARS = { min: fiscalYearOf(new Date(`${FIRST_DECLARATION_DATE}T00:00:00Z`)), max: 2100 };
/** The most characters (code points, as JSON Schema's maxLength counts them) an overview or message holds. */
export const AWARD_TEXT_MAX = 4000;

/**
 * What the award rules read. One reader remembers what it read, so an import that checks many
 * rows reads each code table, organization and declaration list once.
 */
export interface AwardRuleReader {
  categories(): Promise<AwardCode[]>;
  divisions(): Promise<AwardCode[]>;
  organization(id: string): Promise<Organization | null>;
  hasPublishedDeclaration(organizationId: string): Promise<boolean>;
  /** The award of that organization, year and category that still stands (active or suspended), if any. */
  standingAward(organizationId: string, fiscalYear: number, category: string): Promise<Award | null>;
}

export function createAwardRuleReader(repos: Pick<Repositories, 'awards' | 'organizations' | 'declarations'>): AwardRuleReader {
  const memo = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>) => {
    let value = cache.get(key);
    if (!value) cache.set(key, (value = read()));
    return value;
  };
  const codes = new Map<string, Promise<AwardCode[]>>();
  const organizations = new Map<string, Promise<Organization | null>>();
  const published = new Map<string, Promise<boolean>>();
  return {
    categories: () => memo(codes, 'category', () => repos.awards.categories()),
    divisions: () => memo(codes, 'division', () => repos.awards.divisions()),
    organization: (id) => memo(organizations, id, () => repos.organizations.get(id)),
    hasPublishedDeclaration: (organizationId) =>
      memo(published, organizationId, async () => (await repos.declarations.listByOrganization(organizationId)).some((d) => d.status === 'published')),
    async standingAward(organizationId, fiscalYear, categoryCode) {
      let cursor: string | null = null;
      do {
        const page = await repos.awards.search({ organizationId, fiscalYear, categoryCode, limit: 100, cursor });
        const standing = page.items.find((a) => a.status !== 'revoked');
        if (standing) return standing;
        cursor = page.nextCursor;
      } while (cursor);
      return null;
    },
  };
}

/**
 * A broken award rule: 'validation' for a wrong value (400), 'conflict' for an award already
 * recorded (409), 'unprocessable' for a right value the registry's state refuses (422).
 */
export interface AwardProblem extends FieldProblem {
  kind: 'validation' | 'conflict' | 'unprocessable';
}

/**
 * Every rule a new award must meet, each failing field once (fields are JSON Pointers into
 * AwardInput). Shared by awards.create and the CSV import; returns the recipient when it exists.
 */
export async function checkAward(input: AwardInput, read: AwardRuleReader, now: Date): Promise<{ problems: AwardProblem[]; organization: Organization | null }> {
  const problems: AwardProblem[] = [];
  const wrong = (field: string, ja: string, en: string) => problems.push({ kind: 'validation', field, ja, en });
  const [categories, divisions] = await Promise.all([read.categories(), read.divisions()]);
  // Japan's calendar: an award made today in Tokyo is today's, and its year this fiscal year.
  const today = japanDate(now.toISOString())!;
  const thisFiscalYear = japanFiscalYearOf(now);
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < AWARD_FISCAL_YEARS.min || input.fiscalYear > AWARD_FISCAL_YEARS.max) {
    wrong('/fiscalYear', `年度は ${AWARD_FISCAL_YEARS.min}〜${AWARD_FISCAL_YEARS.max} の西暦です。`, `The fiscal year must be a year from ${AWARD_FISCAL_YEARS.min} to ${AWARD_FISCAL_YEARS.max}.`);
  } else if (input.fiscalYear > thisFiscalYear) {
    wrong('/fiscalYear', `${formatFiscalYearJa(input.fiscalYear)}はまだ始まっていません。表彰は今年度（${formatFiscalYearJa(thisFiscalYear)}）までの年度で記録します。`, `${formatFiscalYearEn(input.fiscalYear)} has not begun; awards are recorded for this fiscal year (${thisFiscalYear}) or earlier ones.`);
  }
  const category = categories.find((c) => c.code === input.category);
  if (!category) {
    wrong('/category', `表彰区分は ${categories.map((c) => c.code).join(', ')} のいずれかです。`, `The award category must be one of ${categories.map((c) => c.code).join(', ')}.`);
  }
  if (input.division && !divisions.some((d) => d.code === input.division)) {
    wrong('/division', '部門が登録されていません。', `The division "${input.division}" is not registered.`);
  }
  if (input.awardedOn) {
    // Left out, the day is today. A wrong year leaves only today to measure the day against.
    const dayProblem = awardDayProblem(problems.some((p) => p.field === '/fiscalYear') ? null : input.fiscalYear, input.awardedOn, today);
    if (dayProblem) problems.push(dayProblem);
  }
  problems.push(...awardTextProblems(input));
  const organization = await read.organization(input.organizationId);
  if (!organization) wrong('/organizationId', '受賞団体が見つかりません。', 'The awarded organization is not registered.');
  if (input.partnerMunicipalityId) {
    const partner = await read.organization(input.partnerMunicipalityId);
    if (!partner || partner.kind !== 'municipality') {
      wrong('/partnerMunicipalityId', '連携自治体は登録済みの自治体を指定してください。', 'The partner municipality must be a registered municipality.');
    } else if (partner.id === input.organizationId) {
      // A partner is the other party to the recipient's effort (domain.md: 連携パートナー賞 went to the partner municipality).
      wrong('/partnerMunicipalityId', '連携自治体には受賞団体以外の自治体を指定してください。', 'The partner municipality must be another municipality than the awarded one.');
    }
  }
  const standing = organization && category && Number.isInteger(input.fiscalYear) ? await read.standingAward(organization.id, input.fiscalYear, category.code) : null;
  if (standing && category) {
    problems.push({
      kind: 'conflict', field: '/category',
      ja: `この団体の${formatFiscalYearJa(input.fiscalYear)}の${category.nameJa}はすでに記録されています（表彰 ${standing.id}）。`,
      en: `This organization's ${category.nameEn} for ${formatFiscalYearEn(input.fiscalYear)} is already recorded (award ${standing.id}).`,
    });
  }
  if (organization?.kind === 'company' && !(await read.hasPublishedDeclaration(organization.id))) {
    // Named, with what to do: the form and a CSV row give a number, and 「ありません」 alone left the secretariat guessing.
    problems.push({
      kind: 'unprocessable', field: '/organizationId',
      ja: `「${organization.name}」には公表中の自己宣言がありません。企業の表彰は、自己宣言が公表されてから記録してください。`,
      en: `${organization.name} holds no published declaration: record a company’s award once its declaration is published.`,
    });
  }
  return { problems, organization };
}

/**
 * The days an award of `fiscalYear` may carry, as a new award and a correction check them: from
 * the start of the year it honours to the end of the year after it (a ceremony may follow the
 * year), and never after today in Japan (the only bound left when the year is not known).
 */
function awardDayProblem(fiscalYear: number | null, awardedOn: string, today: string): AwardProblem | null {
  const wrong = (ja: string, en: string): AwardProblem => ({ kind: 'validation', field: '/awardedOn', ja, en });
  if (!isRealDate(awardedOn)) return wrong('表彰日は実在する日付（YYYY-MM-DD）で指定してください。', 'The award date must be a real calendar date (YYYY-MM-DD).');
  if (fiscalYear === null) {
    return awardedOn > today ? wrong(`表彰日は今日（${formatDayJa(today)}）までの日付です。`, `The award date must not be after today (${today}, Japan).`) : null;
  }
  const first = `${fiscalYear}-04-01`;
  const last = [`${fiscalYear + 2}-03-31`, today].sort()[0]!;
  if (awardedOn >= first && awardedOn <= last) return null;
  return wrong(
    `表彰日は ${formatDayJa(first)}から${formatDayJa(last)}${last === today ? '（今日）' : ''}までの日付です（${formatFiscalYearJa(fiscalYear)}の表彰）。`,
    `The award date must fall between ${first} and ${last}${last === today ? ' (today, Japan)' : ''} for an award of ${formatFiscalYearEn(fiscalYear)}.`,
  );
}

/** The overview and message as a new award and a correction check them (fields are JSON Pointers). */
export function awardTextProblems(input: Pick<AwardInput, 'overview' | 'message'>): AwardProblem[] {
  const problems: AwardProblem[] = [];
  for (const field of ['overview', 'message'] as const) {
    const label = field === 'overview' ? { ja: '概要', en: 'Overview' } : { ja: 'メッセージ', en: 'Message' };
    // The API's body validation says the same; the back office's form and CSV rows come here only.
    const unreadable = input[field] ? unreadableText(input[field], `/${field}`, label) : null;
    if ([...(input[field] ?? '')].length > AWARD_TEXT_MAX) problems.push({ kind: 'validation', field: `/${field}`, ja: `${label.ja}は ${AWARD_TEXT_MAX} 文字以内です。`, en: `The ${field} must be at most ${AWARD_TEXT_MAX} characters.` });
    else if (unreadable) problems.push({ kind: 'validation', ...unreadable });
  }
  return problems;
}

/** A correction (訂正) of an award's published texts and day: what the secretariat may change once it is recorded. */
export interface AwardCorrectionInput {
  overview?: string | null;
  message?: string | null;
  /** YYYY-MM-DD; the day cannot be cleared. */
  awardedOn?: string;
}

/** The error for failed award rules: every wrong value (400), else an award already recorded (409), else the state that refuses it (422). */
export function awardRefusal(problems: AwardProblem[]): DomainError {
  const wrong = problems.filter((p) => p.kind === 'validation');
  const fields = (list: AwardProblem[]) => list.map(({ field, ja, en }) => ({ field, ja, en }));
  if (wrong.length > 0) return invalid(fields(wrong));
  const recorded = problems.find((p) => p.kind === 'conflict');
  if (recorded) return new DomainError('conflict', recorded.ja, recorded.en, fields([recorded]));
  return unprocessable('企業を表彰するには、公表中の自己宣言が必要です。', 'A company can only be awarded while it holds a published declaration.', fields(problems));
}

/** The award an input records, active from now (awardedOn defaults to today in Japan). */
export function newAward(input: AwardInput, { id, now }: { id: string; now: string }): Award {
  return {
    id,
    organizationId: input.organizationId,
    fiscalYear: input.fiscalYear,
    categoryCode: input.category,
    divisionCode: input.division || null,
    partnerMunicipalityId: input.partnerMunicipalityId || null,
    overview: input.overview?.trim() || null,
    message: input.message?.trim() || null,
    awardedOn: input.awardedOn || japanDate(now)!,
    status: 'active',
    statusReason: null,
    statusNote: null,
    rowVersion: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** One award change as commitChange takes it: the record's ops, its credential, its public event, its audit entry. */
export interface AwardChange {
  ops: WriteOp[];
  credentialOps: () => Promise<WriteOp[]>;
  eventOps: WriteOp[];
  audit: AuditEntry;
}

/**
 * Everything an award change writes besides `ops` (the award's own): the credential ops (built
 * anew on each attempt, see commitIssuance), the change event and the audit entry (`auditAfter`
 * replaces the award as the entry's `after`, e.g. to say it came from an import).
 */
export function awardChange(
  deps: Pick<ServiceDeps, 'credentials' | 'outbox' | 'newId'>,
  ctx: RequestContext,
  change: { action: string; before: Award | null; after: Award; organization: Organization; ops: WriteOp[]; auditAfter?: unknown },
): AwardChange {
  const { action, before, after, organization } = change;
  const event = deps.outbox && awardEvent({ action, after, organization }, deps.newId);
  return {
    ops: change.ops,
    credentialOps: () => deps.credentials.forAward({ before, after, organization }),
    eventOps: event ? deps.outbox!.append(event) : [],
    audit: auditEntry(ctx, after.updatedAt, { action: `award.${action}`, entityType: 'award', entityId: after.id, before, after: change.auditAfter ?? after }),
  };
}

/** The award's name as people read it in messages: 令和6年度（2024年度） 大臣賞 / Minister's Award, FY2024. */
export function awardTitle(award: Award, categories: readonly AwardCode[]): { ja: string; en: string } {
  const category = categories.find((c) => c.code === award.categoryCode);
  return {
    ja: `${formatFiscalYearJa(award.fiscalYear)} ${category?.nameJa ?? award.categoryCode}`,
    en: `${category?.nameEn ?? award.categoryCode}, ${formatFiscalYearEn(award.fiscalYear)}`,
  };
}

/**
 * Outbox ops for the e-mail that tells the organization of an award change (its record,
 * suspension…; none for the others), to commit in the change's batch. `categories` when already read.
 */
export async function awardMailOps(
  deps: Pick<ServiceDeps, 'notifications' | 'repos'>,
  change: { action: string; before?: Award | null; after: Award; organization: Organization; categories?: readonly AwardCode[] },
): Promise<WriteOp[]> {
  if (!deps.notifications) return [];
  const title = awardTitle(change.after, change.categories ?? (await deps.repos.awards.categories()));
  return deps.notifications.awardChanged({ action: change.action, before: change.before ?? null, after: change.after, organization: change.organization, title });
}

/** Awards (表彰): recorded by the secretariat; a company needs a published declaration at award time. */
export function createAwardService(deps: ServiceDeps) {
  const { repos, uow, clock } = deps;
  const mailOps = (action: string, after: Award, organization: Organization, before: Award | null = null) => awardMailOps(deps, { action, before, after, organization });

  /** Commits a change with the e-mail that tells the organization (in the same batch). */
  async function commit(ctx: RequestContext, action: AwardAction | 'correct', before: Award, after: Award, extraOps: readonly WriteOp[]) {
    const organization = await repos.organizations.get(after.organizationId);
    if (!organization) throw notFound({ ja: '団体', en: 'Organization' });
    const ops = [...repos.awards.update(after, before.rowVersion), ...(await mailOps(action, after, organization, before))];
    await commitChange(deps, { ...awardChange(deps, ctx, { action, before, after, organization, ops }), extraOps });
  }

  return {
    async create(ctx: RequestContext, input: AwardInput): Promise<Award> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const { problems, organization } = await checkAward(input, createAwardRuleReader(repos), clock.now());
      if (problems.length > 0 || !organization) throw awardRefusal(problems);
      const award = newAward(input, { id: deps.newId(), now: clock.now().toISOString() });
      // The congratulations join the award's batch: a record that fails to commit sends none.
      const ops = [...repos.awards.insert(award), repos.organizations.markListed(organization.id), ...(await mailOps('create', award, organization))];
      await commitChange(deps, {
        ...awardChange(deps, ctx, { action: 'create', before: null, after: award, organization, ops }),
        // The same award recorded at the same moment (a double click, a retry) won the race: its 409.
        lostRace: async () => {
          const { problems: now } = await checkAward(input, createAwardRuleReader(repos), clock.now());
          return now.length > 0 ? awardRefusal(now) : concurrentChange();
        },
      });
      return award;
    },

    /**
     * Suspends, reinstates or revokes. A reason code is optional (API clients from before it
     * existed send none); the back office asks for one. `ifMatch`: the version the caller decided
     * on (the back office's page); the write is conditional on that same version, so a change
     * committed after this check still fails it (the API's If-Match may list several). `extraOps` commit in the change's batch (an
     * approved revocation request: src/domain/services/revocations.ts).
     */
    async act(ctx: RequestContext, id: string, action: AwardAction, input: AwardActionInput = {}, ifMatch?: VersionCondition, extraOps: readonly WriteOp[] = []): Promise<Award> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await repos.awards.get(id);
      if (!before) throw notFound(AWARD);
      // Before the state: a stale page is told so even when the other change also made this action impossible.
      requireVersion(ifMatch, before.rowVersion);
      assertAwardAllowed(action, before.status);
      const transition = AWARD_TRANSITIONS[action];
      // After the version and the state, in the order declarations check them, so a client meets the same answer first.
      const codes = action === 'reinstate' ? null : REASON_CODES[action];
      if (codes && input.reason !== undefined && !codes.includes(input.reason)) {
        throw invalid([{ field: '/reason', ja: `理由コードは ${codes.join(', ')} のいずれかです。`, en: `reason must be one of ${codes.join(', ')}.` }]);
      }
      const now = clock.now().toISOString();
      const after: Award = {
        ...before,
        status: transition.to,
        statusReason: codes ? input.reason ?? null : null,
        statusNote: codes ? input.note?.trim() || null : null,
        rowVersion: before.rowVersion + 1,
        updatedAt: now,
      };
      await commit(ctx, action, before, after, extraOps);
      return after;
    },

    /**
     * Corrects the overview, message or day of a recorded award (a typo found after the
     * announcement): a field left out stays as it is, a blank text clears it; a new day keeps the
     * bounds a new award's has. A revoked award is history and is not corrected (409). When the
     * overview or the day changes, the credential that signed them is re-issued and the old one
     * superseded (its page names the new one); the message is not in the credential, so its badge
     * stays. The record, the credential, the audit entry (before and after), the change event and
     * the e-mail to the organization commit together. Nothing changed: the award as it is, nothing
     * written.
     */
    async correct(ctx: RequestContext, id: string, input: AwardCorrectionInput, ifMatch?: VersionCondition): Promise<Award> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await repos.awards.get(id);
      if (!before) throw notFound(AWARD);
      requireVersion(ifMatch, before.rowVersion);
      if (before.status === 'revoked') {
        throw conflict('取り消された表彰は訂正できません。', 'A revoked award cannot be corrected.', { currentStatus: before.status });
      }
      const now = clock.now();
      // The day as it is passes, whatever its bounds: one recorded without a day took the day it was
      // recorded on, which may lie outside them, and its texts must stay correctable.
      const newDay = input.awardedOn !== before.awardedOn ? input.awardedOn : undefined;
      const dayProblem = newDay === undefined ? null : awardDayProblem(before.fiscalYear, newDay, japanDate(now.toISOString())!);
      const problems = [...awardTextProblems(input), ...(dayProblem ? [dayProblem] : [])];
      if (problems.length > 0) throw awardRefusal(problems);
      const text = (value: string | null | undefined, was: string | null) => (value === undefined ? was : value?.trim() || null);
      const overview = text(input.overview, before.overview);
      const message = text(input.message, before.message);
      const awardedOn = input.awardedOn ?? before.awardedOn;
      if (overview === before.overview && message === before.message && awardedOn === before.awardedOn) return before;
      const after: Award = { ...before, overview, message, awardedOn, rowVersion: before.rowVersion + 1, updatedAt: now.toISOString() };
      await commit(ctx, 'correct', before, after, []);
      return after;
    },

    async get(id: string): Promise<Award> {
      const award = await repos.awards.get(id);
      if (!award) throw notFound(AWARD);
      return award;
    },

    /** Categories and divisions are data: the secretariat adds new ones without a code change. */
    async addCode(ctx: RequestContext, kind: 'category' | 'division', code: AwardCode): Promise<AwardCode> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const now = clock.now().toISOString();
      const ops = kind === 'category' ? repos.awards.insertCategory(code) : repos.awards.insertDivision(code);
      try {
        await uow.commit([...ops, repos.audit.append(auditEntry(ctx, now, { action: `award-${kind}.create`, entityType: `award-${kind}`, entityId: code.code, before: null, after: code }))]);
      } catch (error) {
        if (error instanceof UniqueViolation) throw conflict('このコードは既に登録されています。', `The ${kind} code "${code.code}" already exists.`, { field: '/code' });
        throw error;
      }
      return code;
    },
  };
}

export type AwardService = ReturnType<typeof createAwardService>;
