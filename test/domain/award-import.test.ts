/**
 * Importing a fiscal year's awards from CSV, on a real SQLite file with real keys: the bytes as
 * Excel writes them (UTF-8 with or without BOM, Shift_JIS made by iconv: test/fixtures/awards),
 * a preview that names each bad row and column, a commit that records every award or nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWARD_CSV_HEADER, awardCsvTemplate, readHeader } from '../../src/domain/awards/columns.js';
import { parseCsv } from '../../src/domain/awards/csv.js';
import { DomainError } from '../../src/domain/errors.js';
import type { AwardImportPreview } from '../../src/domain/services/award-import.js';
import type { RequestContext } from '../../src/domain/services/index.js';
import { ADMIN, registryOnFreshFile } from '../helpers/database-file.js';

const admin: RequestContext = { ...ADMIN, requestId: 'req-import' };
const NOW = new Date('2026-03-01T00:00:00Z');
const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/awards', name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

/** A registry on a fresh SQLite file: three companies (two with a published declaration), two municipalities, one division. */
async function setup() {
  const { store, registry } = await registryOnFreshFile('award-import-', { now: () => NOW });
  await registry.awards.addCode(admin, 'division', { code: 'large', nameJa: '大企業部門', nameEn: 'Large companies', sortOrder: 10 });
  const company = async (name: string, corporateNumber: string, publish: boolean) => {
    const organization = await registry.organizations.create(admin, { kind: 'company', name, corporateNumber, prefectureCode: '13' });
    const draft = await registry.declarations.create(admin, organization.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
    if (publish) {
      await registry.declarations.act(admin, draft.id, 'submit');
      await registry.declarations.act(admin, draft.id, 'publish');
    }
    return { ...organization, declarationId: draft.id };
  };
  const shoji = await company('テスト商事株式会社', '7123456789012', true);
  const takahashi = await company('株式会社髙橋製作所', '5835678256246', true);
  const draftOnly = await company('下書き株式会社', '1180301018771', false);
  const chiyoda = await registry.organizations.create(admin, { kind: 'municipality', name: '千代田区', localGovernmentCode: '131016', prefectureCode: '13' });
  const sapporo = await registry.organizations.create(admin, { kind: 'municipality', name: '札幌市', localGovernmentCode: '011002', prefectureCode: '01' });
  const count = (table: string) => (store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  /** Every table an award import writes to. */
  const snapshot = () => Object.fromEntries(['awards', 'credentials', 'status_entries', 'change_events', 'audit_log'].map((t) => [t, count(t)]));
  return { store, registry, shoji, takahashi, draftOnly, chiyoda, sapporo, snapshot };
}

/** The rejection a promise ends with, as a DomainError. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const withoutFileFacts = ({ encoding: _e, digest: _d, ...rest }: AwardImportPreview) => rest;
const errorsByLine = (preview: AwardImportPreview) => preview.rows.map((row) => [row.line, row.errors.map((e) => e.field)]);

describe('award CSV: decoding and RFC 4180', () => {
  it('parses quoted fields, doubled quotes, CRLF/LF/CR, line breaks inside quotes, blank rows counted but skipped, a final line break', () => {
    const text = 'a,"b,c","d""e"\r\n"multi\r\nline",,x\n\n,,\rlast,"",\n';
    expect(parseCsv(text, { maxRows: 10 })).toEqual([
      { number: 1, cells: ['a', 'b,c', 'd"e'] },
      { number: 2, cells: ['multi\r\nline', '', 'x'] },
      { number: 5, cells: ['last', '', ''] },
    ]);
    expect(parseCsv('only', { maxRows: 1 })).toEqual([{ number: 1, cells: ['only'] }]);
  });

  it('refuses an unclosed quote, text after a closing quote, and more rows than allowed (too-large), naming the row', () => {
    expect(() => parseCsv('h\n"open', { maxRows: 5 })).toThrow(DomainError);
    const after = (() => {
      try {
        parseCsv('h\n"a"b,c', { maxRows: 5 });
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(after?.fields[0]?.ja).toContain('2 行目');
    const tooMany = (() => {
      try {
        parseCsv('h\n1\n2\n3\n', { maxRows: 2 });
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(tooMany?.kind).toBe('too-large');
  });

  it('offers the header as one constant and a template Excel opens as UTF-8', () => {
    expect(AWARD_CSV_HEADER).toEqual(['年度', '表彰区分', '部門', '法人番号', '地方公共団体コード', '団体名', '連携自治体コード', '概要', 'メッセージ', '表彰日']);
    const bytes = utf8(awardCsvTemplate());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    expect(new TextDecoder().decode(bytes)).toBe(`${AWARD_CSV_HEADER.join(',')}\r\n`);
  });

  it('still reads the award date of a file saved from the former template, whose column said 授賞日 (the fixtures do)', () => {
    expect(readHeader(['年度', '表彰区分', '法人番号', '授賞日'])).toMatchObject({ index: { awardedOn: 3 }, label: { awardedOn: '授賞日' } });
    expect(readHeader(['年度', '表彰区分', '法人番号', '表彰日'])).toMatchObject({ index: { awardedOn: 3 }, label: { awardedOn: '表彰日' } });
  });
});

describe('award CSV import (real SQLite)', () => {
  it('previews the same file alike as UTF-8 with BOM, UTF-8 without BOM and Shift_JIS (iconv CP932)', async () => {
    const { registry, shoji, takahashi, chiyoda, sapporo } = await setup();
    const plain = fixture('fy2025.utf8.csv');
    const sjis = fixture('fy2025.sjis.csv');
    expect(new TextDecoder('shift_jis').decode(sjis)).toBe(new TextDecoder().decode(plain));

    const fromBom = await registry.awardImport.preview(admin, new Uint8Array([...BOM, ...plain]));
    const fromPlain = await registry.awardImport.preview(admin, plain);
    const fromSjis = await registry.awardImport.preview(admin, sjis);
    expect([fromBom.encoding, fromPlain.encoding, fromSjis.encoding]).toEqual(['utf-8', 'utf-8', 'shift_jis']);
    expect(withoutFileFacts(fromPlain)).toEqual(withoutFileFacts(fromBom));
    expect(withoutFileFacts(fromSjis)).toEqual(withoutFileFacts(fromBom));

    expect(fromSjis.ok).toBe(true);
    expect(fromSjis.counts).toEqual({ rows: 3, valid: 3, invalid: 0 });
    // Row 4 is blank: numbers are the rows a spreadsheet shows; row 2 spans two text lines.
    expect(fromSjis.rows.map((r) => [r.line, r.organizationName, r.errors])).toEqual([
      [2, 'テスト商事株式会社', []],
      [3, '株式会社髙橋製作所', []],
      [5, '千代田区', []],
    ]);
    expect(fromSjis.rows.map((r) => r.input)).toEqual([
      {
        organizationId: shoji.id,
        fiscalYear: 2025,
        category: 'minister',
        division: 'large',
        partnerMunicipalityId: sapporo.id,
        overview: '①本社機能の一部を地方へ移転～転職なき移住を実現\n（"引用符"とカンマ,を含む概要）',
        message: null,
        awardedOn: '2026-02-10',
      },
      { organizationId: takahashi.id, fiscalYear: 2025, category: 'excellence', division: null, partnerMunicipalityId: null, overview: '社員の移住を支援', message: null, awardedOn: '2026-02-10' },
      { organizationId: chiyoda.id, fiscalYear: 2025, category: 'excellence', division: null, partnerMunicipalityId: null, overview: null, message: null, awardedOn: null },
    ]);
    expect(fromSjis.rows[0]!.cells.corporateNumber).toBe('７１２３４５６７８９０１２');
  });

  it('refuses a control character in a row’s text, as the API refuses it (it would be signed into the credential)', async () => {
    const { registry } = await setup();
    const file = ['年度,表彰区分,地方公共団体コード,団体名,概要', '2025,優秀賞,011002,札幌市,絵文字😀と\u0001制御'].join('\r\n');
    const preview = await registry.awardImport.preview(admin, utf8(file));
    expect(errorsByLine(preview)).toEqual([[2, ['概要']]]);
    expect(preview.rows[0]!.errors[0]!.ja).toContain('制御文字は使えません');
  });

  it('names each bad row and column; commit refuses and writes nothing; the fixed file records every award with a credential that verifies', async () => {
    const { registry, draftOnly, sapporo, snapshot } = await setup();
    const earlier = await registry.awards.create(admin, { organizationId: sapporo.id, fiscalYear: 2024, category: 'excellence' });
    const bad = [
      '年度,表彰区分,法人番号,地方公共団体コード,団体名,表彰日',
      '2025,大臣賞,7123456789012,,テスト商事株式会社,2026-02-10',
      '2025,優秀賞,4011001098993,,,', // not registered
      '2025,優秀賞,1180301018771,,下書き株式会社,', // a company without a published declaration
      '2025,優秀賞,5835678256246,,テスト物産株式会社,', // the registered name is 株式会社髙橋製作所
      '2025,優秀賞,,131016,千代田区,2026/02/30', // no such day
      '2025,特別賞,,011002,札幌市,', // no such category
      '2025,大臣賞,7123456789012,,テスト商事株式会社,2026-02-10', // row 2 again
      '2025,優秀賞,7123456789013,,,', // wrong check digit
      '令和6年度,優秀賞,,011002,札幌市,', // already recorded (earlier)
      '平成30年度,優秀賞,,011002,,', // not a fiscal year the registry knows
    ].join('\r\n');

    const preview = await registry.awardImport.preview(admin, utf8(bad));
    expect(preview.ok).toBe(false);
    expect(preview.counts).toEqual({ rows: 10, valid: 1, invalid: 9 });
    expect(errorsByLine(preview)).toEqual([
      [2, []],
      [3, ['法人番号']],
      [4, ['法人番号']],
      [5, ['団体名']],
      [6, ['表彰日']],
      [7, ['表彰区分']],
      [8, ['法人番号']],
      [9, ['法人番号']],
      [10, ['表彰区分']],
      [11, ['年度']],
    ]);
    const message = (line: number) => preview.rows.find((r) => r.line === line)!.errors[0]!;
    expect(message(3).ja).toContain('4011001098993 の団体は登録されていません');
    expect(message(4).ja).toContain('公表中の自己宣言');
    expect(message(5).ja).toContain('株式会社髙橋製作所');
    expect(message(7).ja).toContain('特別賞');
    expect(message(8).ja).toContain('2 行目と同じ');
    expect(message(10).ja).toContain(earlier.id);
    for (const row of preview.rows) {
      expect(row.input === null).toBe(row.errors.length > 0);
      for (const e of row.errors) {
        expect(e.ja).toMatch(/\S/);
        expect(e.en).toMatch(/\S/);
      }
    }

    const before = snapshot();
    const refused = await refusal(registry.awardImport.commit(admin, utf8(bad)));
    expect(refused.kind).toBe('validation');
    expect(refused.fields.map((f) => f.field)).toContain('/rows/3/corporateNumber');
    expect((refused.extra.preview as AwardImportPreview).counts.invalid).toBe(9);
    expect(snapshot()).toEqual(before);

    // Fixed: the draft declaration published, the name, date and category corrected, the rest removed.
    await registry.declarations.act(admin, draftOnly.declarationId, 'submit');
    await registry.declarations.act(admin, draftOnly.declarationId, 'publish');
    const fixed = [
      '年度,表彰区分,法人番号,地方公共団体コード,団体名,表彰日',
      '2025,大臣賞,7123456789012,,テスト商事株式会社,2026-02-10',
      '2025,優秀賞,1180301018771,,下書き株式会社,',
      '2025,優秀賞,5835678256246,,株式会社髙橋製作所,',
      '2025,優秀賞,,131016,千代田区,2026/02/03',
      '2025,優秀賞,,011002,札幌市,',
    ].join('\r\n');
    const checked = await registry.awardImport.preview(admin, utf8(fixed));
    expect(checked.ok).toBe(true);
    const beforeCommit = snapshot();
    const result = await registry.awardImport.commit(admin, utf8(fixed), { digest: checked.digest });
    expect(result.awards).toHaveLength(5);
    expect(snapshot()).toMatchObject({ awards: beforeCommit.awards! + 5, credentials: beforeCommit.credentials! + 5, audit_log: beforeCommit.audit_log! + 6 });
    expect(result.awards.map((a) => a.awardedOn)).toEqual(['2026-02-10', '2026-03-01', '2026-03-01', '2026-02-03', '2026-03-01']);

    for (const award of result.awards) {
      expect(await registry.awards.get(award.id)).toEqual(award);
      const credentials = (await registry.credentials.listByOrganization(award.organizationId)).filter((c) => c.subjectType === 'award' && c.subjectId === award.id);
      expect(credentials).toHaveLength(1);
      const [credential] = credentials;
      for (const form of [credential!.jwt, JSON.parse(credential!.dataIntegrity)]) {
        const verdict = await registry.credentials.verify(form, NOW);
        expect(verdict.verified, JSON.stringify(verdict.problemDetails)).toBe(true);
        expect(verdict.registryStatus).toBe('active');
      }
    }

    const created = (await registry.audit.list(admin, { action: 'award.create', limit: 100 })).items.filter((e) => (e.after as { via?: string }).via === 'csv-import');
    expect(created.map((e) => e.entityId).sort()).toEqual(result.awards.map((a) => a.id).sort());
    for (const entry of created) expect(entry.after).toMatchObject({ importId: result.importId });
    expect(created.map((e) => (e.after as { importLine: number }).importLine).sort()).toEqual([2, 3, 4, 5, 6]);
    const [summary, ...more] = (await registry.audit.list(admin, { action: 'award.import', limit: 10 })).items;
    expect(more).toHaveLength(0);
    expect(summary).toMatchObject({ entityType: 'award-import', entityId: result.importId, actorTokenId: 't-admin', requestId: 'req-import' });
    expect(summary!.after).toMatchObject({ via: 'csv-import', rows: 5, digest: checked.digest, awardIds: result.awards.map((a) => a.id) });

    // The same file again: every row is now already recorded.
    const again = await refusal(registry.awardImport.commit(admin, utf8(fixed)));
    expect((again.extra.preview as AwardImportPreview).rows.every((r) => r.errors.some((e) => e.column === 'category'))).toBe(true);
  });

  it('commits the Shift_JIS file as written (CP932 characters, line breaks and quotes in a cell)', async () => {
    const { registry, shoji } = await setup();
    const result = await registry.awardImport.commit(admin, fixture('fy2025.sjis.csv'));
    const award = result.awards.find((a) => a.organizationId === shoji.id)!;
    expect(award.overview).toBe('①本社機能の一部を地方へ移転～転職なき移住を実現\n（"引用符"とカンマ,を含む概要）');
    expect(award.divisionCode).toBe('large');
  });

  it('checks again at commit: a file that was good at preview is refused once a declaration is suspended, and a different file than previewed is refused', async () => {
    const { registry, shoji, snapshot } = await setup();
    const file = fixture('fy2025.utf8.csv');
    const preview = await registry.awardImport.preview(admin, file);
    expect(preview.ok).toBe(true);
    const other = await registry.awardImport.preview(admin, fixture('fy2025.sjis.csv'));
    const untouched = snapshot();
    expect((await refusal(registry.awardImport.commit(admin, file, { digest: other.digest }))).kind).toBe('conflict');
    expect(snapshot()).toEqual(untouched);
    await registry.declarations.act(admin, shoji.declarationId, 'suspend', { reason: 'under-investigation' });
    const before = snapshot();
    const stale = await refusal(registry.awardImport.commit(admin, file, { digest: preview.digest }));
    expect(stale.kind).toBe('validation');
    expect(errorsByLine(stale.extra.preview as AwardImportPreview)).toEqual([[2, ['法人番号']], [3, []], [5, []]]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses file-level problems in one error each: unknown or missing columns, no rows, too many rows, an Excel workbook, bytes in no encoding', async () => {
    const { registry } = await setup();
    const header = await refusal(registry.awardImport.preview(admin, utf8('年度,表彰区分,備考,Corporate Number\n2025,大臣賞,,7123456789012\n')));
    expect(header.kind).toBe('validation');
    expect(header.fields.map((f) => f.ja).join(' ')).toContain('備考');
    expect(header.fields.map((f) => f.ja).join(' ')).not.toContain('法人番号」または');

    const missing = await refusal(registry.awardImport.preview(admin, utf8('fiscalYear,団体名\n2025,x\n')));
    expect(missing.fields.map((f) => f.ja).join(' ')).toMatch(/表彰区分.*法人番号/s);

    expect((await refusal(registry.awardImport.preview(admin, utf8('\uFEFF年度,表彰区分,法人番号\r\n,,\r\n')))).fields[0]!.ja).toContain('データの行がありません');
    expect((await refusal(registry.awardImport.preview(admin, new Uint8Array()))).fields[0]!.ja).toContain('空');

    const rows = Array.from({ length: 101 }, () => '2025,大臣賞,7123456789012').join('\n');
    expect((await refusal(registry.awardImport.preview(admin, utf8(`年度,表彰区分,法人番号\n${rows}\n`)))).kind).toBe('too-large');

    expect((await refusal(registry.awardImport.preview(admin, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).fields[0]!.ja).toContain('.xlsx');
    expect((await refusal(registry.awardImport.preview(admin, new Uint8Array([0x94, 0x4e, 0x81, 0x20, 0xff])))).fields[0]!.en).toContain('neither UTF-8 nor Shift_JIS');
  });

  it('is for administrators only: an organization or the public cannot preview or commit', async () => {
    const { registry, shoji, snapshot } = await setup();
    const file = fixture('fy2025.utf8.csv');
    const before = snapshot();
    for (const actor of [{ role: 'organization' as const, tokenId: 't-org', organizationId: shoji.id }, { role: 'public' as const }]) {
      const ctx: RequestContext = { actor, requestId: null };
      expect((await refusal(registry.awardImport.preview(ctx, file))).kind).toBe('forbidden');
      expect((await refusal(registry.awardImport.commit(ctx, file))).kind).toBe('forbidden');
    }
    expect(snapshot()).toEqual(before);
  });
});
