// Back office: awards. Everyone on the staff reads them by fiscal year; administrators record one,
// import a year's awards from CSV (awards-import.tsx), suspend and reinstate, ask for a revocation
// (/admin/revocations) and add categories and divisions.
import { Hono, type Context } from 'hono';
import { awardCsvTemplate, parseFiscalYear } from '../../domain/awards/columns.js';
import { readTypedDate } from '../../domain/typed-date.js';
import { DomainError, invalid, type FieldProblem } from '../../domain/errors.js';
import { japanFiscalYearOf } from '../../domain/fiscal-year.js';
import { corporateNumberOfLocalGovernment, isValidCorporateNumber, isValidLocalGovernmentCode, normalizeDigits } from '../../domain/identifiers.js';
import type { Award, AwardCode, Organization } from '../../domain/model.js';
import { assertAwardAllowed, AWARD_FISCAL_YEARS, awardTextProblems, checkAward, createAwardRuleReader, type AwardAction, type AwardActionInput, type AwardCorrectionInput, type AwardInput } from '../../domain/services/awards.js';
import { awardSignedContentChanged } from '../../domain/awards/signed-content.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { formText, readCheckedForm } from '../web/form.js';
import { webPage } from '../web/page.js';
import { CONGRATULATE_FIELD, confirmedFile, fileProblem, fileProblemOf, ImportPage, PreviewPage, readImportForm, uploadedFile, type FileProblem } from './awards-import.js';
import {
  AWARD_FORM_FIELDS, AwardCodesPage, AwardFormPage, AwardListPage, AwardPage, CODE_FORM_FIELDS,
  type AwardCorrectState, type AwardFormValues, type AwardListRow, type AwardSuspendState, type CodeFormValues,
} from './awards-pages.js';
import { formErrorsOf, noticeErrors, suspensionNoteMessage, SUSPENSION_REASON_MISSING, unreadableMessage, type FormErrors } from './form-errors.js';
import { changedSincePageShown, postedRowVersion, ROW_VERSION_MISSING, stateChangeRefusal, versionRefusal } from '../web/row-version.js';
import { validateBody } from '../validation.js';
import { awardsOfYear } from './awards-data.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { refusalBeforeForm } from './action-refusal.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';

type Ctx = Context<AppEnv>;
type PageStatus = 200 | 400 | 409 | 413 | 422;

/** webPage, plus 413 (a file too large), which webPage's statuses leave out. */
async function page(c: Ctx, element: Parameters<typeof webPage>[1], status: PageStatus = 200): Promise<Response> {
  if (status !== 413) return webPage(c, element, status);
  const response = await webPage(c, element, 400);
  return new Response(response.body, { status: 413, headers: response.headers });
}

const isFileProblem = (value: unknown): value is FileProblem => typeof value === 'object' && value !== null && 'status' in value && 'message' in value;

/** The form's messages by field name; `rename` maps a domain field (JSON Pointer) to the form's. */
function formErrors(problems: FieldProblem[], rename: Record<string, string>, fields: readonly string[], fallback?: Bilingual): FormErrors {
  const errors: FormErrors = { byField: {}, general: [] };
  for (const p of problems) {
    const name = rename[p.field] ?? p.field.replace(/^\//, '');
    if (fields.includes(name)) (errors.byField[name] ??= []).push({ ja: p.ja, en: p.en });
    else errors.general.push({ ja: p.ja, en: p.en });
  }
  if (problems.length === 0 && fallback) errors.general.push(fallback);
  return errors;
}

const AWARD_FIELD_OF: Record<string, string> = { '/organizationId': 'organization', '/partnerMunicipalityId': 'partnerMunicipality' };

const problem = (field: string, ja: string, en: string): FieldProblem => ({ field, ja, en });

const AWARD_CHANGED = changedSincePageShown({ ja: '表彰', en: 'award' });
const TYPED_DAY_FORMATS: Bilingual = { ja: '表彰日は 2026-02-10、2026/2/10、2026年2月10日 または 令和8年2月10日 の形で入力してください。', en: 'Enter the date as 2026-02-10, 2026/2/10, 2026年2月10日 or 令和8年2月10日.' };
const CORRECT_FORM_FIELDS = ['overview', 'message', 'awardedOn'] as const;

export function awardRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const { repos, clock, credentials } = registry.deps;
  const codes = () => Promise.all([repos.awards.categories(), repos.awards.divisions()]);

  /** The organization a form names by 法人番号, 地方公共団体コード or id; or what is wrong. */
  async function resolveOrganization(text: string): Promise<Organization | FieldProblem> {
    const value = text.trim();
    const field = 'organization';
    if (value === '') return problem(field, '受賞団体の法人番号、地方公共団体コードまたは団体IDを入力してください。', "Enter the organization's corporate number, local government code or id.");
    const digits = normalizeDigits(value);
    if (/^\d{13}$/.test(digits)) {
      if (!isValidCorporateNumber(digits)) return problem(field, `法人番号 ${digits} のチェックディジットが正しくありません。`, `Corporate number ${digits} has a wrong check digit.`);
      return (await repos.organizations.getByCorporateNumber(digits)) ?? problem(field, `法人番号 ${digits} の団体は登録されていません。`, `No organization is registered with corporate number ${digits}.`);
    }
    if (/^\d{6}$/.test(digits)) {
      if (!isValidLocalGovernmentCode(digits)) return problem(field, `地方公共団体コード ${digits} のチェックディジットが正しくありません。`, `Local government code ${digits} has a wrong check digit.`);
      const found = await repos.organizations.getByCorporateNumber(corporateNumberOfLocalGovernment(digits));
      return found?.localGovernmentCode === digits ? found : problem(field, `地方公共団体コード ${digits} の団体は登録されていません。`, `No organization is registered with local government code ${digits}.`);
    }
    const found = value.length <= 64 ? await repos.organizations.get(value) : null;
    return found ?? problem(field, `「${value}」に当たる団体が見つかりません。法人番号（13桁）、地方公共団体コード（6桁）または団体IDを入力してください。`, `No organization matches "${value}": enter a 13-digit corporate number, a 6-digit local government code or an organization id.`);
  }

  /** The partner municipality by its 地方公共団体コード (optional). */
  async function resolvePartner(text: string): Promise<Organization | FieldProblem | null> {
    const value = text.trim();
    if (value === '') return null;
    const field = 'partnerMunicipality';
    const digits = normalizeDigits(value);
    if (!isValidLocalGovernmentCode(digits)) return problem(field, `「${value}」は地方公共団体コード（6桁、末尾がチェックディジット）ではありません。`, `"${value}" is not a local government code (6 digits, the last a check digit).`);
    const found = await repos.organizations.getByCorporateNumber(corporateNumberOfLocalGovernment(digits));
    return found?.kind === 'municipality' && found.localGovernmentCode === digits
      ? found
      : problem(field, `地方公共団体コード ${digits} の地方公共団体は登録されていません。`, `No municipality is registered with local government code ${digits}.`);
  }

  const awardValuesOf = (form: URLSearchParams) => Object.fromEntries(AWARD_FORM_FIELDS.map((name) => [name, form.get(name) ?? ''])) as unknown as AwardFormValues;

  const awardForm = async (c: Ctx, staff: StaffMember, values: AwardFormValues, errors?: FormErrors, status: PageStatus = 200) => {
    const [categories, divisions] = await codes();
    return page(c, <AwardFormPage staff={staff} values={values} categories={categories} divisions={divisions} errors={errors} />, status);
  };

  const codesPage = async (c: Ctx, staff: StaffMember, extra: { values?: CodeFormValues; errors?: FormErrors; done?: string | undefined } = {}, status: PageStatus = 200) => {
    const [categories, divisions] = await codes();
    return page(c, <AwardCodesPage staff={staff} categories={categories} divisions={divisions} {...extra} />, status);
  };

  const importPage = async (c: Ctx, staff: StaffMember, problem?: FileProblem) => {
    const [categories, divisions] = await codes();
    return page(c, <ImportPage staff={staff} categories={categories} divisions={divisions} problem={problem} />, problem?.status ?? 200);
  };

  const app = new Hono<AppEnv>()
    .get('/admin/awards', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      // Years with awards (revoked ones aside) and how many: the selector's counts and its default.
      const byYear = new Map<number, number>();
      for (const r of await registry.statistics.awardsByYearAndCategory()) byYear.set(r.fiscalYear, (byYear.get(r.fiscalYear) ?? 0) + r.count);
      // This fiscal year in Japan, as checkAward counts it (from 1 April 00:00 JST, not UTC).
      const current = japanFiscalYearOf(clock.now());
      const latest = byYear.size > 0 ? Math.max(...byYear.keys()) : current;
      // From the first year an award may honour (the one the awards refuse below), or an earlier one
      // with awards recorded before that rule: a year offered is one that can hold awards.
      const first = Math.min(AWARD_FISCAL_YEARS.min, ...byYear.keys());
      // Up to this fiscal year: one not yet begun can hold no award (checkAward refuses it).
      const last = Math.max(current, latest);
      // A page falls back rather than answering 400: an unusable ?year= shows the default year.
      const asked = c.req.query('year');
      const year = asked && /^\d{4}$/.test(asked) && Number(asked) >= first && Number(asked) <= last ? Number(asked) : latest;
      const years: { year: number; count: number }[] = [];
      for (let y = last; y >= first; y--) years.push({ year: y, count: byYear.get(y) ?? 0 });

      const [[categories, divisions], { awards, organizations }] = await Promise.all([codes(), awardsOfYear(repos, year)]);
      const order = (list: AwardCode[], code: string | null) => (code === null ? Number.MAX_SAFE_INTEGER : (list.find((x) => x.code === code)?.sortOrder ?? Number.MAX_SAFE_INTEGER - 1));
      const rows: AwardListRow[] = awards
        .map((award) => ({ award, organizationName: organizations.get(award.organizationId)?.name ?? null }))
        .sort(
          (a, b) =>
            order(categories, a.award.categoryCode) - order(categories, b.award.categoryCode) ||
            order(divisions, a.award.divisionCode) - order(divisions, b.award.divisionCode) ||
            (a.organizationName ?? '').localeCompare(b.organizationName ?? '', 'ja'),
        );
      const number = (name: string) => {
        const text = c.req.query(name);
        return text && /^\d{1,4}$/.test(text) ? Number(text) : undefined;
      };
      return page(
        c,
        <AwardListPage staff={staff} year={year} years={years} rows={rows} categories={categories} divisions={divisions} done={noticeOf(c)} count={number('count')} congratulated={number('congratulated')} />,
      );
    })
    .get('/admin/awards/new', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      // This fiscal year in Japan, as checkAward counts it: on 1 April before 09:00 JST, UTC is still in March.
      const thisYear = japanFiscalYearOf(clock.now());
      const values: AwardFormValues = { organization: (c.req.query('organization') ?? '').slice(0, 64), fiscalYear: String(thisYear), category: '', division: '', partnerMunicipality: '', overview: '', message: '', awardedOn: '' };
      return awardForm(c, staff, values);
    })
    .post('/admin/awards', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => awardForm(c, staff, awardValuesOf(typed), noticeErrors(notice)));
      const values = awardValuesOf(form);

      // What the page resolves itself (the identifiers people type), then the award rules.
      const local: FieldProblem[] = [];
      const organization = await resolveOrganization(values.organization);
      if (!('id' in organization)) local.push(organization);
      const partner = await resolvePartner(values.partnerMunicipality);
      if (partner && !('id' in partner)) local.push(partner);
      const fiscalYear = parseFiscalYear(values.fiscalYear);
      if (values.fiscalYear.trim() === '') local.push(problem('fiscalYear', '年度を入力してください。', 'Enter the fiscal year.'));
      else if (fiscalYear === null) local.push(problem('fiscalYear', `年度「${values.fiscalYear.trim()}」は西暦4桁（例: 2025）または「令和7年度」の形で書いてください。`, `Fiscal year "${values.fiscalYear.trim()}": write 4 digits (e.g. 2025) or 令和N年度.`));
      if (values.category === '') local.push(problem('category', '表彰区分を選んでください。', 'Choose a category.'));
      const awardedOn = values.awardedOn.trim() === '' ? null : readTypedDate(values.awardedOn);
      if (values.awardedOn.trim() !== '' && awardedOn === null) local.push(problem('awardedOn', TYPED_DAY_FORMATS.ja, TYPED_DAY_FORMATS.en));

      const input: AwardInput = {
        organizationId: 'id' in organization ? organization.id : '',
        fiscalYear: fiscalYear ?? Number.NaN,
        category: values.category,
        division: values.division || null,
        partnerMunicipalityId: partner && 'id' in partner ? partner.id : null,
        overview: values.overview.trim() || null,
        message: values.message.trim() || null,
        awardedOn,
      };
      if (local.length > 0) {
        // Nothing is recorded; the rules still name every other wrong field at once.
        const named = new Set(local.map((p) => p.field));
        const { problems } = await checkAward(input, createAwardRuleReader(repos), registry.deps.clock.now());
        const more = problems.filter((p) => !named.has(AWARD_FIELD_OF[p.field] ?? p.field.replace(/^\//, '')));
        return awardForm(c, staff, values, formErrors([...local, ...more], AWARD_FIELD_OF, AWARD_FORM_FIELDS), 400);
      }
      try {
        const award = await registry.awards.create(staff.ctx, input);
        return redirectWithNotice(c, localHref(`/admin/awards/${award.id}`, staff.lang, { done: 'created' }));
      } catch (error) {
        if (!(error instanceof DomainError) || !['validation', 'unprocessable', 'conflict'].includes(error.kind)) throw error;
        const status = error.kind === 'validation' ? 400 : error.kind === 'conflict' ? 409 : 422;
        return awardForm(c, staff, values, formErrors(error.fields, AWARD_FIELD_OF, AWARD_FORM_FIELDS, { ja: error.ja, en: error.en }), status);
      }
    })

    // Importing from CSV.
    .get('/admin/awards/import', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      return importPage(c, staff);
    })
    .get('/admin/awards/import/template.csv', (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      return c.body(new TextEncoder().encode(awardCsvTemplate()), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="award-import-template.csv"; filename*=UTF-8''${encodeURIComponent('表彰取込テンプレート.csv')}`,
        'Cache-Control': 'no-store',
      });
    })
    .post('/admin/awards/import/preview', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readImportForm(c, publicBaseUrl, (problem) => importPage(c, staff, problem));
      if (isFileProblem(form)) return importPage(c, staff, form);
      const bytes = await uploadedFile(form);
      if (isFileProblem(bytes)) return importPage(c, staff, bytes);
      try {
        const preview = await registry.awardImport.preview(staff.ctx, bytes);
        return page(c, <PreviewPage staff={staff} preview={preview} file={bytes} />);
      } catch (error) {
        return importPage(c, staff, fileProblemOf(error));
      }
    })
    .post('/admin/awards/import/commit', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const form = await readImportForm(c, publicBaseUrl, (problem) => importPage(c, staff, problem));
      if (isFileProblem(form)) return importPage(c, staff, form);
      const file = await confirmedFile(form);
      if (isFileProblem(file)) return importPage(c, staff, file);
      if (!file.digest) {
        return importPage(c, staff, fileProblem(400, { ja: '確認の画面から記録してください。まずファイルをアップロードして内容を確認します。', en: 'Record from the check page: upload the file and check it first.' }));
      }
      // A checkbox: posted only when ticked. The choice comes back with a refused confirmation.
      const congratulate = form.get(CONGRATULATE_FIELD) !== null;
      try {
        const result = await registry.awardImport.commit(staff.ctx, file.bytes, { digest: file.digest, congratulate });
        const year = Math.max(...result.awards.map((a) => a.fiscalYear));
        return redirectWithNotice(c, localHref('/admin/awards', staff.lang, { year, done: 'imported', count: result.awards.length, ...(congratulate ? { congratulated: result.congratulated } : {}) }));
      } catch (error) {
        // Stale: a row that was good at preview no longer is. The check again, nothing recorded.
        if (error instanceof DomainError && error.kind === 'validation' && error.extra.preview) {
          const preview = error.extra.preview as Parameters<typeof PreviewPage>[0]['preview'];
          return page(c, <PreviewPage staff={staff} preview={preview} file={file.bytes} refusal={fileProblem(400, { ja: error.ja, en: error.en })} congratulate={congratulate} />, 400);
        }
        // Not the file that was checked: check this one again (it is the one shown now).
        if (error instanceof DomainError && error.kind === 'conflict') {
          try {
            const preview = await registry.awardImport.preview(staff.ctx, file.bytes);
            return page(c, <PreviewPage staff={staff} preview={preview} file={file.bytes} refusal={fileProblem(409, { ja: error.ja, en: error.en })} congratulate={congratulate} />, 409);
          } catch (again) {
            return importPage(c, staff, fileProblemOf(again));
          }
        }
        return importPage(c, staff, fileProblemOf(error));
      }
    })

    // Categories and divisions.
    .get('/admin/awards/codes', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      return codesPage(c, staff, { done: noticeOf(c) });
    })
    .post('/admin/awards/codes', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const codeValuesOf = (typed: URLSearchParams) => Object.fromEntries(CODE_FORM_FIELDS.map((name) => [name, (typed.get(name) ?? '').trim()])) as unknown as CodeFormValues;
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => codesPage(c, staff, { values: codeValuesOf(typed), errors: noticeErrors(notice) }));
      const values = codeValuesOf(form);
      const problems: FieldProblem[] = [];
      if (values.kind !== 'category' && values.kind !== 'division') problems.push(problem('kind', '表彰区分か部門かを選んでください。', 'Choose category or division.'));
      // Asked for when empty, told its length when too long, shown its form otherwise: one message, the one that applies.
      const codeLength = [...values.code].length;
      if (values.code === '') problems.push(problem('code', 'コードを入力してください。', 'Enter the code.'));
      else if (codeLength > 64) problems.push(problem('code', `コードは64文字以内で入力してください（今は${codeLength}文字）。`, `The code can be at most 64 characters (now ${codeLength}).`));
      else if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(values.code)) {
        problems.push(problem('code', 'コードは半角英小文字・数字・ハイフンで入力してください（先頭は英小文字か数字）。', 'The code is lower-case letters, digits and hyphens, starting with a letter or digit.'));
      }
      for (const [name, ja, en] of [['nameJa', '名称（日本語）', 'The Japanese name'], ['nameEn', '名称（英語）', 'The English name']] as const) {
        // Public on the award pages and signed into award credentials: the API's schema refuses a control character, and so does the form.
        const unreadable = unreadableMessage(values[name], `/${name}`);
        if (values[name] === '') problems.push(problem(name, `${ja}を入力してください。`, `${en} is required.`));
        else if ([...values[name]].length > 100) problems.push(problem(name, `${ja}は100文字以内で入力してください（今は${[...values[name]].length}文字）。`, `${en} can be at most 100 characters (now ${[...values[name]].length}).`));
        else if (unreadable) problems.push(problem(name, `${ja}: ${unreadable.ja}`, `${en}: ${unreadable.en}`));
      }
      // Full-width digits (３０) are what a Japanese input method often types.
      const order = values.sortOrder.normalize('NFKC').trim();
      const sortOrder = order === '' ? 1000 : /^\d{1,6}$/.test(order) && Number(order) <= 100_000 ? Number(order) : null;
      if (sortOrder === null) problems.push(problem('sortOrder', '表示順は 0〜100000 の整数です。', 'The display order is a whole number from 0 to 100000.'));
      if (problems.length > 0) return codesPage(c, staff, { values, errors: formErrors(problems, {}, CODE_FORM_FIELDS) }, 400);
      try {
        await registry.awards.addCode(staff.ctx, values.kind as 'category' | 'division', { code: values.code, nameJa: values.nameJa, nameEn: values.nameEn, sortOrder: sortOrder! });
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
        const ja = values.kind === 'category' ? 'この表彰区分のコードはすでに登録されています。' : 'この部門のコードはすでに登録されています。';
        return codesPage(c, staff, { values, errors: formErrors([problem('code', ja, error.en)], {}, CODE_FORM_FIELDS) }, 409);
      }
      return redirectWithNotice(c, localHref('/admin/awards/codes', staff.lang, { done: 'code-added' }));
    })

    // One award (after the fixed paths above, which :id would otherwise take).
    .get('/admin/awards/:id', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      return awardPage(c, staff, c.req.param('id'));
    })
    .post('/admin/awards/:id/suspend', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const id = c.req.param('id');
      // The note's line breaks as one character each (\n), as the page's maxlength counted them, not the CRLF browsers send.
      const suspendValuesOf = (typed: URLSearchParams) => ({ reason: typed.get('reason') ?? '', note: formText(typed, 'note') });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => awardPage(c, staff, id, { suspend: { values: suspendValuesOf(typed), errors: noticeErrors(notice) } }));
      const values = suspendValuesOf(form);
      // The version the page showed: what the administrator decided on (another's suspension and reinstatement, or a revocation, since then is not it).
      const rowVersion = postedRowVersion(form);
      // An award already suspended (or revoked) shows no suspension form: say why, not what its fields lack.
      const early = await refusedBeforeForm(id, 'suspend', rowVersion);
      if (early) return awardPage(c, staff, id, { problem: early }, 409);
      try {
        // The API may leave the reason out (older clients); the back office asks for it.
        if (!values.reason) throw invalid([{ field: '/reason', ja: '理由が必要です。', en: 'reason is required.' }]);
        const input = validateBody<AwardActionInput>('declarationAction', { reason: values.reason, ...(values.note.trim() ? { note: values.note } : {}) });
        if (rowVersion === null) return awardPage(c, staff, id, { suspend: { values, errors: versionRefusal(ROW_VERSION_MISSING, null) } }, 400);
        const award = await registry.awards.act(staff.ctx, id, 'suspend', input, rowVersion);
        return redirectWithNotice(c, localHref(`/admin/awards/${award.id}`, staff.lang, { done: 'suspended' }));
      } catch (error) {
        // What was typed stays in the form, which the page still shows if the award is active.
        const refusal = stateChangeRefusal(error, AWARD_CHANGED);
        if (refusal) return awardPage(c, staff, id, { problem: refusal, suspend: { values, errors: { byField: {}, general: [] } } }, 409);
        if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
        const errors = formErrorsOf(error, ['reason', 'note']);
        // In words for the form: the API's messages name the JSON field.
        if (errors.byField.reason) errors.byField.reason = [SUSPENSION_REASON_MISSING];
        if (errors.byField.note) errors.byField.note = [suspensionNoteMessage(values.note)];
        return awardPage(c, staff, id, { suspend: { values, errors: rowVersion === null ? versionRefusal(ROW_VERSION_MISSING, errors) : errors } }, 400);
      }
    })
    .post('/admin/awards/:id/correct', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const id = c.req.param('id');
      // Line breaks as one character each (\n), as the page's maxlength counted them.
      const correctValuesOf = (typed: URLSearchParams) => ({ overview: formText(typed, 'overview'), message: formText(typed, 'message'), awardedOn: typed.has('awardedOn') ? formText(typed, 'awardedOn') : undefined });
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => awardPage(c, staff, id, { correct: { values: correctValuesOf(typed), errors: noticeErrors(notice) } }));
      const values = correctValuesOf(form);
      const rowVersion = postedRowVersion(form);
      if (rowVersion === null) return awardPage(c, staff, id, { correct: { values, errors: versionRefusal(ROW_VERSION_MISSING, null) } }, 400);
      // The day is typed as on the record form (和暦 too); it cannot be cleared. A page from before
      // the form had it (sent after an upgrade) leaves it out: then it stays as it is.
      const typedDay = values.awardedOn;
      const awardedOn = typedDay === undefined ? undefined : readTypedDate(typedDay);
      if (typedDay !== undefined && awardedOn === null) {
        const refused = typedDay.trim() === '' ? problem('awardedOn', '表彰日を入力してください。', 'Enter the award date.') : problem('awardedOn', TYPED_DAY_FORMATS.ja, TYPED_DAY_FORMATS.en);
        // The texts' own problems beside it, so one post names every wrong field.
        return awardPage(c, staff, id, { correct: { values, errors: formErrors([refused, ...awardTextProblems(values)], {}, CORRECT_FORM_FIELDS) } }, 400);
      }
      try {
        const before = await registry.awards.get(id);
        const input = validateBody<AwardCorrectionInput>('awardCorrection', { overview: values.overview, message: values.message, ...(awardedOn ? { awardedOn } : {}) });
        const after = await registry.awards.correct(staff.ctx, id, input, rowVersion);
        const done = after.rowVersion === before.rowVersion ? 'correction-unchanged' : awardSignedContentChanged(before, after) ? 'corrected-reissued' : 'corrected';
        return redirectWithNotice(c, localHref(`/admin/awards/${id}`, staff.lang, { done }));
      } catch (error) {
        // Another change since the page was shown, or a revoked award: said above the form, what was typed kept.
        const refusal = stateChangeRefusal(error, AWARD_CHANGED);
        if (refusal) return awardPage(c, staff, id, { problem: refusal, correct: { values, errors: { byField: {}, general: [] } } }, 409);
        if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
        return awardPage(c, staff, id, { correct: { values, errors: formErrorsOf(error, CORRECT_FORM_FIELDS) } }, 400);
      }
    })
    .post('/admin/awards/:id/reinstate', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const id = c.req.param('id');
      const form = await readCheckedForm(c, publicBaseUrl);
      // Not a suspension another administrator made after this page was shown (its reason unseen).
      const rowVersion = postedRowVersion(form);
      // An award that is not suspended has nothing to reinstate, whatever version the post carries.
      const early = await refusedBeforeForm(id, 'reinstate', rowVersion);
      if (early) return awardPage(c, staff, id, { problem: early }, 409);
      if (rowVersion === null) return awardPage(c, staff, id, { problem: ROW_VERSION_MISSING }, 400);
      let award: Award;
      try {
        award = await registry.awards.act(staff.ctx, id, 'reinstate', {}, rowVersion);
      } catch (error) {
        // Refused from the list too: the award's page shows its current state with why.
        const refusal = stateChangeRefusal(error, AWARD_CHANGED);
        if (!refusal) throw error;
        return awardPage(c, staff, id, { problem: refusal }, 409);
      }
      // Back where the button was: the year's list, or the award's page.
      const done = 'reinstated';
      const to = form.get('from') === 'list' ? localHref('/admin/awards', staff.lang, { year: award.fiscalYear, done }) : localHref(`/admin/awards/${award.id}`, staff.lang, { done });
      return redirectWithNotice(c, to);
    });

  /** Why `action` cannot go ahead on the award as it is now (refusalBeforeForm), or null. */
  async function refusedBeforeForm(id: string, action: AwardAction, rowVersion: number | null) {
    const award = await registry.awards.get(id);
    return refusalBeforeForm(rowVersion, award, AWARD_CHANGED, () => assertAwardAllowed(action, award.status));
  }

  /** The award's page; with the suspension form's values and messages, or why an action was refused. */
  async function awardPage(c: Ctx, staff: StaffMember, id: string, refused: { suspend?: AwardSuspendState; correct?: AwardCorrectState; problem?: Bilingual } = {}, status: PageStatus = 200) {
    const award = await registry.awards.get(id);
    const [organization, partner, [categories, divisions], issued, pendingRevocation] = await Promise.all([
      repos.organizations.get(award.organizationId),
      award.partnerMunicipalityId ? repos.organizations.get(award.partnerMunicipalityId) : Promise.resolve(null),
      codes(),
      credentials.listFor({ type: 'award', id: award.id }),
      award.status === 'revoked' ? Promise.resolve(null) : registry.web.revocations.pendingFor(staff.ctx, 'award', award.id),
    ]);
    const mailed = organization ? await registry.mail.promiseTo(organization) : 'no-address';
    return page(
      c,
      <AwardPage
        staff={staff}
        award={award}
        organization={organization}
        partner={partner}
        categories={categories}
        divisions={divisions}
        credentials={issued}
        twoPersonRevocation={registry.web.settings.twoPersonRevocation}
        pendingRevocation={pendingRevocation}
        mailed={mailed}
        done={noticeOf(c)}
        suspend={refused.suspend}
        correct={refused.correct}
        problem={refused.problem}
      />,
      status,
    );
  }
  return app;
}
