import type { FC } from 'hono/jsx';
import { STATUS_LABELS, RENEWAL_UNDER_REVIEW } from '../../domain/declaration-lifecycle.js';
import type { AwardCode } from '../../domain/model.js';
import type { LookupResult } from '../../domain/services/lookup.js';
import { TableScroll } from '../admin/table-scroll.js';
import { ErrorSummary, TextArea, TextInput } from '../web/my/form-fields.js';
import { categoryName, divisionSuffix } from './badge-alt.js';
import { formatAsOf, formatCount, formatDate, formatFiscalYearShort, formatRange } from './format.js';
import { localHref, pick, type Bilingual, type Lang } from './i18n.js';
import { Layout } from './layout.js';
import { OrganizationName } from './organization-name.js';

export const CHECK_PATH = '/check';
/** The list's field: its id is the error summary's link target. */
export const CHECK_FIELD = 'numbers';
/** The optional day (基準日) the declarations are also read at. */
export const CHECK_DAY_FIELD = 'on';

export interface CheckOutcome {
  asOf: Date;
  results: LookupResult[];
  /** Entries given more than once, kept once. */
  repeated: number;
  /** The day asked for (YYYY-MM-DD): each result's declarationOn is read at its end. */
  on?: string;
}

/**
 * GET and POST /check: a business federation checks which of its members have declared, a
 * recruiting agency the companies it features, by pasting their 法人番号 (a column copied from
 * Excel will do). A plain form post, so it works without JavaScript; its second button downloads
 * the same answer as CSV.
 */
export const CheckPage: FC<{ lang: Lang; text: string; on: string; error?: Bilingual | undefined; onError?: Bilingual | undefined; outcome?: CheckOutcome; categories: AwardCode[]; divisions: AwardCode[]; limit: number }> = ({
  lang, text, on, error, onError, outcome, categories, divisions, limit,
}) => {
  const ja = lang === 'ja';
  const title = ja ? '法人番号でまとめて確認する' : 'Check a list of corporate numbers';
  return (
    <Layout lang={lang} title={outcome ? `${title} — ${ja ? `${formatCount(outcome.results.length)}件の結果` : `${formatCount(outcome.results.length)} results`}` : title} section="organizations" otherLangHref={localHref(CHECK_PATH, ja ? 'en' : 'ja')}>
      <h1>{title}</h1>
      <p class="lead">
        {ja
          ? `会員企業や取引先が自己宣言・表彰の登録簿に公表されているかを、法人番号（13桁）のリストで一度に確認できます。${formatCount(limit)}件まで。Excel の列をそのまま貼り付けられます。`
          : `See at once whether your member companies or clients are listed in the registry of declarations and awards, from a list of their corporate numbers (13 digits). Up to ${formatCount(limit)}. A column copied from Excel will do.`}
      </p>
      <ErrorSummary
        lang={lang}
        items={[...(error ? [{ href: `#f-${CHECK_FIELD}`, text: error[lang] }] : []), ...(onError ? [{ href: `#f-${CHECK_DAY_FIELD}`, text: onError[lang] }] : [])]}
      />
      {outcome ? <CheckResults lang={lang} outcome={outcome} categories={categories} divisions={divisions} /> : null}
      <form class="check-form" method="post" action={localHref(CHECK_PATH, lang)}>
        <TextArea
          lang={lang}
          name={CHECK_FIELD}
          label={ja ? '法人番号のリスト' : 'Corporate numbers'}
          hint={ja ? '1行に1件、またはカンマ・読点・空白で区切って入力します。全角数字やハイフン入りでも構いません。団体名などの数字を含まない語は読み飛ばします。' : 'One a line, or separated by commas or spaces. Full-width digits and hyphens are fine; words without digits (names, a header) are skipped.'}
          value={text}
          rows={8}
          errors={error ? [error] : undefined}
          required
        />
        <TextInput
          lang={lang}
          type="date"
          name={CHECK_DAY_FIELD}
          label={ja ? '基準日（任意）' : 'On a day (optional)'}
          hint={
            ja
              ? '補助金の申請日など、過去の日を入れると、その日の終わり（日本時間）に自己宣言が有効だったか、どの表彰を受けていたかも示します。'
              : 'A past day, such as the day of a subsidy application: the results also show whether each declaration was in force, and which awards were held, at the end of that day (Japan time).'
          }
          value={on}
          errors={onError ? [onError] : undefined}
        />
        <div class="actions">
          <button class="button" type="submit">
            {ja ? '確認する' : 'Check'}
          </button>
          <button class="button button--secondary" type="submit" name="format" value="csv">
            {ja ? 'CSV でダウンロード' : 'Download as CSV'}
          </button>
        </div>
      </form>
      <p>
        {ja ? 'プログラムから照会する推進パートナーは、一括照会 API（' : 'Partners checking from a program can use the bulk lookup API ('}
        <code>POST /api/v1/lookup</code>
        {ja ? '）を使えます。詳しくは ' : '); see the '}
        <a href={localHref('/docs', lang)}>{ja ? 'API ドキュメント' : 'API documentation'}</a>
        {ja ? 'をご覧ください。' : '.'}
      </p>
    </Layout>
  );
};

/** What one entry is, in a word: listed (with its declaration's state), not listed, or not a 法人番号. */
export function entryVerdict(result: LookupResult): Bilingual {
  if (!result.ok) return result.error.code === 'not-found' ? { ja: '公表されている登録なし', en: 'Not listed' } : { ja: '法人番号の誤り', en: 'Not a corporate number' };
  return { ja: '公表あり', en: 'Listed' };
}

const CheckResults: FC<{ lang: Lang; outcome: CheckOutcome; categories: AwardCode[]; divisions: AwardCode[] }> = ({ lang, outcome, categories, divisions }) => {
  const ja = lang === 'ja';
  const { results, repeated, asOf, on } = outcome;
  const listed = results.filter((r) => r.ok).length;
  const malformed = results.filter((r) => !r.ok && r.error.code !== 'not-found').length;
  return (
    <section aria-labelledby="check-results-heading" class="check-results">
      <h2 id="check-results-heading">{ja ? '確認結果' : 'Results'}</h2>
      <p>
        {ja
          ? `${formatCount(results.length)}件を確認しました（${formatAsOf(asOf, lang)}）。公表あり ${formatCount(listed)}件、公表されている登録なし ${formatCount(results.length - listed - malformed)}件、法人番号の誤り ${formatCount(malformed)}件。`
          : `${formatCount(results.length)} checked (${formatAsOf(asOf, lang)}): ${formatCount(listed)} listed, ${formatCount(results.length - listed - malformed)} not listed, ${formatCount(malformed)} not corporate numbers.`}
        {repeated > 0 ? (ja ? `重複していた${formatCount(repeated)}件は1件にまとめました。` : ` ${formatCount(repeated)} repeated ${repeated === 1 ? 'entry was' : 'entries were'} checked once.`) : ''}
      </p>
      <TableScroll label={ja ? '確認結果の表' : 'Results table'}>
        <table class="check-table">
          <thead>
            <tr>
              <th scope="col">{ja ? '入力' : 'Entry'}</th>
              <th scope="col">{ja ? '結果' : 'Result'}</th>
              <th scope="col">{ja ? '団体' : 'Organization'}</th>
              <th scope="col">{ja ? '自己宣言' : 'Declaration'}</th>
              {on ? <th scope="col">{ja ? `${formatDate(on, lang)}の自己宣言` : `Declaration on ${formatDate(on, lang)}`}</th> : null}
              <th scope="col">{ja ? '表彰' : 'Awards'}</th>
              {on ? <th scope="col">{ja ? `${formatDate(on, lang)}の表彰` : `Awards on ${formatDate(on, lang)}`}</th> : null}
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr>
                <th scope="row" class="check-table__entry">{r.input}</th>
                <td>{pick(lang, entryVerdict(r))}</td>
                {r.ok ? (
                  <>
                    <td>
                      <a href={localHref(`/organizations/${r.organization.id}`, lang)}>
                        <OrganizationName organization={r.organization} lang={lang} />
                      </a>
                    </td>
                    <td>
                      <DeclarationState lang={lang} declaration={r.currentDeclaration} />
                    </td>
                    {on ? (
                      <td>
                        <DeclarationState lang={lang} declaration={r.declarationOn ?? null} />
                      </td>
                    ) : null}
                    <td>{r.awards.length > 0 ? awardsText(r.awards, categories, divisions, lang) : ja ? 'なし' : 'None'}</td>
                    {on ? <td>{r.awardsOn && r.awardsOn.length > 0 ? awardsText(r.awardsOn, categories, divisions, lang) : ja ? 'なし' : 'None'}</td> : null}
                  </>
                ) : (
                  <td colspan={on ? 5 : 3}>{r.error.code === 'not-found' ? pick(lang, NOT_LISTED) : r.error[lang]}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
};

type DeclarationShown = Extract<LookupResult, { ok: true }>['currentDeclaration'];

/** A declaration's state with its period, or なし. */
const DeclarationState: FC<{ lang: Lang; declaration: DeclarationShown }> = ({ lang, declaration: d }) =>
  d ? (
    <>
      <span class={`status status--${d.status}`}>{pick(lang, STATUS_LABELS[d.status])}</span>
      {d.renewalUnderReview ? ` ${pick(lang, RENEWAL_UNDER_REVIEW)}` : ''}
      {d.validFrom && d.validUntil ? (
        <>
          {' '}
          <span class="check-table__period">{formatRange(formatDate(d.validFrom, lang), formatDate(d.validUntil, lang), lang)}</span>
        </>
      ) : null}
    </>
  ) : (
    <>{lang === 'ja' ? 'なし' : 'None'}</>
  );

/** The same in a CSV cell: 「期限切れ（更新を審査中）」, or empty. */
export const declarationText = (d: DeclarationShown, lang: Lang): string =>
  d ? `${pick(lang, STATUS_LABELS[d.status])}${d.renewalUnderReview ? `（${pick(lang, RENEWAL_UNDER_REVIEW)}）` : ''}` : '';

const NOT_LISTED: Bilingual = {
  ja: 'この法人番号の団体は、登録簿に公表されていません（自己宣言も表彰もないか、まだ公表前です）。',
  en: 'No organization with this corporate number is listed (no declaration or award, or none published yet).',
};

/** 「令和7年度 大臣賞、令和6年度 優秀賞（一時停止中）」: the newest year first. */
export function awardsText(awards: { fiscalYear: number; categoryCode: string; divisionCode: string | null; status: string }[], categories: AwardCode[], divisions: AwardCode[], lang: Lang): string {
  const suspended = lang === 'ja' ? '（一時停止中）' : ' (suspended)';
  return [...awards].sort((a, b) => b.fiscalYear - a.fiscalYear).map((a) => `${formatFiscalYearShort(a.fiscalYear, lang)} ${categoryName(categories, a.categoryCode, lang)}${divisionSuffix(divisions, a.divisionCode, lang)}${a.status === 'suspended' ? suspended : ''}`).join(lang === 'ja' ? '、' : ', ');
}
