import { Hono, type Context } from 'hono';
import { openAward, openDeclaration } from '../../domain/open-data.js';
import { dataVersionOf, type DataVersion } from '../../domain/open-data-version.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { notModified } from '../conditional.js';
import { AWARD_COLUMNS, DECLARATION_COLUMNS } from '../open-data/columns.js';
import { csvHead, csvRecords, type CsvColumn } from '../open-data/csv.js';
import { streamFile, type FileParts } from '../open-data/stream.js';
import type { OpenDataSnapshot } from '../../ports/open-data.js';

/** Names a person sees when saving the file; the ASCII one is for clients without RFC 6266 filename*. */
const FILES = {
  declarations: { ascii: 'telework-declarations', ja: '地方創生テレワーク自己宣言一覧' },
  awards: { ascii: 'telework-awards', ja: '地方創生テレワーク表彰一覧' },
} as const;
type Dataset = keyof typeof FILES;
type Format = 'csv' | 'json';

const contentDisposition = (dataset: Dataset, format: Format) =>
  `${format === 'csv' ? 'attachment' : 'inline'}; filename="${FILES[dataset].ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${FILES[dataset].ja}.${format}`)}`;

/**
 * The ETag is a digest of the file's public times summed up (dataVersionOf): it changes with what the file
 * shows and with nothing the public never sees (the newest audit entry did, telling anyone when a
 * contact or a renewal's draft was saved). The version is read before the data, so a tag is
 * never newer than the body it labels.
 */
const etagOf = (version: DataVersion, dataset: Dataset, format: Format) => `"${dataset}-${format}-${version.tag}"`;

/** Open data at stable URLs (api-contract): published declarations and awards as CSV and JSON, for anyone. */
export function openDataRoutes(registry: Registry) {
  const baseUrl = registry.identity.baseUrl;
  const { openData, deps } = registry;

  async function serve<T>(c: Context<AppEnv>, dataset: Dataset, format: Format, load: () => Promise<OpenDataSnapshot<T>>, columns: readonly CsvColumn<T>[]) {
    // Aggregates, not the file: a conditional GET answered 304 reads and renders no row.
    const version = await dataVersionOf(await (dataset === 'declarations' ? openData.declarationSummary() : openData.awardSummary()));
    const etag = etagOf(version, dataset, format);
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': 'public, max-age=300',
      'Content-Disposition': contentDisposition(dataset, format),
      ...(version.at ? { 'Last-Modified': new Date(version.at).toUTCString() } : {}),
    };
    // Last-Modified is the newest public time the file shows (or, for a revoked award, left out), the same times the ETag sums.
    const validators = { ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') };
    if (notModified(validators, { etag, lastModified: version.at })) return c.body(null, 304, headers);
    // Which rows, read before the answer starts (a failure is still a 500 problem); the rows follow in batches.
    const snapshot = await load();
    if (format === 'json') {
      // The bytes JSON.stringify({ asOf, count, documentation, items }) gave when the file was built whole.
      const parts: FileParts<T> = {
        head: `{"asOf":${JSON.stringify(version.at)},"count":${snapshot.count},"documentation":${JSON.stringify(`${baseUrl}/docs`)},"items":[`,
        // The batch as one array without its brackets: the same bytes as each item's joined by commas, in one call.
        rows: (batch, first) => (first ? '' : ',') + JSON.stringify(batch).slice(1, -1),
        tail: ']}',
      };
      return c.body(streamFile(snapshot.batches(), parts), 200, { ...headers, 'Content-Type': 'application/json' });
    }
    const parts: FileParts<T> = { head: csvHead(columns), rows: (batch) => csvRecords(columns, batch), tail: '' };
    return c.body(streamFile(snapshot.batches(), parts), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8; header=present' });
  }

  /** A snapshot's rows mapped, batch by batch, to what the file shows. */
  const mapped = <S, T>(snapshot: OpenDataSnapshot<S>, map: (source: S) => T): OpenDataSnapshot<T> => ({
    count: snapshot.count,
    async *batches() {
      for await (const batch of snapshot.batches()) yield batch.map(map);
    },
  });

  async function declarationItems() {
    return mapped(await openData.declarations(), (source) => openDeclaration(source, { baseUrl }));
  }

  async function awardItems() {
    const [snapshot, categories, divisions] = await Promise.all([openData.awards(), deps.repos.awards.categories(), deps.repos.awards.divisions()]);
    return mapped(snapshot, (source) => openAward(source, { baseUrl, categories, divisions }));
  }

  return new Hono<AppEnv>()
    .get('/declarations.csv', (c) => serve(c, 'declarations', 'csv', declarationItems, DECLARATION_COLUMNS))
    .get('/declarations.json', (c) => serve(c, 'declarations', 'json', declarationItems, DECLARATION_COLUMNS))
    .get('/awards.csv', (c) => serve(c, 'awards', 'csv', awardItems, AWARD_COLUMNS))
    .get('/awards.json', (c) => serve(c, 'awards', 'json', awardItems, AWARD_COLUMNS));
}
