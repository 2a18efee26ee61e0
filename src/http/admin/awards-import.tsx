// Back office, awards: importing a fiscal year's awards from a CSV file. Upload → preview (every
// row checked, nothing stored) → confirm. Nothing is kept on the server between preview and
// confirm: the confirm form carries the file itself (base64url) and the preview's digest.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { AWARD_CSV_COLUMNS, type AwardCsvColumn } from '../../domain/awards/columns.js';
import { base64urlDecode, base64urlEncode } from '../../domain/encoding.js';
import { DomainError } from '../../domain/errors.js';
import type { AwardCode } from '../../domain/model.js';
import { AWARD_IMPORT_MAX_ROWS, type AwardImportPreview } from '../../domain/services/award-import.js';
import { checkCsrf } from '../auth/session.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { FROM_PAGE_FIELD } from '../pages/page-context.js';
import { refuseStaleForm } from '../web/form.js';
import { FieldError } from '../web/my/form-fields.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { rememberFromPage } from '../web/page-again.js';
import { AdminLayout } from './admin-layout.js';
import type { StaffMember } from './staff-member.js';

/** The largest CSV file taken: AWARD_IMPORT_MAX_ROWS rows with long overviews fit well within it. */
export const MAX_CSV_BYTES = 1024 * 1024;
/**
 * The multipart body of either form: the file (upload) or its base64url copy (confirm, 4/3 of
 * it), plus the framing and the small fields. The confirm form is multipart too: the
 * urlencoded forms' 256 KiB limit (web/form.ts) is too small for the file it carries.
 */
const MAX_UPLOAD_BODY = Math.ceil(MAX_CSV_BYTES / 3) * 4 + 64 * 1024;

const size = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** A whole-file problem, as the import page shows it. */
export interface FileProblem {
  status: 400 | 409 | 413;
  message: Bilingual;
  details: Bilingual[];
}

export const fileProblem = (status: FileProblem['status'], message: Bilingual, details: Bilingual[] = []): FileProblem => ({ status, message, details });

const TOO_LARGE = fileProblem(413, {
  ja: `ファイルが大きすぎます（上限 ${size(MAX_CSV_BYTES)}、${AWARD_IMPORT_MAX_ROWS} 行まで）。ファイルを分けて取り込んでください。`,
  en: `The file is too large (at most ${size(MAX_CSV_BYTES)} and ${AWARD_IMPORT_MAX_ROWS} rows); split it into several files.`,
});

/** What the domain refused about the file as a whole (encoding, CSV shape, header, size), for the page. */
export function fileProblemOf(error: unknown): FileProblem {
  if (!(error instanceof DomainError) || !['validation', 'too-large', 'conflict'].includes(error.kind)) throw error;
  const status = error.kind === 'too-large' ? 413 : error.kind === 'conflict' ? 409 : 400;
  return fileProblem(status, { ja: error.ja, en: error.en }, error.fields.map((f) => ({ ja: f.ja, en: f.en })));
}

/**
 * Reads either form of the import (multipart): size-limited while reading (readBodyBytes), parsed
 * from the bytes read as /verify does (the platform's own multipart parser, Node and Workers
 * alike), and its CSRF token checked before any field is looked at. A body too large or not
 * multipart at all is answered with the import page (no state is touched); such a post from
 * another site is refused all the same (checkCsrf's Origin check, the token being unreadable).
 * An expired token from this site's own page: `redisplay` with the message (403), as
 * readCheckedForm does for the urlencoded forms.
 */
export async function readImportForm(c: Context<AppEnv>, publicBaseUrl: string, redisplay?: (problem: FileProblem) => Response | Promise<Response>): Promise<FormData | FileProblem> {
  const originOnly = () => checkCsrf(c, publicBaseUrl, c.var.web?.session.csrfToken);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyBytes(c, MAX_UPLOAD_BODY);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'too-large') {
      originOnly();
      return TOO_LARGE;
    }
    throw error;
  }
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData();
  } catch {
    originOnly();
    return fileProblem(400, { ja: '送信されたフォームを読み取れませんでした。ページを開き直して、もう一度ファイルを選んでください。', en: 'The form could not be read. Open the page again and choose the file once more.' });
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : null;
  };
  try {
    checkCsrf(c, publicBaseUrl, text('csrf'));
  } catch (error) {
    // An expired token on this site's own page: the import page again, saying to choose the file again.
    return refuseStaleForm(c, publicBaseUrl, error, text(FROM_PAGE_FIELD), redisplay && (() => redisplay(STALE_FILE)));
  }
  // The check page answering it belongs to the page the form was on (page-again.ts).
  rememberFromPage(c, text(FROM_PAGE_FIELD));
  return form;
}

/** The import page's message after an expired token (STALE_FORM_NOTICE's wording): a browser cannot keep the chosen file. */
const STALE_FILE = fileProblem(400, {
  ja: 'ページを開いてから時間が経ったため、送信を確認できませんでした。まだ何も記録していません。選んだファイルはブラウザーに残らないため、もう一度ファイルを選んで送信してください。',
  en: 'Too much time passed since this page was opened, so the submission could not be confirmed. Nothing was recorded yet. The browser does not keep the chosen file: choose the file again and send it.',
});

const NO_FILE = fileProblem(400, { ja: 'CSV ファイルを選んでください。', en: 'Choose a CSV file.' }, [{ ja: 'ファイルが選ばれていないか、空です。', en: 'No file was chosen, or it is empty.' }]);

/** The uploaded file's bytes (preview). */
export async function uploadedFile(form: FormData): Promise<Uint8Array | FileProblem> {
  const file = form.get('file');
  if (!file || typeof file === 'string' || file.size === 0) return NO_FILE;
  if (file.size > MAX_CSV_BYTES) return TOO_LARGE;
  return new Uint8Array(await file.arrayBuffer());
}

/** The file the confirm form carries (base64url; a file upload is taken too), and the preview's digest. */
export async function confirmedFile(form: FormData): Promise<{ bytes: Uint8Array; digest: string | undefined } | FileProblem> {
  const field = form.get('file');
  const digestField = form.get('digest');
  const digest = typeof digestField === 'string' && /^[0-9a-f]{64}$/.test(digestField) ? digestField : undefined;
  if (field !== null && typeof field !== 'string') {
    const bytes = await uploadedFile(form);
    return bytes instanceof Uint8Array ? { bytes, digest } : bytes;
  }
  if (!field) return NO_FILE;
  let bytes: Uint8Array;
  try {
    bytes = base64urlDecode(field);
  } catch {
    return fileProblem(400, { ja: '確認フォームのファイルが壊れています。もう一度アップロードしてください。', en: 'The file in the confirm form is damaged; upload it again.' });
  }
  if (bytes.byteLength === 0) return NO_FILE;
  if (bytes.byteLength > MAX_CSV_BYTES) return TOO_LARGE;
  return { bytes, digest };
}

/** What each column takes, beside the columns' names (AWARD_CSV_COLUMNS). */
const COLUMN_NOTES: Record<AwardCsvColumn, (codes: { categories: AwardCode[]; divisions: AwardCode[] }) => Bilingual> = {
  fiscalYear: () => ({ ja: '西暦4桁（2025）、「2025年度」または「令和7年度」。', en: '4 digits (2025), 2025年度 or 令和7年度.' }),
  category: ({ categories }) => ({
    ja: `コード・日本語名・英語名のいずれか: ${categories.map((c) => `${c.nameJa}（${c.code}）`).join('、')}。`,
    en: `Its code, Japanese or English name: ${categories.map((c) => `${c.code} (${c.nameEn})`).join(', ')}.`,
  }),
  division: ({ divisions }) =>
    divisions.length === 0
      ? { ja: '部門はまだ登録されていません。空欄にしてください。', en: 'No division is registered yet; leave it empty.' }
      : { ja: `空欄、または ${divisions.map((c) => `${c.nameJa}（${c.code}）`).join('、')}。`, en: `Empty, or one of ${divisions.map((c) => `${c.code} (${c.nameEn})`).join(', ')}.` },
  corporateNumber: () => ({ ja: '受賞団体の13桁の法人番号（全角・ハイフン可）。', en: 'The organization’s 13-digit corporate number (full-width digits and hyphens are fine).' }),
  localGovernmentCode: () => ({ ja: '受賞した自治体の6桁の地方公共団体コード。法人番号と両方書くときは一致が必要です。', en: 'The awarded municipality’s 6-digit code; if the corporate number is given too, they must agree.' }),
  organizationName: () => ({ ja: '確認用。書いた場合は登録名と一致しなければなりません。', en: 'A check: when given, it must match the registered name.' }),
  partnerMunicipalityCode: () => ({ ja: '連携自治体の6桁の地方公共団体コード。', en: 'The partner municipality’s 6-digit local government code.' }),
  overview: () => ({ ja: '4000文字まで。セル内の改行も使えます。', en: 'Up to 4000 characters; line breaks within the cell are kept.' }),
  message: () => ({ ja: '4000文字まで。', en: 'Up to 4000 characters.' }),
  awardedOn: () => ({ ja: '2026-02-10、2026/2/10、2026年2月10日、令和8年2月10日（R8.2.10）のいずれか。空欄なら取り込んだ日。', en: '2026-02-10, 2026/2/10, 2026年2月10日 or 令和8年2月10日 (R8.2.10); empty: the day of the import.' }),
};

const requiredLabel = (key: AwardCsvColumn, required: boolean, ja: boolean) =>
  required ? (ja ? '必須' : 'Required') : key === 'corporateNumber' || key === 'localGovernmentCode' ? (ja ? 'どちらか必須' : 'One of the two') : ja ? '任意' : 'Optional';

/**
 * The upload form (on the import page, and again under a preview with errors). novalidate, as every
 * other form: without a file the registry answers NO_FILE beside the field, in the page's language,
 * rather than the browser's bubble in the browser's.
 */
const UploadForm: FC<{ staff: StaffMember; label?: string; problem?: FileProblem | undefined }> = ({ staff, label, problem }) => {
  const ja = staff.lang === 'ja';
  const noFile = problem === NO_FILE;
  return (
    <form method="post" action={localHref('/admin/awards/import/preview', staff.lang)} enctype="multipart/form-data" class="card" id="import-form" novalidate>
      <Csrf token={staff.csrf} />
      <div class={`field${noFile ? ' field--error' : ''}`}>
        <label for="f-file">{label ?? (ja ? 'CSV ファイル' : 'CSV file')}</label>
        <p class="hint" id="f-file-hint">
          {ja
            ? `UTF-8（BOM あり・なし）または Shift_JIS（Excel の「CSV」）。${AWARD_IMPORT_MAX_ROWS} 行、${size(MAX_CSV_BYTES)} まで。`
            : `UTF-8 (with or without BOM) or Shift_JIS (Excel's plain "CSV"). Up to ${AWARD_IMPORT_MAX_ROWS} rows and ${size(MAX_CSV_BYTES)}.`}
        </p>
        <FieldError id="f-file-error" lang={staff.lang} errors={noFile ? [NO_FILE.message] : undefined} />
        <input type="file" id="f-file" name="file" accept=".csv,text/csv" required aria-invalid={noFile ? 'true' : undefined} aria-describedby={noFile ? 'f-file-hint f-file-error' : 'f-file-hint'} />
      </div>
      <p class="actions">
        <button type="submit" class="button" id="import-preview-button">{ja ? '内容を確認する（まだ記録しません）' : 'Check the file (nothing is recorded yet)'}</button>
      </p>
    </form>
  );
};

/** GET /admin/awards/import, and a file refused as a whole. */
export const ImportPage: FC<{ staff: StaffMember; categories: AwardCode[]; divisions: AwardCode[]; problem?: FileProblem | undefined }> = ({ staff, categories, divisions, problem }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  return (
    <AdminLayout staff={staff} title={{ ja: 'CSV から表彰を取り込む', en: 'Import awards from CSV' }} section="awards">
      <p>
        <a href={localHref('/admin/awards', lang)}>{ja ? '← 表彰の一覧' : '← Awards'}</a>
      </p>
      <h1>{ja ? 'CSV から表彰を取り込む' : 'Import awards from CSV'}</h1>
      {/* Takes focus as the page opens (autofocus), as a refused form's ErrorSummary: read first. */}
      {problem ? (
        <div class="error-summary" role="alert" tabindex={-1} id="import-problem" aria-labelledby="import-problem-title" autofocus>
          <h2 id="import-problem-title">{problem.message[lang]}</h2>
          {problem.details.length > 0 ? (
            <ul>
              {problem.details.map((d) => (
                <li>{d[lang]}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p>
        {ja
          ? '1行に1件の表彰を書いた CSV ファイルをアップロードすると、まず全行を確認した結果を表示します。誤りがなければ「記録する」で全件をまとめて記録します（1行でも誤りがあれば何も記録しません）。'
          : 'Upload a CSV file with one award per row: every row is checked and shown first. If none has an error, “Record” records them all at once (one bad row and nothing is recorded).'}
      </p>
      <p>
        <a href="/admin/awards/import/template.csv" id="template-link" download="award-import-template.csv">
          {ja ? 'テンプレート（見出し行だけの CSV）をダウンロード' : 'Download the template (a CSV with the header row only)'}
        </a>
      </p>
      <UploadForm staff={staff} problem={problem} />
      <h2>{ja ? '列の説明' : 'The columns'}</h2>
      <p>
        {ja
          ? '1行目は見出しの行です。列の順番は自由で、任意の列は省略できます。見出しは日本語名（英語のキーも可）で書きます。'
          : 'Row 1 is the header row. Columns may come in any order, optional ones may be left out. Headers are the Japanese names (the English keys work too).'}
      </p>
      <div class="table-scroll" role="region" aria-labelledby="import-columns-caption" tabindex={0}>
        <table id="import-columns">
          <caption id="import-columns-caption">{ja ? '取り込める列' : 'Columns of the file'}</caption>
          <thead>
            <tr>
              <th scope="col">{ja ? '見出し' : 'Header'}</th>
              <th scope="col">{ja ? '必須' : 'Required'}</th>
              <th scope="col">{ja ? '書き方' : 'What it takes'}</th>
              <th scope="col">{ja ? '例' : 'Example'}</th>
            </tr>
          </thead>
          <tbody>
            {AWARD_CSV_COLUMNS.map((column) => (
              <tr>
                <th scope="row">
                  {column.ja}
                  <span class="muted"> ({column.key})</span>
                </th>
                <td>{requiredLabel(column.key, column.required, ja)}</td>
                <td>{COLUMN_NOTES[column.key]({ categories, divisions })[lang]}</td>
                <td>{column.example ? <code>{column.example}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
};

const ENCODING_LABELS: Record<AwardImportPreview['encoding'], Bilingual> = {
  'utf-8': { ja: 'UTF-8', en: 'UTF-8' },
  shift_jis: { ja: 'Shift_JIS（Excel の「CSV」）', en: 'Shift_JIS (Excel’s plain “CSV”)' },
};

/** Numbers and dates the secretariat compares with its own list: kept on one line (Japanese text breaks between any two characters). */
const CODE_COLUMNS: ReadonlySet<AwardCsvColumn> = new Set(['fiscalYear', 'corporateNumber', 'localGovernmentCode', 'partnerMunicipalityCode', 'awardedOn']);

/** A long cell shortened for the table (the whole text is recorded). */
const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** The confirm form's checkbox: a browser posts it only when ticked. */
export const CONGRATULATE_FIELD = 'congratulate';

/**
 * POST /admin/awards/import/preview, and a refused commit: every row with its problems; if all
 * are good, the confirm form. `congratulate`: the choice posted with a refused confirmation
 * (kept); on a first preview, the file's default (congratulateByDefault).
 */
export const PreviewPage: FC<{ staff: StaffMember; preview: AwardImportPreview; file: Uint8Array; refusal?: FileProblem | undefined; congratulate?: boolean | undefined }> = ({ staff, preview, file, refusal, congratulate }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  // The columns the file fills in (or that a problem names), in template order.
  const shown = AWARD_CSV_COLUMNS.filter((column) => preview.rows.some((row) => row.cells[column.key] !== undefined || row.errors.some((e) => e.column === column.key)));
  const { counts } = preview;
  return (
    <AdminLayout staff={staff} title={{ ja: '取り込む内容の確認', en: 'Check the import' }} section="awards">
      <p>
        <a href={localHref('/admin/awards/import', lang)}>{ja ? '← CSV の取り込み' : '← Import from CSV'}</a>
      </p>
      <h1>{ja ? '取り込む内容の確認' : 'Check the import'}</h1>
      {/* Takes focus as the page opens, as the import page's problem does. */}
      {refusal ? (
        <div class="error-summary" role="alert" tabindex={-1} id="import-problem" aria-labelledby="import-problem-title" autofocus>
          <h2 id="import-problem-title">{refusal.message[lang]}</h2>
          <p>{ja ? '何も記録していません。下の確認結果を見直してください。' : 'Nothing was recorded. See the check below.'}</p>
        </div>
      ) : null}
      <ul class="admin-counts import-counts" id="import-counts">
        <li>
          <strong>{counts.rows}</strong>
          {ja ? '行' : 'rows'}
        </li>
        <li>
          <strong>{counts.valid}</strong>
          {ja ? '行は記録できます' : 'can be recorded'}
        </li>
        <li>
          <strong>{counts.invalid}</strong>
          {ja ? '行に誤りがあります' : 'with errors'}
        </li>
      </ul>
      <p id="import-encoding">
        {ja ? '文字コード: ' : 'Encoding: '}
        {ENCODING_LABELS[preview.encoding][lang]}
      </p>
      {preview.ok ? (
        <Notice text={ja ? `すべての行に誤りはありません。「記録する」で ${counts.rows} 件の表彰を記録します。` : `No row has an error. “Record” records ${counts.rows === 1 ? 'the award' : `${counts.rows} awards`}.`} kind="success" />
      ) : (
        <Notice
          text={ja ? `${counts.invalid} 行に誤りがあります。ファイルを直して、もう一度アップロードしてください（このままでは何も記録できません）。` : `${counts.invalid === 1 ? '1 row has an error' : `${counts.invalid} rows have errors`}. Fix the file and upload it again (nothing can be recorded as it is).`}
          kind="error"
        />
      )}
      <div class="table-scroll" role="region" aria-labelledby="import-preview-caption" tabindex={0}>
        <table id="import-preview" class="import-preview">
          <caption id="import-preview-caption">{ja ? 'ファイルの各行（行番号は表計算ソフトでの行番号です）' : 'Each row of the file (row numbers as a spreadsheet shows them)'}</caption>
          <thead>
            <tr>
              <th scope="col">{ja ? '行' : 'Row'}</th>
              {/* The result first: on a narrow screen it is what shows before scrolling. */}
              <th scope="col">{ja ? '確認結果' : 'Check'}</th>
              {shown.map((column) => (
                <th scope="col">{column.ja}</th>
              ))}
              <th scope="col">{ja ? '登録されている団体' : 'Registered organization'}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => {
              const bad = row.errors.length > 0;
              return (
                <tr class={bad ? 'row--error' : undefined} id={`row-${row.line}`}>
                  <th scope="row">{ja ? `${row.line} 行目` : `Row ${row.line}`}</th>
                  <td>
                    {bad ? (
                      <ul class="row-errors">
                        {row.errors.map((e) => (
                          <li>
                            <strong>{e.field || (ja ? '行全体' : 'Whole row')}</strong>
                            {ja ? '：' : ': '}
                            {e[lang]}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span class="row-ok">{ja ? '問題なし' : 'OK'}</span>
                    )}
                  </td>
                  {shown.map((column) => {
                    const wrong = row.errors.some((e) => e.column === column.key);
                    const long = column.key === 'overview' || column.key === 'message';
                    return (
                      <td class={[wrong ? 'cell--error' : '', long ? 'cell--long' : '', CODE_COLUMNS.has(column.key) ? 'cell--code' : ''].filter(Boolean).join(' ') || undefined}>
                        <span class="cell-text">{shorten(row.cells[column.key] ?? '')}</span>
                        {wrong ? <span class="visually-hidden">{ja ? '（誤りあり）' : ' (error)'}</span> : null}
                      </td>
                    );
                  })}
                  <td>{row.organizationName ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {preview.ok ? (
        <form method="post" action={localHref('/admin/awards/import/commit', lang)} enctype="multipart/form-data" id="confirm-form">
          <Csrf token={staff.csrf} />
          {/* The file itself travels back with the confirmation: nothing is kept on the server in between. */}
          <input type="hidden" name="file" value={base64urlEncode(file)} />
          <input type="hidden" name="digest" value={preview.digest} />
          <div class="field">
            <label for="f-congratulate">
              <input type="checkbox" id="f-congratulate" name={CONGRATULATE_FIELD} value="1" checked={congratulate ?? preview.congratulateByDefault} aria-describedby="f-congratulate-hint" />
              {ja ? ' 受賞団体にお祝いのメールを送る' : ' E-mail the organizations their congratulations'}
            </label>
            <p class="hint" id="f-congratulate-hint">
              {preview.congratulateByDefault
                ? ja
                  ? '今年度または前年度の表彰を含むため、最初から選んであります。メールは団体のメンバーと連絡先のアドレスに、バッジキットへのリンクを添えて送ります。'
                  : 'Ticked because the file holds awards of this or last fiscal year. The e-mail goes to the organization’s members and contact address, with the badge kit link.'
                : ja
                  ? '前年度より前の表彰だけのため、最初は選んでいません（過去の表彰を記録するときは、ふつうお祝いを送りません）。送る場合は選んでください。'
                  : 'Not ticked because every award is older than last fiscal year (recording past awards usually sends no congratulations). Tick it to send them.'}
            </p>
          </div>
          <p class="actions">
            <button type="submit" class="button" id="import-confirm">{ja ? `${counts.rows} 件の表彰を記録する` : counts.rows === 1 ? 'Record the award' : `Record ${counts.rows} awards`}</button>
            <a href={localHref('/admin/awards/import', lang)} class="button button--secondary">{ja ? 'やめる' : 'Cancel'}</a>
          </p>
        </form>
      ) : (
        <section aria-labelledby="reupload-title">
          <h2 id="reupload-title">{ja ? '直したファイルをアップロードする' : 'Upload the corrected file'}</h2>
          <UploadForm staff={staff} />
        </section>
      )}
    </AdminLayout>
  );
};
