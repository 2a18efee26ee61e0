import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { japanDate } from '../../domain/japan-calendar.js';
import { corporateNumberEntries } from '../../domain/identifiers.js';
import { lookupDayAt, MAX_LOOKUP_ITEMS } from '../../domain/services/lookup.js';
import type { AwardCode } from '../../domain/model.js';
import type { Registry } from '../../registry.js';
import { jstTime } from '../admin/audit-log.js';
import { csvResponse, jstDate } from '../admin/csv.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { isUtf8Form } from '../web/form.js';
import { awardsText, CHECK_DAY_FIELD, CHECK_FIELD, CHECK_PATH, CheckPage, declarationText, entryVerdict, type CheckOutcome } from './check-page.js';
import { formatCount, formatDate } from './format.js';
import { htmlPage } from './http-helpers.js';
import { webLang } from '../web/page.js';
import { pick, type Bilingual, type Lang } from './i18n.js';
import { readTypedDate } from '../../domain/typed-date.js';

/** 1,000 entries of full-width digits, %-escaped, with the names of an Excel column beside them. */
const MAX_FORM_BYTES = 256 * 1024;

const PROBLEMS = {
  empty: { ja: '法人番号（13桁）を1件以上入力してください。', en: 'Enter at least one corporate number (13 digits).' },
  tooMany: (count: number): Bilingual => ({
    ja: `一度に確認できるのは${formatCount(MAX_LOOKUP_ITEMS)}件までです（今は${formatCount(count)}件）。分けて確認してください。`,
    en: `Up to ${formatCount(MAX_LOOKUP_ITEMS)} corporate numbers can be checked at once (now ${formatCount(count)}); split the list.`,
  }),
  tooLarge: { ja: '入力が大きすぎます（256 KB まで）。分けて確認してください。', en: 'What was sent is too large (256 KB at most); split the list.' },
  notADay: { ja: '基準日は実在する日付を「2026-04-01」の形で入力してください。', en: 'Enter the day as a real date in the form 2026-04-01.' },
  dayToCome: (today: string): Bilingual => ({ ja: `基準日は今日（${formatDate(today, 'ja')}）までの日付を入力してください。`, en: `Enter a day up to today (${formatDate(today, 'en')}).` }),
  unreadable: { ja: '送信された内容に読み取れない文字（UTF-8 ではない文字）が含まれていました。入力を確認して、もう一度送信してください。', en: 'What was sent contains characters that could not be read (not UTF-8). Check the list and send it again.' },
} satisfies Record<string, Bilingual | ((count: number) => Bilingual) | ((today: string) => Bilingual)>;

/**
 * /check: the public lookup of many 法人番号 at once, as a page and as a CSV download. What it
 * shows is what each organization's public page shows (the partner API's lookup, as the public
 * sees it), so it needs no account. The per-address limit counts a list as one request per 100
 * entries (checkRequestWeight, named in rate-limit.ts).
 */
export function checkRoutes(registry: Registry) {
  const { lookup } = registry.partners;
  // Two awards of one year and category differ by their division: named as the organization page names them.
  const codes = async () => {
    const [categories, divisions] = await Promise.all([registry.deps.repos.awards.categories(), registry.deps.repos.awards.divisions()]);
    return { categories, divisions };
  };
  const page = async (c: Context<AppEnv>, props: { text: string; on: string; error?: Bilingual | undefined; onError?: Bilingual | undefined; outcome?: CheckOutcome }, status: 200 | 400 | 413 = 200) =>
    htmlPage(c, <CheckPage lang={webLang(c)} {...props} {...(props.outcome ? await codes() : { categories: [], divisions: [] })} limit={MAX_LOOKUP_ITEMS} />, status);

  return new Hono<AppEnv>()
    .get(CHECK_PATH, (c) => page(c, { text: '', on: '' }))
    .post(CHECK_PATH, async (c) => {
      const form = await readCheckForm(c);
      if (form === 'tooLarge') return page(c, { text: '', on: '', error: PROBLEMS.tooLarge }, 413);
      if (form === 'unreadable') return page(c, { text: '', on: '', error: PROBLEMS.unreadable }, 400);
      const text = form.get(CHECK_FIELD) ?? '';
      // The day as a person writes it where no date picker opens (2020/4/1, 令和2年4月1日): read as the
      // declaration form and the award import read it, and shown back in the form a date field can show.
      const typedOn = (form.get(CHECK_DAY_FIELD) ?? '').trim();
      const on = typedOn === '' ? '' : (readTypedDate(typedOn) ?? typedOn);
      const { entries, repeated } = corporateNumberEntries(text);
      const error = entries.length === 0 ? PROBLEMS.empty : entries.length > MAX_LOOKUP_ITEMS ? PROBLEMS.tooMany(entries.length) : undefined;
      const now = registry.deps.clock.now();
      const day = on ? lookupDayAt(on, now) : undefined;
      const onError = day === 'not-a-date' ? PROBLEMS.notADay : day === 'to-come' ? PROBLEMS.dayToCome(japanDate(now.toISOString())!) : undefined;
      if (error || onError) return page(c, { text, on, error, onError }, 400);
      const { asOf, results } = await lookup.bulk({ corporateNumbers: entries, ...(on ? { on } : {}) });
      const outcome = { asOf: new Date(asOf), results, repeated, ...(on ? { on } : {}) };
      return form.get('format') === 'csv' ? checkCsv(webLang(c), outcome, await codes(), registry.identity.baseUrl) : page(c, { text, on, outcome });
    });
}

/** The posted form, read once per request (the rate limit weighs it first), or why it cannot be read. */
async function readCheckForm(c: Context<AppEnv>): Promise<URLSearchParams | 'tooLarge' | 'unreadable'> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(c, MAX_FORM_BYTES);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'too-large') return 'tooLarge';
    throw error;
  }
  return isUtf8Form(bytes) ? new URLSearchParams(new TextDecoder().decode(bytes)) : 'unreadable';
}

/** Entries a POST /check counts as one request of the per-address limit. */
export const ENTRIES_PER_REQUEST = 100;

/** How many requests a POST /check counts as: one per 100 entries, at least one (a form that cannot be read too). */
export async function checkRequestWeight(c: Context<AppEnv>): Promise<number> {
  const form = await readCheckForm(c).catch(() => 'unreadable' as const);
  if (typeof form === 'string') return 1;
  return Math.max(1, Math.ceil(corporateNumberEntries(form.get(CHECK_FIELD) ?? '').entries.length / ENTRIES_PER_REQUEST));
}

/** The answer as a spreadsheet: one row an entry, in the order given, with when it was read. */
function checkCsv(lang: Lang, { asOf, results, on }: CheckOutcome, { categories, divisions }: { categories: AwardCode[]; divisions: AwardCode[] }, baseUrl: string): Response {
  const ja = lang === 'ja';
  const header = [
    ...(ja
      ? ['入力', '結果', '法人番号', '団体名', '団体のページ', '自己宣言', '有効期間の開始', '有効期間の終了', '表彰', '確認日時（日本時間）']
      : ['Entry', 'Result', 'Corporate number', 'Organization', 'Page', 'Declaration', 'Valid from', 'Valid until', 'Awards', 'Checked at (JST)']),
    // The day asked for, last: the columns before it stay where a spreadsheet built on them reads them.
    ...(on ? [ja ? `基準日（${on}）の自己宣言` : `Declaration on ${on}`, ja ? `基準日（${on}）の表彰` : `Awards on ${on}`] : []),
  ];
  const checkedAt = jstTime(asOf.toISOString(), 'csv');
  async function* rows() {
    for (const r of results) {
      const verdict = pick(lang, entryVerdict(r));
      if (!r.ok) {
        yield [r.input, verdict, '', '', '', '', '', '', '', checkedAt, ...(on ? ['', ''] : [])];
        continue;
      }
      const d = r.currentDeclaration;
      const name = ja || !r.organization.nameEn ? r.organization.name : r.organization.nameEn;
      yield [
        r.input, verdict, r.organization.corporateNumber, name, `${baseUrl}/organizations/${r.organization.id}`, declarationText(d, lang), japanDate(d?.validFrom ?? null), japanDate(d?.validUntil ?? null), awardsText(r.awards, categories, divisions, lang), checkedAt,
        ...(on ? [declarationText(r.declarationOn ?? null, lang) || (ja ? 'なし' : 'None'), awardsText(r.awardsOn ?? [], categories, divisions, lang) || (ja ? 'なし' : 'None')] : []),
      ];
    }
  }
  return csvResponse({ filename: `${ja ? '法人番号の確認' : 'corporate-number-check'}-${jstDate(asOf)}.csv`, header, rows: rows() });
}
