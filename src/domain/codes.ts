/** Code tables shared by validation, search and display. */

/** JIS X 0401 prefectures, in code order: the n-th entry has code n (zero-padded). */
const PREFECTURE_NAMES = [
  ['北海道', 'Hokkaido'], ['青森県', 'Aomori'], ['岩手県', 'Iwate'], ['宮城県', 'Miyagi'],
  ['秋田県', 'Akita'], ['山形県', 'Yamagata'], ['福島県', 'Fukushima'], ['茨城県', 'Ibaraki'],
  ['栃木県', 'Tochigi'], ['群馬県', 'Gunma'], ['埼玉県', 'Saitama'], ['千葉県', 'Chiba'],
  ['東京都', 'Tokyo'], ['神奈川県', 'Kanagawa'], ['新潟県', 'Niigata'], ['富山県', 'Toyama'],
  ['石川県', 'Ishikawa'], ['福井県', 'Fukui'], ['山梨県', 'Yamanashi'], ['長野県', 'Nagano'],
  ['岐阜県', 'Gifu'], ['静岡県', 'Shizuoka'], ['愛知県', 'Aichi'], ['三重県', 'Mie'],
  ['滋賀県', 'Shiga'], ['京都府', 'Kyoto'], ['大阪府', 'Osaka'], ['兵庫県', 'Hyogo'],
  ['奈良県', 'Nara'], ['和歌山県', 'Wakayama'], ['鳥取県', 'Tottori'], ['島根県', 'Shimane'],
  ['岡山県', 'Okayama'], ['広島県', 'Hiroshima'], ['山口県', 'Yamaguchi'], ['徳島県', 'Tokushima'],
  ['香川県', 'Kagawa'], ['愛媛県', 'Ehime'], ['高知県', 'Kochi'], ['福岡県', 'Fukuoka'],
  ['佐賀県', 'Saga'], ['長崎県', 'Nagasaki'], ['熊本県', 'Kumamoto'], ['大分県', 'Oita'],
  ['宮崎県', 'Miyazaki'], ['鹿児島県', 'Kagoshima'], ['沖縄県', 'Okinawa'],
] as const;

/**
 * JIS X 0401 prefecture codes in order, '01' (北海道) … '47' (沖縄県). Use this wherever
 * prefectures are listed (selects, statistics, weights), never the keys of PREFECTURES: JavaScript
 * orders integer-like keys ('10'…'47') before the others ('01'…'09'), whatever the insertion order.
 */
export const PREFECTURE_CODES: readonly string[] = PREFECTURE_NAMES.map((_, i) => String(i + 1).padStart(2, '0'));

/** Display names by JIS X 0401 code: for lookups only (its key order is not code order, see PREFECTURE_CODES). */
export const PREFECTURES: Record<string, { ja: string; en: string }> = Object.fromEntries(
  PREFECTURE_NAMES.map(([ja, en], i) => [PREFECTURE_CODES[i]!, { ja, en }]),
);

/** JSIC (日本標準産業分類) major groups A–T. */
export const INDUSTRIES: Record<string, string> = {
  A: '農業，林業', B: '漁業', C: '鉱業，採石業，砂利採取業', D: '建設業', E: '製造業',
  F: '電気・ガス・熱供給・水道業', G: '情報通信業', H: '運輸業，郵便業', I: '卸売業，小売業',
  J: '金融業，保険業', K: '不動産業，物品賃貸業', L: '学術研究，専門・技術サービス業',
  M: '宿泊業，飲食サービス業', N: '生活関連サービス業，娯楽業', O: '教育，学習支援業', P: '医療，福祉',
  Q: '複合サービス事業', R: 'サービス業（他に分類されないもの）', S: '公務（他に分類されるものを除く）',
  T: '分類不能の産業',
};

/** The same major groups in English (the official JSIC English names), for the English pages. */
export const INDUSTRIES_EN: Record<string, string> = {
  A: 'Agriculture and forestry', B: 'Fisheries', C: 'Mining and quarrying of stone and gravel', D: 'Construction', E: 'Manufacturing',
  F: 'Electricity, gas, heat supply and water', G: 'Information and communications', H: 'Transport and postal activities', I: 'Wholesale and retail trade',
  J: 'Finance and insurance', K: 'Real estate and goods rental and leasing', L: 'Scientific research, professional and technical services',
  M: 'Accommodations, eating and drinking services', N: 'Living-related and personal services and amusement services', O: 'Education, learning support', P: 'Medical, health care and welfare',
  Q: 'Compound services', R: 'Services, not elsewhere classified', S: 'Government, except elsewhere classified',
  T: 'Industries unable to classify',
};

/** An industry's label in the page's language; null for an unknown code. */
export function industryLabel(code: string | null | undefined, lang: 'ja' | 'en'): string | null {
  if (!code) return null;
  return (lang === 'en' ? INDUSTRIES_EN[code] : INDUSTRIES[code]) ?? null;
}

export const SIZE_BANDS = ['1-9', '10-49', '50-299', '300-999', '1000+'] as const;

/** The seed's 社内制度整備ガイドライン areas. */
export const GUIDELINE_AREAS: Record<string, { ja: string; en: string }> = {
  labor: { ja: '労務制度', en: 'Labor rules' },
  personnel: { ja: '人事制度', en: 'Personnel system' },
  compensation: { ja: '給与制度', en: 'Compensation' },
  connectivity: { ja: '通信環境', en: 'Connectivity' },
  security: { ja: '情報セキュリティ', en: 'Information security' },
};

/**
 * Purpose items as numbered on the 2021 declaration form. The keys are integer-like, so
 * JavaScript enumerates them in numeric order, which is the form's order. The form's 【4】 is not
 * in the source papers: it is not offered rather than named by guess (a record that holds one
 * shows 【4】 alone).
 */
export const PURPOSES: Record<string, { ja: string; en: string }> = {
  '1': { ja: '採用の優位性の確保・社員の離職防止', en: 'Recruiting advantage and retention' },
  '2': { ja: '地方人材の採用・育成', en: 'Hiring and developing regional talent' },
  '3': { ja: '地域プロジェクトへの参加', en: 'Joining regional projects' },
  '5': { ja: 'ワーケーション推進', en: 'Promoting workations' },
};

/**
 * A purpose item with its form number, in each language's brackets: 「【1】採用の優位性の確保…」,
 * "[1] Recruiting advantage and retention" (【】 are Japanese punctuation, out of place in English).
 * A number the form names but the papers do not (4) is shown alone.
 */
export function purposeLabel(code: string, lang: 'ja' | 'en'): string {
  const name = PURPOSES[code]?.[lang];
  if (lang === 'ja') return `【${code}】${name ?? ''}`;
  return name ? `[${code}] ${name}` : `[${code}]`;
}

/** Why the secretariat revoked a declaration. */
export const REVOCATION_REASONS: Record<string, { ja: string; en: string }> = {
  'false-declaration': { ja: '虚偽の宣言', en: 'False declaration' },
  'guideline-breach': { ja: 'ガイドライン違反', en: 'Breach of the guidelines' },
  'organization-dissolved': { ja: '法人の解散・消滅', en: 'Organization dissolved' },
  'misuse-of-logo': { ja: 'ロゴマークの不正使用', en: 'Misuse of the logo mark' },
  'other': { ja: 'その他', en: 'Other' },
};

/**
 * The revocation reasons the back office offers for an award: a false declaration and a breach of
 * the guidelines are a declaration's (an award's false application is "other", with a note). The
 * API still takes every code for an award, as clients from before send them.
 */
export const AWARD_REVOCATION_REASONS = ['organization-dissolved', 'misuse-of-logo', 'other'] as const;

/** Why the secretariat suspended a declaration. */
export const SUSPENSION_REASONS = ['under-investigation', 'information-update-required', 'other'] as const;

/** What people read for each suspension reason (typed by the code list: a new code without a label does not compile). */
export const SUSPENSION_REASON_LABELS: Record<(typeof SUSPENSION_REASONS)[number], { ja: string; en: string }> = {
  'under-investigation': { ja: '調査中', en: 'Under investigation' },
  'information-update-required': { ja: '登録情報の更新が必要', en: 'Registered information needs updating' },
  other: { ja: 'その他', en: 'Other' },
};
