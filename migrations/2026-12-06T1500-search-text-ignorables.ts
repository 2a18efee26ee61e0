import { sql, type Kysely } from 'kysely';
import { foldForSearch } from '../src/domain/search-text.js';

/**
 * The search text of names that hold a character showing as nothing (a zero-width space or a soft
 * hyphen pasted from a web page, a variation selector…), folded again now that foldForSearch
 * drops them: such a company was not found by the name a person reads. Only those rows are read
 * (a GLOB over the Default_Ignorable_Code_Point ranges), so a large registry starts as fast.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ id: string; name: string; name_kana: string | null; name_en: string | null; search_text: string }>`
    SELECT id, name, name_kana, name_en, search_text FROM organizations WHERE search_text GLOB ${`*[${ignorableRanges()}]*`}`.execute(db);
  for (const row of rows.rows) {
    const folded = foldForSearch([row.name, row.name_kana, row.name_en].filter(Boolean).join(' '));
    if (folded !== row.search_text) await db.updateTable('organizations').set({ search_text: folded }).where('id', '=', row.id).execute();
  }
}

/**
 * The ignorable code points as a GLOB character class's ranges ("\u00ad\u034f…\u200b-\u200f…"),
 * from Unicode's own property, so the class is the one foldForSearch drops. Unicode has them in the
 * BMP, plane 1 and plane 14 only; the other planes are not tested (this runs once, at migration).
 */
function ignorableRanges(): string {
  const property = /^\p{Default_Ignorable_Code_Point}$/u;
  const ignorable = (code: number) => property.test(String.fromCodePoint(code));
  let ranges = '';
  for (const [from, to] of [[0, 0x1ffff], [0xe0000, 0xeffff]] as const) {
    for (let code = from; code <= to; code++) {
      if (!ignorable(code)) continue;
      let last = code;
      while (last < to && ignorable(last + 1)) last++;
      ranges += last === code ? String.fromCodePoint(code) : `${String.fromCodePoint(code)}-${String.fromCodePoint(last)}`;
      code = last;
    }
  }
  return ranges;
}
