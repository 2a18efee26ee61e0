/**
 * npm run seed -- --organizations 100000 --credentials 300000 [--database data/registry.sqlite]
 *   [--real <organizations>|all] [--seed <n>]
 *
 * Fills an empty registry database with realistic data for load tests: organizations (valid
 * 法人番号 and 地方公共団体コード, varied names, kana and English names, prefectures, industries),
 * declarations with versions in every state, awards, credentials in both secured forms with
 * their status entries (random, never reused indexes in lists of 131,072, closed at 7/8 like the
 * registry does) and audit entries. Rows are written with prepared statements in large
 * transactions, bypassing the use cases (which would take hours at this size).
 *
 * Credentials are signed with the same keys, issuer identity and securer as the server
 * (PUBLIC_BASE_URL, KEYS_DIR / ISSUER_KEYS, DID_METHOD are read as `npm start` reads them), so a
 * server started with the same environment verifies them. By default only the credentials of the
 * first 1,000 organizations are signed for real (`--real <n>`; `--real all` signs everything):
 * signing runs at roughly 0.5–1.5k credentials/s on a 2-core machine, so 300,000 real signatures
 * take 4–10 minutes, against about 2–3 minutes for the whole seed. See `copyOf` for the others.
 *
 * Never use this on a production database: it refuses a database that already has organizations.
 */
import { pathToFileURL } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { parseConfig } from '../config.js';
import { loadIssuerKeys } from '../adapters/node/key-files.js';
import { openSqlite } from '../adapters/sqlite/open.js';
import { createIssuerIdentity, type IssuerIdentity } from '../adapters/crypto/issuer.js';
import { createCredentialSecurer } from '../adapters/crypto/securer.js';
import type { AuditRow, AwardRow, CredentialRow, DeclarationRow, DeclarationVersionRow, OrganizationRow, StatusEntryRow } from '../adapters/kysely/schema.js';
import { jwsSignature } from '../adapters/kysely/credentials.js';
import { buildAwardCredential, buildDeclarationCredential, type CredentialCommonInput, type GuidelineArea } from '../domain/credentials/open-badge.js';
import { INDUSTRIES, PREFECTURE_CODES, PREFECTURES, SIZE_BANDS } from '../domain/codes.js';
import { validityEnd } from '../domain/declaration-lifecycle.js';
import { corporateCheckDigit, corporateNumberOfLocalGovernment, localGovernmentCheckDigit } from '../domain/identifiers.js';
import { uuidv7 } from '../domain/ids.js';
import { DEFAULT_PUBLIC_FIELDS, type DeclarationContent, type DeclarationStatus } from '../domain/model.js';
import { foldForSearch } from '../domain/search-text.js';
import { STATUS_LIST_LENGTH } from '../domain/services/credentials.js';
import type { IssuerKey } from '../ports/credentials.js';
import type { CredentialStatus, StatusPurpose } from '../ports/credential-store.js';
import { REGISTRY_NAME } from '../registry.js';
import { mulberry32 } from './seeded-random.js';
import { keyIdOf } from '../domain/credentials/key-id.js';

export interface SeedOptions {
  databasePath: string;
  organizations: number;
  credentials: number;
  /** PUBLIC_BASE_URL of the server that will serve this data (credential ids, status lists, did:web). */
  baseUrl: string;
  keys: IssuerKey[];
  didMethod?: 'did:web' | 'did:key';
  validityMonths?: number;
  /** Organizations whose credentials are signed for real (the first ones); default all. */
  realOrganizations?: number;
  /** PRNG seed: the same seed gives the same names, numbers and states. */
  seed?: number;
  log?: (line: string) => void;
  now?: Date;
}

export interface SeedResult {
  organizations: number;
  declarations: number;
  declarationVersions: number;
  awards: number;
  credentials: number;
  realSignatures: number;
  copiedSignatures: number;
  statusLists: number;
  auditEntries: number;
  seconds: number;
  signingSeconds: number;
  /** Handy for benchmarks: listed organizations and their live, really signed credentials. */
  samples: {
    corporateNumbers: string[];
    publishedDeclarationIds: string[];
    realCredentialIds: string[];
  };
}

/** Same as the registry: a list is closed once 7/8 of it is allocated. */
const FULL_AT = (STATUS_LIST_LENGTH * 7) / 8;
const CHUNK = 1000;
const DAY = 86_400_000;

// ---- Deterministic randomness (mulberry32, seeded-random.ts) --------------------------------

type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1]![0];
}
function subset<T>(rng: Rng, items: readonly T[], min = 1): T[] {
  const chosen = items.filter(() => rng() < 0.5);
  while (chosen.length < min) {
    const extra = pick(rng, items);
    if (!chosen.includes(extra)) chosen.push(extra);
  }
  return items.filter((i) => chosen.includes(i));
}
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// ---- Names ------------------------------------------------------------------------------------

type Word = readonly [ja: string, kana: string, en: string];
const FIRST: Word[] = [
  ['東洋', 'トウヨウ', 'Toyo'], ['日本', 'ニホン', 'Nihon'], ['大和', 'ヤマト', 'Yamato'], ['山田', 'ヤマダ', 'Yamada'],
  ['中央', 'チュウオウ', 'Chuo'], ['北斗', 'ホクト', 'Hokuto'], ['さくら', 'サクラ', 'Sakura'], ['みらい', 'ミライ', 'Mirai'],
  ['青葉', 'アオバ', 'Aoba'], ['旭', 'アサヒ', 'Asahi'], ['富士', 'フジ', 'Fuji'], ['三和', 'サンワ', 'Sanwa'],
  ['新星', 'シンセイ', 'Shinsei'], ['光', 'ヒカリ', 'Hikari'], ['高橋', 'タカハシ', 'Takahashi'], ['鈴木', 'スズキ', 'Suzuki'],
  ['伊藤', 'イトウ', 'Ito'], ['渡辺', 'ワタナベ', 'Watanabe'], ['小林', 'コバヤシ', 'Kobayashi'], ['松本', 'マツモト', 'Matsumoto'],
  ['丸山', 'マルヤマ', 'Maruyama'], ['緑川', 'ミドリカワ', 'Midorikawa'], ['白鳥', 'シラトリ', 'Shiratori'], ['アルファ', 'アルファ', 'Alpha'],
  ['ネクスト', 'ネクスト', 'Next'], ['グローバル', 'グローバル', 'Global'], ['ユニオン', 'ユニオン', 'Union'], ['ブルー', 'ブルー', 'Blue'],
  ['サン', 'サン', 'Sun'], ['瀬戸内', 'セトウチ', 'Setouchi'], ['信州', 'シンシュウ', 'Shinshu'], ['北陸', 'ホクリク', 'Hokuriku'],
];
const MIDDLE: Word[] = [
  ['みなと', 'ミナト', 'Minato'], ['中部', 'チュウブ', 'Chubu'], ['関西', 'カンサイ', 'Kansai'], ['九州', 'キュウシュウ', 'Kyushu'],
  ['東北', 'トウホク', 'Tohoku'], ['湘南', 'ショウナン', 'Shonan'], ['デジタル', 'デジタル', 'Digital'], ['スマート', 'スマート', 'Smart'],
  ['リンク', 'リンク', 'Link'], ['クラウド', 'クラウド', 'Cloud'], ['エコ', 'エコ', 'Eco'], ['ライフ', 'ライフ', 'Life'],
  ['アーバン', 'アーバン', 'Urban'], ['総合', 'ソウゴウ', 'General'], ['第一', 'ダイイチ', 'Daiichi'], ['やまと', 'ヤマト', 'Yamato'],
  ['ひかり', 'ヒカリ', 'Hikari'], ['海洋', 'カイヨウ', 'Marine'], ['森林', 'シンリン', 'Forest'], ['未来', 'ミライ', 'Future'],
];
const BUSINESS: Word[] = [
  ['システム', 'システム', 'Systems'], ['テクノロジー', 'テクノロジー', 'Technology'], ['工業', 'コウギョウ', 'Industries'],
  ['商事', 'ショウジ', 'Trading'], ['建設', 'ケンセツ', 'Construction'], ['製作所', 'セイサクショ', 'Manufacturing'],
  ['電機', 'デンキ', 'Electric'], ['食品', 'ショクヒン', 'Foods'], ['運輸', 'ウンユ', 'Transport'], ['不動産', 'フドウサン', 'Real Estate'],
  ['総合研究所', 'ソウゴウケンキュウショ', 'Research Institute'], ['ソリューションズ', 'ソリューションズ', 'Solutions'],
  ['ネットワークス', 'ネットワークス', 'Networks'], ['デザイン', 'デザイン', 'Design'], ['物産', 'ブッサン', 'Bussan'],
  ['薬品', 'ヤクヒン', 'Pharmaceutical'], ['ホールディングス', 'ホールディングス', 'Holdings'], ['コンサルティング', 'コンサルティング', 'Consulting'],
  ['情報サービス', 'ジョウホウサービス', 'Information Services'], ['印刷', 'インサツ', 'Printing'], ['観光', 'カンコウ', 'Tourism'],
  ['農園', 'ノウエン', 'Farm'], ['ラボ', 'ラボ', 'Lab'], ['メディカル', 'メディカル', 'Medical'], ['ロジスティクス', 'ロジスティクス', 'Logistics'],
  ['エナジー', 'エナジー', 'Energy'], ['クリエイト', 'クリエイト', 'Create'], ['ワークス', 'ワークス', 'Works'], ['商会', 'ショウカイ', 'Shokai'],
  ['開発', 'カイハツ', 'Development'],
];
const COMPANY_FORMS: [readonly [form: string, position: 'before' | 'after', en: string], number][] = [
  [['株式会社', 'before', 'Co., Ltd.'], 55], [['株式会社', 'after', 'Corporation'], 30], [['合同会社', 'before', 'LLC'], 8], [['有限会社', 'before', 'Ltd.'], 7],
];
const OTHER_FORMS: [readonly [form: string, suffix: string, en: string], number][] = [
  [['一般社団法人', '協会', 'Association'], 40], [['特定非営利活動法人', 'ネットワーク', 'NPO'], 35], [['社会福祉法人', '会', 'Social Welfare Corporation'], 15], [['公益財団法人', '財団', 'Foundation'], 10],
];
const CITY_WORDS: Word[] = [
  ['中央', 'チュウオウ', 'Chuo'], ['青葉', 'アオバ', 'Aoba'], ['桜', 'サクラ', 'Sakura'], ['若葉', 'ワカバ', 'Wakaba'], ['松島', 'マツシマ', 'Matsushima'],
  ['白浜', 'シラハマ', 'Shirahama'], ['高原', 'コウゲン', 'Kogen'], ['緑', 'ミドリ', 'Midori'], ['北', 'キタ', 'Kita'], ['南', 'ミナミ', 'Minami'],
  ['東', 'ヒガシ', 'Higashi'], ['西', 'ニシ', 'Nishi'], ['大野', 'オオノ', 'Ono'], ['川辺', 'カワベ', 'Kawabe'], ['山里', 'ヤマサト', 'Yamasato'],
];
const MUNICIPALITY_TYPES = [['市', 'シ', 'City'], ['町', 'マチ', 'Town'], ['村', 'ムラ', 'Village']] as const;
const SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '松本', '井上', '木村'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '陽子', '翔', '直美', '大輔', '由美', '誠', '恵子'];
const POLICIES = [
  '転職なき移住を支援し、地方での就業を可能にします。',
  '全社員がテレワークを選択できる制度を整え、地方在住者の採用を進めます。',
  'サテライトオフィスを設け、地域の人材と共に働きます。',
  'ワーケーション制度を導入し、地域との関係人口を増やします。',
  '通信環境と情報セキュリティを整備し、場所にとらわれない働き方を実現します。',
];
const PREFECTURE_WEIGHTS: [string, number][] = PREFECTURE_CODES.map((code) => [
  code,
  ({ '13': 25, '27': 8, '14': 6, '23': 6, '40': 4, '01': 3, '11': 3, '12': 3, '28': 3 } as Record<string, number>)[code] ?? 1,
]);
const INDUSTRY_WEIGHTS: [string, number][] = Object.keys(INDUSTRIES).map((code) => [
  code,
  ({ G: 20, E: 14, I: 12, L: 10, D: 6, R: 8, P: 6, K: 4, J: 3, H: 3, M: 3, O: 2 } as Record<string, number>)[code] ?? 1,
]);

/** Final declaration state (weights in %). Withdrawn ones had been published first. */
const DECLARATION_STATES: [DeclarationStatus, number][] = [
  ['published', 78], ['suspended', 3], ['revoked', 2], ['withdrawn', 2], ['expired', 5], ['submitted', 5], ['draft', 5],
];
const TO_CREDENTIAL: Record<DeclarationStatus, CredentialStatus | null> = {
  draft: null, submitted: null, published: 'active', suspended: 'suspended', withdrawn: 'revoked', revoked: 'revoked', expired: 'expired',
};
const bitsFor = (status: CredentialStatus) => ({ revocation: ['revoked', 'expired', 'superseded'].includes(status), suspension: status === 'suspended' });

// ---- Status lists -----------------------------------------------------------------------------

/** Random, never reused indexes: each list walks a shuffled permutation of 0…131071. */
class StatusAllocator {
  lists: { id: string; purpose: StatusPurpose; allocated: number; created: number }[] = [];
  private order = new Uint32Array(STATUS_LIST_LENGTH);
  private current: { id: string; purpose: StatusPurpose; allocated: number; created: number } | null = null;
  constructor(readonly purpose: StatusPurpose, private rng: Rng, private onNewList: (id: string, purpose: StatusPurpose) => void) {}
  next(at: number): { listId: string; index: number } {
    if (!this.current || this.current.allocated >= FULL_AT) {
      this.current = { id: uuidv7(at), purpose: this.purpose, allocated: 0, created: at };
      this.lists.push(this.current);
      for (let i = 0; i < STATUS_LIST_LENGTH; i++) this.order[i] = i;
      for (let i = STATUS_LIST_LENGTH - 1; i > 0; i--) {
        const j = Math.floor(this.rng() * (i + 1));
        const t = this.order[i]!;
        this.order[i] = this.order[j]!;
        this.order[j] = t;
      }
      this.onNewList(this.current.id, this.purpose);
    }
    return { listId: this.current.id, index: this.order[this.current.allocated++]! };
  }
}

// ---- Plans -------------------------------------------------------------------------------------

interface PlannedCredential {
  row: CredentialRow;
  entries: StatusEntryRow[];
  unsigned: Record<string, unknown>;
  real: boolean;
}

interface Batch {
  organizations: OrganizationRow[];
  declarations: DeclarationRow[];
  versions: DeclarationVersionRow[];
  awards: AwardRow[];
  credentials: PlannedCredential[];
  audit: Omit<AuditRow, 'seq'>[];
}

/** Seeds `options.databasePath` (created and migrated if needed). */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const rng = mulberry32(options.seed ?? 20261125);
  const now = (options.now ?? new Date()).getTime();
  const validityMonths = options.validityMonths ?? 36;
  const realOrgs = options.realOrganizations ?? Number.POSITIVE_INFINITY;
  const { baseUrl } = options;

  const store = await openSqlite({ path: options.databasePath });
  const raw = store.raw;
  const existing = (raw.prepare('SELECT count(*) AS n FROM organizations').get() as { n: number }).n;
  if (existing > 0) {
    await store.close();
    throw new Error(`${options.databasePath} already has ${existing} organizations; seed into a new database file.`);
  }
  // A fresh file being filled: no journal while loading (a crash leaves a file to delete, not a
  // registry to repair); WAL again before the server opens it.
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');

  const identity: IssuerIdentity = createIssuerIdentity({ baseUrl, method: options.didMethod ?? 'did:web', keys: options.keys });
  const securer = createCredentialSecurer({ identity, canonicalCacheSize: 0 });
  const issuer = { id: identity.did, nameJa: REGISTRY_NAME.ja, nameEn: REGISTRY_NAME.en, url: baseUrl };
  const categories = raw.prepare('SELECT code, name_ja, name_en FROM award_categories ORDER BY sort_order').all() as { code: string; name_ja: string; name_en: string }[];

  const insert = prepareInserts(raw);
  const allocators = {
    revocation: new StatusAllocator('revocation', rng, (id, purpose) => insert.list.run({ id, purpose, length: STATUS_LIST_LENGTH, created_at: new Date(now - 5 * 365 * DAY).toISOString() })),
    suspension: new StatusAllocator('suspension', rng, (id, purpose) => insert.list.run({ id, purpose, length: STATUS_LIST_LENGTH, created_at: new Date(now - 5 * 365 * DAY).toISOString() })),
  };

  // Credential budget: each issued declaration and award gets one; the rest become amendments
  // (older versions whose credentials are superseded), spread at random over issued declarations.
  const states = Array.from({ length: options.organizations }, () => weighted(rng, DECLARATION_STATES));
  const hasAward = Array.from({ length: options.organizations }, () => rng() < 0.04);
  const issued = states.map((s) => TO_CREDENTIAL[s] !== null);
  const base = issued.filter(Boolean).length + hasAward.filter(Boolean).length;
  const issuedIndexes = issued.flatMap((v, i) => (v ? [i] : []));
  const extraVersions = new Uint16Array(options.organizations);
  let budget = options.credentials - base;
  if (budget < 0) log(`note: ${options.credentials} credentials is fewer than one per issued declaration/award (${base}); issuing ${base}.`);
  for (; budget > 0 && issuedIndexes.length > 0; budget--) extraVersions[pick(rng, issuedIndexes)]!++;

  const municipalityCodes = new Map<string, number>();
  const result: SeedResult = {
    organizations: 0, declarations: 0, declarationVersions: 0, awards: 0, credentials: 0, realSignatures: 0, copiedSignatures: 0,
    statusLists: 0, auditEntries: 0, seconds: 0, signingSeconds: 0,
    samples: { corporateNumbers: [], publishedDeclarationIds: [], realCredentialIds: [] },
  };
  const templates: { declaration?: Template; award?: Template } = {};
  let lastReport = performance.now();
  let currentBatch: Batch | null = null;
  const phases = { plan: 0, insert: 0 };

  for (let start = 0; start < options.organizations; start += CHUNK) {
    const current: Batch = (currentBatch = { organizations: [], declarations: [], versions: [], awards: [], credentials: [], audit: [] });
    const end = Math.min(options.organizations, start + CHUNK);
    let t = performance.now();
    for (let i = start; i < end; i++) planOrganization(i);
    phases.plan += performance.now() - t;

    // Sign: the first `realOrgs` organizations for real, the rest as copies (plus one real
    // template per credential type, signed whenever it is first needed).
    const signStart = performance.now();
    const real = current.credentials.filter((c) => c.real);
    await pool(real, 16, async (c) => {
      const secured = await securer.secure(c.unsigned);
      c.row.data_integrity = JSON.stringify(secured.dataIntegrity);
      c.row.jwt = secured.jwt;
      c.row.key_id = keyIdOf((secured.dataIntegrity.proof as { verificationMethod: string }[])[0]!.verificationMethod);
    });
    for (const c of current.credentials) {
      if (c.real) continue;
      const kind = c.row.subject_type as 'declaration' | 'award';
      templates[kind] ??= await makeTemplate(c.unsigned);
      copyOf(c, templates[kind]!);
    }
    result.signingSeconds += (performance.now() - signStart) / 1000;
    result.realSignatures += real.length;
    result.copiedSignatures += current.credentials.length - real.length;

    t = performance.now();
    insert.batch(current);
    phases.insert += performance.now() - t;
    result.organizations += current.organizations.length;
    result.declarations += current.declarations.length;
    result.declarationVersions += current.versions.length;
    result.awards += current.awards.length;
    result.credentials += current.credentials.length;
    result.auditEntries += current.audit.length;
    if (performance.now() - lastReport > 5000 || end === options.organizations) {
      lastReport = performance.now();
      const s = (performance.now() - started) / 1000;
      log(
        `  ${end.toLocaleString('en')}/${options.organizations.toLocaleString('en')} organizations, ${result.credentials.toLocaleString('en')} credentials ` +
          `(${result.realSignatures.toLocaleString('en')} signed for real) — ${s.toFixed(1)} s, ${(end / s).toFixed(0)} organizations/s`,
      );
    }
  }

  // Close full lists and set revisions (one per allocation, as the registry counts them).
  const finish = raw.transaction(() => {
    for (const list of [...allocators.revocation.lists, ...allocators.suspension.lists]) {
      raw.prepare('UPDATE status_lists SET full = ?, revision = ?, allocated = ? WHERE id = ?').run(list.allocated >= FULL_AT ? 1 : 0, list.allocated, list.allocated, list.id);
    }
  });
  finish();
  result.statusLists = allocators.revocation.lists.length + allocators.suspension.lists.length;
  raw.exec('ANALYZE');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('journal_mode = WAL');
  await store.close();
  result.seconds = (performance.now() - started) / 1000;
  log(`  phases: plan ${(phases.plan / 1000).toFixed(1)} s, sign/copy ${result.signingSeconds.toFixed(1)} s, insert ${(phases.insert / 1000).toFixed(1)} s`);
  return result;

  // ---- One organization with its declaration, versions, award, credentials and audit -----

  function planOrganization(i: number) {
    const state = states[i]!;
    const orgRng = rng;
    // Dates: live declarations were published within their validity; expired ones before it.
    let publishedAt: number;
    if (state === 'expired') publishedAt = now - validityMonths * 30.5 * DAY - int(orgRng, 5, 400) * DAY;
    else if (state === 'draft' || state === 'submitted') publishedAt = now - int(orgRng, 1, 20) * DAY; // (not published)
    else publishedAt = now - int(orgRng, 2, validityMonths * 30 - 20) * DAY - int(orgRng, 0, DAY - 1);
    const createdAt = publishedAt - int(orgRng, 10, 90) * DAY;
    const org = makeOrganization(i, createdAt);
    const listed = issued[i] || hasAward[i];
    org.listed = listed ? 1 : 0;
    batch().organizations.push(org);
    audit('organization.create', 'organization', org.id, createdAt, null, { name: org.name, corporateNumber: org.corporate_number }, 'admin');

    const declarationId = uuidv7(createdAt + DAY);
    const versions = 1 + (issued[i] ? extraVersions[i]! : 0);
    const submittedAt = createdAt + 2 * DAY;
    const isPublished = issued[i]!;
    const validFrom = new Date(publishedAt).toISOString();
    const validUntil = validityEnd(new Date(publishedAt), validityMonths).toISOString();
    const lastChange = Math.min(now - 1000, publishedAt + int(orgRng, 1, 600) * DAY);
    const contents: DeclarationContent[] = [];
    for (let v = 1; v <= versions; v++) contents.push(makeContent(isoDate(submittedAt), v));
    const versionAt = (v: number) => (v === 1 ? createdAt + DAY : publishedAt + ((lastChange - publishedAt) * (v - 1)) / versions);

    const updatedAt = new Date(state === 'draft' || state === 'submitted' ? submittedAt : state === 'expired' ? Date.parse(validUntil) : lastChange).toISOString();
    const declaration: DeclarationRow = {
      id: declarationId,
      organization_id: org.id,
      status: state,
      current_version: versions,
      row_version: 1 + (state === 'draft' ? 0 : 1) + (isPublished ? 1 + (versions - 1) + (state === 'published' ? 0 : 1) : 0),
      valid_from: isPublished ? validFrom : null,
      valid_until: isPublished ? validUntil : null,
      submitted_at: state === 'draft' ? null : new Date(submittedAt).toISOString(),
      published_at: isPublished ? validFrom : null,
      status_reason: state === 'suspended' ? 'under-investigation' : state === 'revoked' ? pick(orgRng, ['false-declaration', 'guideline-breach', 'organization-dissolved']) : null,
      status_note: null,
      created_at: new Date(createdAt + DAY).toISOString(),
      updated_at: updatedAt,
      // Seeded declarations are never a renewal in review: the public saw their last change.
      public_updated_at: updatedAt,
    };
    batch().declarations.push(declaration);
    for (let v = 1; v <= versions; v++) {
      batch().versions.push({
        declaration_id: declarationId,
        version: v,
        content: JSON.stringify(contents[v - 1]),
        created_at: new Date(versionAt(v)).toISOString(),
        created_by: `organization:seed-${i}`,
      });
    }
    audit('declaration.create', 'declaration', declarationId, createdAt + DAY, null, { status: 'draft', version: 1 }, 'organization', org.id);
    if (state !== 'draft') audit('declaration.submit', 'declaration', declarationId, submittedAt, { status: 'draft' }, { status: 'submitted' }, 'organization', org.id);
    if (isPublished) {
      audit('declaration.publish', 'declaration', declarationId, publishedAt, { status: 'submitted' }, { status: 'published', validFrom, validUntil }, 'admin');
      for (let v = 2; v <= versions; v++) audit('declaration.amend', 'declaration', declarationId, versionAt(v), { version: v - 1 }, { version: v }, 'organization', org.id);
      if (state !== 'published') {
        const at = state === 'expired' ? Date.parse(validUntil) : lastChange;
        audit(`declaration.${state === 'withdrawn' ? 'withdraw' : state === 'expired' ? 'expire' : state === 'suspended' ? 'suspend' : 'revoke'}`, 'declaration', declarationId, at, { status: 'published' }, { status: state }, state === 'expired' ? 'system:expiry' : state === 'withdrawn' ? 'organization' : 'admin', state === 'withdrawn' ? org.id : null);
      }
      // One credential per version; older ones superseded by each amendment.
      for (let v = 1; v <= versions; v++) {
        const status: CredentialStatus = v < versions ? 'superseded' : TO_CREDENTIAL[state]!;
        const content = contents[v - 1]!;
        planCredential(i, org, { type: 'declaration', id: declarationId, version: v }, status, v === 1 ? publishedAt : versionAt(v), { validFrom, validUntil }, (common) =>
          buildDeclarationCredential({
            ...common,
            declaration: { declarationId, version: v, committedOn: content.committedOn, guidelineAreas: content.guidelineAreas as GuidelineArea[], ...(content.policy ? { policy: content.policy } : {}) },
          }),
        );
      }
      if (state === 'published' && result.samples.publishedDeclarationIds.length < 1000 && i < realOrgs) {
        result.samples.publishedDeclarationIds.push(declarationId);
        if (org.corporate_number) result.samples.corporateNumbers.push(org.corporate_number);
      }
    }

    if (hasAward[i]) {
      const fiscalYear = int(orgRng, 2021, 2025);
      const awardedOn = `${fiscalYear + 1}-0${int(orgRng, 1, 3)}-${String(int(orgRng, 10, 28))}`;
      const status = weighted(orgRng, [['active', 95], ['suspended', 2], ['revoked', 3]] as const);
      const category = pick(orgRng, categories);
      const awardAt = Math.min(now - 1000, Date.parse(`${awardedOn}T00:00:00Z`));
      const award: AwardRow = {
        id: uuidv7(awardAt),
        organization_id: org.id,
        fiscal_year: fiscalYear,
        category_code: category.code,
        division_code: null,
        partner_municipality_id: null,
        overview: `${org.name}の地方創生テレワークの取組`,
        message: null,
        awarded_on: awardedOn,
        status,
        // Fixed, not drawn: another draw would change every later organization of a seeded run.
        status_reason: status === 'suspended' ? 'under-investigation' : status === 'revoked' ? 'guideline-breach' : null,
        status_note: null,
        row_version: status === 'active' ? 1 : 2,
        created_at: new Date(awardAt).toISOString(),
        updated_at: new Date(awardAt).toISOString(),
      };
      batch().awards.push(award);
      audit('award.create', 'award', award.id, awardAt, null, { fiscalYear, categoryCode: category.code }, 'admin');
      planCredential(i, org, { type: 'award', id: award.id, version: 1 }, status, awardAt, { validFrom: `${awardedOn}T00:00:00Z`, validUntil: null }, (common) =>
        buildAwardCredential({
          ...common,
          award: { awardId: award.id, fiscalYear, categoryCode: category.code, categoryNameJa: category.name_ja, categoryNameEn: category.name_en, overview: award.overview!, awardedOn },
        }),
      );
    }
  }

  function batch(): Batch {
    return currentBatch!;
  }

  function planCredential(
    i: number,
    org: OrganizationRow,
    subject: { type: 'declaration' | 'award'; id: string; version: number },
    status: CredentialStatus,
    issuedAt: number,
    validity: { validFrom: string; validUntil: string | null },
    build: (common: CredentialCommonInput) => Record<string, unknown>,
  ) {
    const id = uuidv7(issuedAt);
    const bits = bitsFor(status);
    const revocation = allocators.revocation.next(issuedAt);
    const suspension = allocators.suspension.next(issuedAt);
    const listUrl = (listId: string) => `${baseUrl}/status-lists/${listId}`;
    const unsigned = build({
      baseUrl,
      credentialId: id,
      issuer,
      organization: {
        id: org.id,
        name: org.name,
        ...(org.name_en ? { nameEn: org.name_en } : {}),
        kind: org.kind as 'company',
        ...(org.corporate_number ? { corporateNumber: org.corporate_number } : {}),
        ...(org.local_government_code ? { localGovernmentCode: org.local_government_code } : {}),
        prefectureCode: org.prefecture_code,
      },
      validFrom: validity.validFrom,
      ...(validity.validUntil ? { validUntil: validity.validUntil } : {}),
      status: { revocation: { listUrl: listUrl(revocation.listId), index: revocation.index }, suspension: { listUrl: listUrl(suspension.listId), index: suspension.index } },
    });
    const real = i < realOrgs;
    if (real && (status === 'active') && result.samples.realCredentialIds.length < 1000) result.samples.realCredentialIds.push(id);
    batch().credentials.push({
      real,
      unsigned,
      row: {
        id,
        subject_type: subject.type,
        subject_id: subject.id,
        subject_version: subject.version,
        organization_id: org.id,
        status,
        key_id: '',
        valid_from: validity.validFrom,
        valid_until: validity.validUntil,
        data_integrity: '',
        jwt: '',
        jwt_signature: '', // set with jwt, when the batch is written
        issued_at: new Date(issuedAt).toISOString(),
      },
      entries: [
        { list_id: revocation.listId, idx: revocation.index, credential_id: id, purpose: 'revocation', is_set: bits.revocation ? 1 : 0 },
        { list_id: suspension.listId, idx: suspension.index, credential_id: id, purpose: 'suspension', is_set: bits.suspension ? 1 : 0 },
      ],
    });
  }

  function audit(action: string, entityType: string, entityId: string, at: number, before: unknown, after: unknown, role: string, organizationId: string | null = null) {
    // Compact before/after (the registry stores whole records): enough for audit-log queries and
    // volume, without gigabytes of repeated JSON.
    batch().audit.push({
      at: new Date(at).toISOString(),
      actor_token_id: role === 'admin' ? 'seed-admin' : role === 'organization' ? `seed-org-${entityId.slice(-6)}` : null,
      actor_role: role,
      actor_organization_id: role === 'organization' ? organizationId : null,
      action,
      entity_type: entityType,
      entity_id: entityId,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify({ seed: true, ...(after as object) }),
      request_id: null,
    });
  }

  function makeOrganization(i: number, createdAt: number): OrganizationRow {
    const prefectureCode = weighted(rng, PREFECTURE_WEIGHTS);
    const prefecture = PREFECTURES[prefectureCode]!;
    const serial = (municipalityCodes.get(prefectureCode) ?? 200) + 1;
    let kind = weighted(rng, [['company', 94], ['other', 5], ['municipality', 1]] as const);
    if (kind === 'municipality' && serial >= 1000) kind = 'other';
    const id = uuidv7(createdAt);
    let name: string, kana: string, en: string | null, corporateNumber: string, localGovernmentCode: string | null = null;
    const city = `${pick(rng, CITY_WORDS)[0]}${pick(rng, MUNICIPALITY_TYPES)[0]}`;
    if (kind === 'municipality') {
      municipalityCodes.set(prefectureCode, serial);
      const word = pick(rng, CITY_WORDS);
      const type = pick(rng, MUNICIPALITY_TYPES);
      name = `${word[0]}${type[0]}`;
      kana = `${word[1]}${type[1]}`;
      en = `${word[2]} ${type[2]}, ${prefecture.en}`;
      const code5 = `${prefectureCode}${serial}`;
      localGovernmentCode = `${code5}${localGovernmentCheckDigit(code5)}`;
      corporateNumber = corporateNumberOfLocalGovernment(localGovernmentCode);
    } else {
      // A unique 12-digit base per organization (stride 37, random offset), then its check digit.
      const base12 = String(300_000_000_000 + i * 37 + int(rng, 0, 36));
      corporateNumber = `${corporateCheckDigit(base12)}${base12}`;
      const first = pick(rng, FIRST);
      const middle = rng() < 0.4 ? pick(rng, MIDDLE) : null;
      const business = pick(rng, BUSINESS);
      const stem = [first, middle, business].filter((w): w is Word => w !== null);
      const stemJa = stem.map((w) => w[0]).join('');
      kana = stem.map((w) => w[1]).join('');
      const stemEn = stem.map((w) => w[2]).join(' ');
      if (kind === 'company') {
        const [form, position, formEn] = weighted(rng, COMPANY_FORMS);
        name = position === 'before' ? `${form}${stemJa}` : `${stemJa}${form}`;
        en = rng() < 0.7 ? `${stemEn} ${formEn}` : null;
      } else {
        const [form, suffix, formEn] = weighted(rng, OTHER_FORMS);
        name = `${form}${stemJa}${suffix}`;
        en = rng() < 0.5 ? `${stemEn} ${formEn}` : null;
      }
    }
    const slug = (en ?? `org-${i}`).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return {
      id,
      kind,
      corporate_number: corporateNumber,
      local_government_code: localGovernmentCode,
      name,
      name_kana: kana,
      name_en: en,
      search_text: foldForSearch([name, kana, en].filter(Boolean).join(' ')),
      prefecture_code: prefectureCode,
      city: localGovernmentCode ? name : city,
      industry_code: localGovernmentCode ? 'S' : weighted(rng, INDUSTRY_WEIGHTS),
      size_band: pick(rng, SIZE_BANDS),
      website: rng() < 0.8 ? `https://www.${slug}-${i}.example.jp/` : null,
      contact: JSON.stringify({ name: `${pick(rng, SURNAMES)} ${pick(rng, GIVEN)}`, email: `telework-${i}@example.jp`, department: '人事部' }),
      listed: 0,
      row_version: 1,
      created_at: new Date(createdAt).toISOString(),
      updated_at: new Date(createdAt).toISOString(),
      public_updated_at: new Date(createdAt).toISOString(),
    };
  }

  function makeContent(committedOn: string, version: number): DeclarationContent {
    return {
      signerName: `${pick(rng, SURNAMES)} ${pick(rng, GIVEN)}`,
      signerTitle: pick(rng, ['代表取締役', '代表取締役社長', '理事長', '代表社員']),
      committedOn,
      sharedOn: rng() < 0.5 ? committedOn : null,
      guidelineAreas: subset(rng, ['labor', 'personnel', 'compensation', 'connectivity', 'security']),
      // Drawn over the form's five numbers as before (the same seed makes the same registry), without 【4】 (see PURPOSES).
      purposes: subset(rng, ['1', '2', '3', '4', '5']).filter((p) => p !== '4'),
      policy: `${pick(rng, POLICIES)}${version > 1 ? `（第${version}版で改訂）` : ''}`,
      measures: rng() < 0.5 ? 'テレワーク規程の整備、モバイル端末の貸与、オンライン研修の実施' : null,
      publicFields: [...DEFAULT_PUBLIC_FIELDS],
    };
  }

  async function makeTemplate(unsigned: Record<string, unknown>): Promise<Template> {
    const secured = await securer.secure(unsigned);
    const [header, , signature] = secured.jwt.split('.');
    const proof = secured.dataIntegrity.proof;
    return { proofJson: JSON.stringify(proof), jwtHeader: header!, jwtSignature: signature!, keyId: keyIdOf((proof as { verificationMethod: string }[])[0]!.verificationMethod) };
  }
}

interface Template {
  proofJson: string;
  jwtHeader: string;
  jwtSignature: string;
  keyId: string;
}

/**
 * SEED DATA, NOT VERIFIABLE: the credential's own content (its id, subject, status entries)
 * with the proof and JWS signature of a real credential signed by the same key. Both forms are
 * stored exactly as the registry stores them, so search, lookup, credential pages and status
 * lists see realistic rows and sizes; only a verifier would reject them (the signature covers
 * another credential). Benchmarks verify credentials of the first --real organizations only.
 */
function copyOf(c: PlannedCredential, template: Template) {
  const json = JSON.stringify(c.unsigned);
  c.row.data_integrity = `${json.slice(0, -1)},"proof":${template.proofJson}}`;
  c.row.jwt = `${template.jwtHeader}.${Buffer.from(json).toString('base64url')}.${template.jwtSignature}`;
  c.row.key_id = template.keyId;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function prepareInserts(raw: BetterSqlite3.Database) {
  const columns = (table: string, names: string[]) => raw.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`);
  const org = columns('organizations', ['id', 'kind', 'corporate_number', 'local_government_code', 'name', 'name_kana', 'name_en', 'search_text', 'prefecture_code', 'city', 'industry_code', 'size_band', 'website', 'contact', 'listed', 'row_version', 'created_at', 'updated_at', 'public_updated_at']);
  const declaration = columns('declarations', ['id', 'organization_id', 'status', 'current_version', 'row_version', 'valid_from', 'valid_until', 'submitted_at', 'published_at', 'status_reason', 'status_note', 'created_at', 'updated_at', 'public_updated_at']);
  const version = columns('declaration_versions', ['declaration_id', 'version', 'content', 'created_at', 'created_by']);
  const award = columns('awards', ['id', 'organization_id', 'fiscal_year', 'category_code', 'division_code', 'partner_municipality_id', 'overview', 'message', 'awarded_on', 'status', 'status_reason', 'status_note', 'row_version', 'created_at', 'updated_at']);
  const credential = columns('credentials', ['id', 'subject_type', 'subject_id', 'subject_version', 'organization_id', 'status', 'key_id', 'valid_from', 'valid_until', 'data_integrity', 'jwt', 'jwt_signature', 'issued_at']);
  const entry = columns('status_entries', ['list_id', 'idx', 'credential_id', 'purpose', 'is_set']);
  const audit = columns('audit_log', ['at', 'actor_token_id', 'actor_role', 'actor_organization_id', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id']);
  const list = raw.prepare('INSERT INTO status_lists (id, purpose, length, full, revision, created_at) VALUES (@id, @purpose, @length, 0, 0, @created_at)');
  return {
    list,
    batch: raw.transaction((b: Batch) => {
      for (const row of b.organizations) org.run(row);
      for (const row of b.declarations) declaration.run(row);
      for (const row of b.versions) version.run(row);
      for (const row of b.awards) award.run(row);
      for (const c of b.credentials) {
        credential.run({ ...c.row, jwt_signature: jwsSignature(c.row.jwt) });
        for (const e of c.entries) entry.run(e);
      }
      // Audit entries in time order, as the registry would have appended them.
      for (const row of b.audit.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) audit.run(row);
    }),
  };
}

// ---- CLI ----------------------------------------------------------------------------------------

function parseArgs(argv: string[]) {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
    const [key, inline] = arg.slice(2).split('=', 2);
    args[key!] = inline ?? argv[++i] ?? '';
  }
  const known = ['organizations', 'credentials', 'database', 'real', 'seed'];
  const unknown = Object.keys(args).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`Unknown option(s): ${unknown.map((k) => `--${k}`).join(', ')} (known: ${known.map((k) => `--${k}`).join(', ')})`);
  const count = (name: string, fallback: number) => {
    const value = args[name] === undefined ? fallback : Number(args[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
    return value;
  };
  return {
    organizations: count('organizations', 1000),
    credentials: count('credentials', args.organizations ? count('organizations', 1000) * 3 : 3000),
    database: args.database,
    real: args.real === 'all' ? undefined : count('real', 1000),
    seed: args.seed === undefined ? undefined : count('seed', 0),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = parseConfig(process.env);
  const databasePath = args.database ?? config.databasePath;
  const { keys, generated } = await loadIssuerKeys({ dir: config.keysDir, json: config.issuerKeysJson });
  if (generated) console.log(`No issuer key was found, so a development key was generated in ${config.keysDir}/ (the server will use it too).`);
  console.log(
    `Seeding ${databasePath}: ${args.organizations.toLocaleString('en')} organizations, ${args.credentials.toLocaleString('en')} credentials, ` +
      `base URL ${config.publicBaseUrl} (${config.didMethod}); ${args.real === undefined ? 'all credentials signed for real' : `credentials of the first ${args.real.toLocaleString('en')} organizations signed for real, the rest stored copies (not verifiable)`}.`,
  );
  const result = await seed({
    databasePath,
    organizations: args.organizations,
    credentials: args.credentials,
    baseUrl: config.publicBaseUrl,
    keys,
    didMethod: config.didMethod,
    validityMonths: config.validityMonths,
    ...(args.real !== undefined ? { realOrganizations: args.real } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    log: (line) => console.log(line),
  });
  console.log(formatSeedResult(result));
}

export function formatSeedResult(r: SeedResult): string {
  const rate = (n: number, s: number) => (s > 0 ? (n / s).toFixed(0) : '–');
  return [
    `Done in ${r.seconds.toFixed(1)} s: ${r.organizations.toLocaleString('en')} organizations (${rate(r.organizations, r.seconds)}/s), ` +
      `${r.declarations.toLocaleString('en')} declarations with ${r.declarationVersions.toLocaleString('en')} versions, ${r.awards.toLocaleString('en')} awards, ` +
      `${r.credentials.toLocaleString('en')} credentials (${rate(r.credentials, r.seconds)}/s overall), ${r.statusLists} status lists, ${r.auditEntries.toLocaleString('en')} audit entries.`,
    `Signatures: ${r.realSignatures.toLocaleString('en')} real (${rate(r.realSignatures, r.signingSeconds)}/s, ${r.signingSeconds.toFixed(1)} s signing), ${r.copiedSignatures.toLocaleString('en')} copied (seed data, not verifiable).`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
