/**
 * Organization search on real SQLite with more organizations than the index is asked to list
 * (2,000), so that rare text is answered through the FTS5 trigram index and text in every name by
 * reading in order. Every answer, page by page, must equal a plain substring filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/adapters/sqlite/open.js';
import { createKyselyOrganizations } from '../../src/adapters/kysely/organizations.js';
import { foldForSearch } from '../../src/domain/search-text.js';
import type { Registry } from '../../src/registry.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';
import { corporateNumberFor } from '../helpers/server.js';

const COUNT = 2600;
let store: SqliteStore;
let registry: Registry;
const names = new Map<string, string>();

/** Every 200th organization is a システム company; one, near the end, has a name of its own. */
const nameOf = (i: number) => (i === 2_400 ? '唯一無二テレワーク研究所株式会社' : i % 200 === 7 ? `株式会社システム${i}` : `株式会社サンプル${i}`);

beforeAll(async () => {
  ({ store, registry } = await registryInMemory());
  for (let i = 0; i < COUNT; i++) {
    const org = await registry.organizations.create(admin, { kind: 'company', name: nameOf(i), corporateNumber: corporateNumberFor(700_000 + i), prefectureCode: i % 2 ? '13' : '27' });
    names.set(org.id, org.name);
  }
}, 120_000);
afterAll(() => store.close());

/** All pages of a search, following the cursor. */
async function everyPage(q: string, extra: { prefectureCode?: string } = {}, limit = 7) {
  const repo = createKyselyOrganizations(store.db);
  const found: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await repo.search({ q, listedOnly: false, limit, cursor, ...extra });
    found.push(...page.items.map((o) => o.id));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

async function expected(q: string, prefectureCode?: string) {
  const rows = await store.db.selectFrom('organizations').select(['id', 'search_text', 'prefecture_code']).orderBy('id').execute();
  return rows.filter((r) => r.search_text.includes(foldForSearch(q)) && (!prefectureCode || r.prefecture_code === prefectureCode)).map((r) => r.id);
}

describe(`search over ${COUNT} organizations`, () => {
  it.each([
    ['a name held once (the index)', '唯一無二テレワーク'],
    ['a word in 1 of 200 (the index)', 'システム'],
    ['the same in katakana folded to hiragana', 'しすてむ'],
    ['a word in every name (read in order)', '株式会社'],
    ['two characters (no trigram: read in order)', '唯一'],
    ['nothing at all', '存在しない名前'],
  ])('%s: every page equals a plain substring filter', async (_name, q) => {
    expect(await everyPage(q)).toEqual(await expected(q));
    expect(await everyPage(q, { prefectureCode: '13' })).toEqual(await expected(q, '13'));
  });

  it('finds the rare name, and after a rename only by the new one', async () => {
    const [id] = await everyPage('唯一無二テレワーク');
    expect(names.get(id!)).toBe('唯一無二テレワーク研究所株式会社');
    const current = await registry.organizations.load(id!);
    await registry.organizations.update(admin, id!, { kind: 'company', name: '改名後リモート研究所株式会社', corporateNumber: current.corporateNumber!, prefectureCode: current.prefectureCode }, current.rowVersion);
    expect(await everyPage('唯一無二テレワーク')).toEqual([]);
    expect(await everyPage('改名後リモート')).toEqual([id]);
  });
});
