import { isAdmin } from '../actor.js';
import { AWARD_CSV_COLUMNS, columnJa, foldText, readHeader, readRow, type AwardCsvColumn, type AwardRowValues } from '../awards/columns.js';
import { decodeCsv, parseCsv, type CsvEncoding } from '../awards/csv.js';
import { sha256Hex } from '../encoding.js';
import { conflict, DomainError, forbidden, type FieldProblem } from '../errors.js';
import { japanFiscalYearOf } from '../fiscal-year.js';
import { corporateNumberOfLocalGovernment } from '../identifiers.js';
import type { Award, AwardCode, Organization } from '../model.js';
import { WriteConflict, type WriteOp } from '../../ports/store.js';
import { awardChange, awardMailOps, checkAward, createAwardRuleReader, newAward, type AwardInput } from './awards.js';
import { commitIssuance } from './commit-change.js';
import { auditEntry, type RequestContext, type ServiceDeps } from './context.js';

/**
 * At most this many awards per file. The whole file is one request and one atomic batch: every
 * award's credential is signed in that request and each award adds about ten statements to the
 * batch (and one per e-mail recipient of its organization) and ten reads before it (one more for
 * those recipients; Workers and D1 bound both per invocation). A fiscal year's
 * awards are a few dozen; a larger list is split into files.
 */
export const AWARD_IMPORT_MAX_ROWS = 100;

/** A problem with one row: `field` is the column's header as the file writes it ('' for the whole row). */
export interface AwardImportProblem extends FieldProblem {
  column: AwardCsvColumn | null;
}

export interface AwardImportRow {
  /** The row number a spreadsheet shows for it (the header is row 1). */
  line: number;
  /** The cells as written (trimmed), by column. */
  cells: Partial<Record<AwardCsvColumn, string>>;
  /** What would be recorded; null when the row has errors. */
  input: AwardInput | null;
  /** The registered name of the organization the row names, when found. */
  organizationName: string | null;
  errors: AwardImportProblem[];
}

export interface AwardImportPreview {
  rows: AwardImportRow[];
  /** True when every row is good: commit would record them all. */
  ok: boolean;
  counts: { rows: number; valid: number; invalid: number };
  encoding: CsvEncoding;
  /** SHA-256 (hex) of the uploaded bytes: pass it to commit to be sure the previewed file is the one recorded. */
  digest: string;
  /** Whether the confirmation offers to congratulate the organizations ticked (congratulateByDefault). */
  congratulateByDefault: boolean;
}

export interface AwardImportResult {
  importId: string;
  awards: Award[];
  counts: { rows: number; valid: number; invalid: number };
  /** Whether the organizations were to be congratulated, and how many awards' organizations were (those with no address are not). */
  congratulate: boolean;
  congratulated: number;
}

/**
 * Congratulations are news for this or last fiscal year's awards (a ceremony may follow the year
 * it honours, as the award date may: checkAward). A file of only older years is the record of
 * past ceremonies, entered now: its organizations were congratulated long ago, so the
 * confirmation offers the e-mail unticked and the secretariat decides.
 */
export function congratulateByDefault(fiscalYears: readonly number[], now: Date): boolean {
  const thisFiscalYear = japanFiscalYearOf(now);
  return fiscalYears.some((year) => year >= thisFiscalYear - 1);
}

/** A checked row, with the recipient the commit needs (kept out of the preview). */
type CheckedRow = AwardImportRow & { organization: Organization | null };

/** The shared award rules name AwardInput fields; a row names columns. */
const COLUMN_OF_FIELD: Record<string, AwardCsvColumn | 'organization'> = {
  '/fiscalYear': 'fiscalYear',
  '/category': 'category',
  '/division': 'division',
  '/organizationId': 'organization',
  '/partnerMunicipalityId': 'partnerMunicipalityCode',
  '/overview': 'overview',
  '/message': 'message',
  '/awardedOn': 'awardedOn',
};

/** A code given as its code, its Japanese name or its English name (full-width, case and spaces aside). */
function matchCode(codes: AwardCode[], text: string): AwardCode | null {
  const folded = foldText(text);
  const lower = folded.toLowerCase();
  return codes.find((c) => c.code.toLowerCase() === lower || foldText(c.nameJa) === folded || foldText(c.nameEn).toLowerCase() === lower) ?? null;
}

const listCodes = (codes: AwardCode[]) => ({
  ja: codes.map((c) => `${c.nameJa}（${c.code}）`).join('、'),
  en: codes.map((c) => `${c.code} (${c.nameEn})`).join(', '),
});

/**
 * Importing a fiscal year's awards from a CSV file (the secretariat's back office): preview
 * checks every row against the rules of awards.create, plus rows repeated in the file and awards
 * already recorded; commit checks again (the file may be stale) and records every award, with
 * its credential, change event and audit entry, in one atomic batch, or nothing.
 */
export function createAwardImportService(deps: ServiceDeps, { maxRows = AWARD_IMPORT_MAX_ROWS }: { maxRows?: number } = {}) {
  const { repos, clock } = deps;

  async function examine(bytes: Uint8Array): Promise<{ rows: CheckedRow[]; encoding: CsvEncoding; digest: string }> {
    const { text, encoding } = decodeCsv(bytes);
    const [header, ...records] = parseCsv(text, { maxRows });
    const empty = (ja: string, en: string) => new DomainError('validation', 'CSV ファイルに記録する表彰がありません。', 'The CSV file holds no award to record.', [{ field: 'file', ja, en }]);
    if (!header) throw empty('ファイルが空です。', 'The file is empty.');
    const layout = readHeader(header.cells);
    if (records.length === 0) throw empty('見出しの行の後にデータの行がありません。', 'There are no rows after the header.');

    const read = createAwardRuleReader(repos);
    const [categories, divisions] = await Promise.all([read.categories(), read.divisions()]);
    const byNumber = new Map<string, Promise<Organization | null>>();
    const organizationByNumber = (corporateNumber: string) => {
      let found = byNumber.get(corporateNumber);
      if (!found) byNumber.set(corporateNumber, (found = repos.organizations.getByCorporateNumber(corporateNumber)));
      return found;
    };
    /** A municipality by its 地方公共団体コード: its 法人番号 is derived from the code. */
    const municipalityByCode = async (code: string) => {
      const found = await organizationByNumber(corporateNumberOfLocalGovernment(code));
      return found?.localGovernmentCode === code ? found : null;
    };
    /** The organization a row names by 法人番号 and/or 地方公共団体コード (both must agree). */
    const findOrganization = async (values: AwardRowValues, add: (column: AwardCsvColumn, ja: string, en: string) => void) => {
      const { corporateNumber, localGovernmentCode } = values;
      if (corporateNumber !== null && localGovernmentCode !== null && corporateNumberOfLocalGovernment(localGovernmentCode) !== corporateNumber) {
        add(
          'localGovernmentCode',
          `地方公共団体コード ${localGovernmentCode} が法人番号 ${corporateNumber} と一致しません（法人番号は ${corporateNumberOfLocalGovernment(localGovernmentCode)} のはずです）。`,
          `Local government code ${localGovernmentCode} does not match corporate number ${corporateNumber} (expected ${corporateNumberOfLocalGovernment(localGovernmentCode)}).`,
        );
        return null;
      }
      if (corporateNumber !== null) {
        const found = await organizationByNumber(corporateNumber);
        if (!found) add('corporateNumber', `法人番号 ${corporateNumber} の団体は登録されていません。`, `No organization is registered with corporate number ${corporateNumber}.`);
        return found;
      }
      if (localGovernmentCode !== null) {
        const found = await municipalityByCode(localGovernmentCode);
        if (!found) add('localGovernmentCode', `地方公共団体コード ${localGovernmentCode} の団体は登録されていません。`, `No organization is registered with local government code ${localGovernmentCode}.`);
        return found;
      }
      return null;
    };
    const seen = new Map<string, number>();

    const rows: CheckedRow[] = [];
    for (const record of records) {
      const { values, problems } = readRow(layout, record.cells);
      const cells: Partial<Record<AwardCsvColumn, string>> = {};
      for (const { key } of AWARD_CSV_COLUMNS) {
        const i = layout.index[key];
        const text = i === undefined ? '' : (record.cells[i] ?? '').trim();
        if (text !== '') cells[key] = text;
      }
      const errors: AwardImportProblem[] = [];
      const add = (column: AwardCsvColumn | null, ja: string, en: string) =>
        errors.push({ field: column ? (layout.label[column] ?? columnJa(column)) : '', column, ja, en });
      for (const p of problems) add(p.column, p.ja, p.en);
      const has = (column: AwardCsvColumn) => errors.some((e) => e.column === column);

      const category = values.category === null ? null : matchCode(categories, values.category);
      if (values.category !== null && !category) {
        const known = listCodes(categories);
        add('category', `表彰区分「${values.category}」は登録されていません。${known.ja} のいずれかです。`, `Category "${values.category}" is not registered; one of ${known.en}.`);
      }
      const division = values.division === null ? null : matchCode(divisions, values.division);
      if (values.division !== null && !division) {
        const known = listCodes(divisions);
        add('division', `部門「${values.division}」は登録されていません。${known.ja ? `${known.ja} のいずれかです。` : ''}`, `Division "${values.division}" is not registered${known.en ? `; one of ${known.en}` : ''}.`);
      }

      // Problems about the recipient go to the column that names it.
      const organizationColumn: AwardCsvColumn = cells.corporateNumber !== undefined || layout.index.localGovernmentCode === undefined ? 'corporateNumber' : 'localGovernmentCode';
      const organization = await findOrganization(values, add);
      if (organization && values.organizationName !== null && foldText(values.organizationName) !== foldText(organization.name)) {
        add(
          'organizationName',
          `団体名「${values.organizationName}」が、${columnJa(organizationColumn)}で登録されている「${organization.name}」と一致しません。番号を確かめてください。`,
          `Name "${values.organizationName}" differs from "${organization.name}", registered under this ${organizationColumn}; check the number.`,
        );
      }
      let partnerMunicipalityId: string | null = null;
      if (values.partnerMunicipalityCode !== null) {
        const partner = await municipalityByCode(values.partnerMunicipalityCode);
        if (partner) partnerMunicipalityId = partner.id;
        else add('partnerMunicipalityCode', `地方公共団体コード ${values.partnerMunicipalityCode} の地方公共団体は登録されていません。`, `No municipality is registered with local government code ${values.partnerMunicipalityCode}.`);
      }

      let input: AwardInput | null = null;
      if (organization && category && values.fiscalYear !== null) {
        input = {
          organizationId: organization.id,
          fiscalYear: values.fiscalYear,
          category: category.code,
          division: division?.code ?? null,
          partnerMunicipalityId,
          overview: values.overview,
          message: values.message,
          awardedOn: values.awardedOn,
        };
        // The same rules as awards.create; a column already wrong on its own is not reported twice.
        const checked = await checkAward(input, read, clock.now());
        for (const p of checked.problems) {
          const mapped = COLUMN_OF_FIELD[p.field];
          const column = mapped === 'organization' ? organizationColumn : (mapped ?? null);
          if (column && has(column)) continue;
          add(column, p.ja, p.en);
        }
        const key = `${organization.id}|${input.fiscalYear}|${input.category}`;
        const earlier = seen.get(key);
        // One already recorded is checkAward's (above); one twice in this file is the file's.
        if (earlier !== undefined) add(organizationColumn, `${earlier} 行目と同じ団体・年度・表彰区分です。`, `Same organization, fiscal year and category as row ${earlier}.`);
        else seen.set(key, record.number);
      }

      rows.push({
        line: record.number,
        cells,
        input: errors.length === 0 ? input : null,
        organizationName: organization?.name ?? null,
        errors,
        organization,
      });
    }
    return { rows, encoding, digest: await sha256Hex(new Uint8Array(bytes)) };
  }


  const countsOf = (rows: AwardImportRow[]) => {
    const valid = rows.filter((r) => r.errors.length === 0).length;
    return { rows: rows.length, valid, invalid: rows.length - valid };
  };

  const toPreview = ({ rows, encoding, digest }: Awaited<ReturnType<typeof examine>>): AwardImportPreview => {
    const counts = countsOf(rows);
    const years = rows.flatMap((r) => (r.input ? [r.input.fiscalYear] : []));
    return { rows: rows.map(({ organization: _, ...row }) => row), ok: counts.invalid === 0, counts, encoding, digest, congratulateByDefault: congratulateByDefault(years, clock.now()) };
  };

  return {
    /** Reads and checks the file; records nothing. File-level problems (encoding, CSV shape, header, size) throw. */
    async preview(ctx: RequestContext, bytes: Uint8Array): Promise<AwardImportPreview> {
      if (!isAdmin(ctx.actor)) throw forbidden();
      return toPreview(await examine(bytes));
    },

    /**
     * Checks the file again and records all its awards in one batch, or none: any bad row refuses
     * the whole file (a 'validation' error whose `preview` says which rows and columns, and whose
     * fields are `/rows/{line}/{column}`). Give the preview's `digest` to refuse a different file.
     * `congratulate`: queue each organization's award.recorded e-mail, as awards.create does
     * (the default); false records a past year's awards without telling anyone.
     */
    async commit(ctx: RequestContext, bytes: Uint8Array, options: { digest?: string; congratulate?: boolean } = {}): Promise<AwardImportResult> {
      const congratulate = options.congratulate ?? true;
      if (!isAdmin(ctx.actor)) throw forbidden();
      const examined = await examine(bytes);
      if (options.digest !== undefined && options.digest !== examined.digest) {
        throw conflict('プレビューしたファイルと内容が異なります。もう一度プレビューしてください。', 'The file differs from the one previewed; preview it again.');
      }
      const preview = toPreview(examined);
      if (!preview.ok) {
        throw new DomainError(
          'validation',
          `CSV の ${preview.counts.invalid} 行に誤りがあるため、どの表彰も記録していません。`,
          `${preview.counts.invalid} rows of the CSV file have errors, so no award was recorded.`,
          preview.rows.flatMap((row) => row.errors.map((e) => ({ field: `/rows/${row.line}${e.column ? `/${e.column}` : ''}`, ja: `${row.line} 行目 ${e.field}: ${e.ja}`, en: `Row ${row.line} ${e.field}: ${e.en}` }))),
          { preview },
        );
      }

      const importId = deps.newId();
      const now = clock.now().toISOString();
      const recorded = examined.rows.map((row) => ({ row, award: newAward(row.input!, { id: deps.newId(), now }), organization: row.organization! }));
      const categories = congratulate ? await repos.awards.categories() : [];
      const changes: ReturnType<typeof awardChange>[] = [];
      let congratulated = 0;
      for (const { row, award, organization } of recorded) {
        // Each organization's congratulations (as awards.create sends them) join the file's one batch.
        const mail = congratulate ? await awardMailOps(deps, { action: 'create', after: award, organization, categories }) : [];
        if (mail.length > 0) congratulated++;
        changes.push(awardChange(deps, ctx, {
          action: 'create',
          before: null,
          after: award,
          organization,
          ops: [...repos.awards.insert(award), ...mail],
          auditAfter: { ...award, via: 'csv-import', importId, importLine: row.line },
        }));
      }
      const listed = [...new Set(recorded.map((r) => r.organization.id))].map((id) => repos.organizations.markListed(id));
      const summary = auditEntry(ctx, now, {
        action: 'award.import',
        entityType: 'award-import',
        entityId: importId,
        before: null,
        after: { via: 'csv-import', digest: examined.digest, encoding: examined.encoding, rows: recorded.length, awardIds: recorded.map((r) => r.award.id), congratulate, congratulated },
      });
      // One batch for the whole file. A status index drawn for any credential may be taken
      // meanwhile: then every credential is signed again (commitIssuance), the rest reused.
      try {
        await commitIssuance(deps.uow, async () => {
          const ops: WriteOp[] = [];
          for (const change of changes) ops.push(...change.ops, ...(await change.credentialOps()), ...change.eventOps, repos.audit.append(change.audit));
          return [...ops, ...listed, repos.audit.append(summary)];
        });
      } catch (error) {
        // An award of the file was recorded meanwhile (the same file confirmed twice at once): none of this batch is.
        if (!(error instanceof WriteConflict)) throw error;
        throw conflict('このファイルの表彰は、同時に行われた記録ですでに記録されています。どの表彰も重ねて記録していません。年度の一覧をご確認ください。', 'An award of this file was recorded meanwhile (the file confirmed twice at once); none was recorded again. Check the fiscal year’s list.');
      }
      return { importId, awards: recorded.map((r) => r.award), counts: preview.counts, congratulate, congratulated };
    },
  };
}

export type AwardImportService = ReturnType<typeof createAwardImportService>;
