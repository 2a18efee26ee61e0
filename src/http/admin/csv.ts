// CSV downloads of the back office, as Japanese Excel opens them: UTF-8 with a BOM (without it Excel
// reads Shift_JIS), CRLF line ends, every field quoted (RFC 4180: a quote inside is doubled), codes
// of digits kept as written, and no cell that a spreadsheet would run as a formula. Streamed, so a
// long export never sits in memory. (Machines read the open data and the API, not these files.)

import { japanDate } from '../../domain/japan-calendar.js';

/** Excel, LibreOffice and Google Sheets treat a cell starting with one of these as a formula (or DDE). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Digits Excel would not show as written: it reads a cell of digits as a number, whatever the
 * quotes, so a leading zero goes (地方公共団体コード 011002, a phone number) and from 12 digits it
 * shows E notation (法人番号 7123456789012 as 7.12346E+12; past 15 digits it loses them).
 */
const DIGITS_EXCEL_ALTERS = /^(0\d+|\d{12,})$/;

/**
 * One field: quoted, inner quotes doubled, and neutralised with a leading apostrophe when it would
 * start a formula ("=cmd|…", "+81…", "@SUM(…)"). null and undefined are empty.
 *
 * Digits Excel would alter go out as the text formula ="011002", the established way to make
 * Excel (and Google Sheets) keep them as text: the cell shows and holds exactly the digits, and
 * sorts, filters and looks up as text. It is safe against formula injection because nothing but
 * [0-9] goes between the quotes: a string constant, no function, no reference. Not chosen: the
 * apostrophe (Excel shows it when it opens a CSV), a leading tab (the cell keeps an invisible
 * character, so a lookup by 法人番号 fails and a copy carries it), and .xlsx (a second format
 * for the same rows, and a zip to write on the Worker).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (DIGITS_EXCEL_ALTERS.test(text)) text = `="${text}"`;
  else if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One record with its CRLF line end. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A Content-Disposition for a download named `filename` (a UTF-8 name too, with an ASCII fallback). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export interface CsvDownload {
  /** The file's name as the browser saves it, e.g. organizations-2026-01-31.csv. */
  filename: string;
  header: readonly string[];
  /** The records, read as the download goes (page through a repository here). */
  rows: AsyncIterable<readonly unknown[]>;
  /**
   * Called once with how many records went out: `complete` when all of them did (before the last
   * bytes are sent, so a failure here leaves the download incomplete, never unrecorded), or not
   * when the reader went away or reading failed. Use it for the audit entry.
   */
  onEnd?: (result: { rows: number; complete: boolean }) => Promise<void> | void;
}

/** Bytes gathered before a chunk is sent: one write per page of records, not per record. */
const CHUNK_CHARS = 32 * 1024;

/**
 * A streamed CSV download: text/csv; charset=utf-8, the BOM, the header, then the rows. Never
 * cached (the back office's exports hold private data).
 */
export function csvResponse({ filename, header, rows, onEnd }: CsvDownload): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let count = 0;
  let ended = false;
  const end = async (complete: boolean) => {
    if (ended) return;
    ended = true;
    await onEnd?.({ rows: count, complete });
  };
  let pending = `\uFEFF${csvRow(header)}`;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            await end(true);
            if (pending) controller.enqueue(encoder.encode(pending));
            controller.close();
            return;
          }
          pending += csvRow(next.value);
          count++;
          if (pending.length >= CHUNK_CHARS) {
            controller.enqueue(encoder.encode(pending));
            pending = '';
            return;
          }
        }
      } catch (error) {
        await end(false).catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
      await end(false);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': attachment(filename),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Today's date in Japan (YYYY-MM-DD), for a download's file name. */
export const jstDate = (now: Date): string => japanDate(now.toISOString())!;
