import { sql, type Kysely } from 'kysely';
import { foldForSearch } from '../src/domain/search-text.js';

/**
 * The search text of names that hold a character showing as nothing (a zero-width space or a soft
 * hyphen pasted from a web page, a variation selector…), folded again now that foldForSearch
 * drops them: such a company was not found by the name a person reads. Only those rows are read
 * (GLOBs over the Default_Ignorable_Code_Point ranges), so a large registry starts as fast.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const patterns = ignorablePatterns();
  const rows = await sql<{ id: string; name: string; name_kana: string | null; name_en: string | null; search_text: string }>`
    SELECT id, name, name_kana, name_en, search_text FROM organizations WHERE ${sql.join(patterns.map((pattern) => sql`search_text GLOB ${pattern}`), sql` OR `)}`.execute(db);
  for (const row of rows.rows) {
    const folded = foldForSearch([row.name, row.name_kana, row.name_en].filter(Boolean).join(' '));
    if (folded !== row.search_text) await db.updateTable('organizations').set({ search_text: folded }).where('id', '=', row.id).execute();
  }
}

/**
 * The ignorable code points as GLOB patterns ("*[\u00ad\u034f…\u200b-\u200f]*", …), from Unicode's
 * own property, so the classes are the ones foldForSearch drops. Each pattern stays within 50
 * bytes of UTF-8, D1's limit on a GLOB pattern ("pattern too complex" past it). Unicode has them in
 * the BMP, plane 1 and plane 14 only; the other planes are not tested (this runs once, at migration).
 */
function ignorablePatterns(): string[] {
  const property = /^\p{Default_Ignorable_Code_Point}$/u;
  const ignorable = (code: number) => property.test(String.fromCodePoint(code));
  const ranges: string[] = [];
  for (const [from, to] of [[0, 0x1ffff], [0xe0000, 0xeffff]] as const) {
    for (let code = from; code <= to; code++) {
      if (!ignorable(code)) continue;
      let last = code;
      while (last < to && ignorable(last + 1)) last++;
      ranges.push(last === code ? String.fromCodePoint(code) : `${String.fromCodePoint(code)}-${String.fromCodePoint(last)}`);
      code = last;
    }
  }
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const patterns: string[] = [];
  for (const range of ranges) {
    const last = patterns.length - 1;
    const joined = last >= 0 ? `${patterns[last]!.slice(0, -2)}${range}]*` : '';
    if (last >= 0 && bytes(joined) <= 50) patterns[last] = joined;
    else patterns.push(`*[${range}]*`);
  }
  return patterns;
}
