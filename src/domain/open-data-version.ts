import { sha256Hex } from './encoding.js';

/**
 * What an open data file shows, summed up by the public times of its rows and of what they show
 * (the declaration's or award's, its organization's public details, the credentials issued): for
 * each kind of time, how many rows, their sum in ms and the newest. Every public change sets such
 * a time to its own or adds a row (a publication, a status, an award, a credential), which
 * changes a count or a sum, and no hidden edit sets one (publicUpdatedAtOf,
 * organizationPublicUpdatedAtOf): an exact validator read by aggregates, without the file.
 */
export interface PublicSummary {
  /** Counts and sums of public times in ms. */
  checksum: readonly (number | null)[];
  /** The newest public time of each kind. */
  newest: readonly (string | null)[];
}

/** A version of an open data file: a digest of its summary, and the newest public time it shows. */
export interface DataVersion {
  tag: string;
  at: string | null;
}

/**
 * The version of the file `summary` sums up. `at` is the newest public time, never a hidden
 * edit's (the audit log's newest entry would tell when a contact or a draft was saved); a row
 * leaving the file (a revoked award) must still be summed, with the time it left, or
 * Last-Modified would not move on with it.
 */
export async function dataVersionOf(summary: PublicSummary): Promise<DataVersion> {
  let at: string | null = null;
  for (const time of summary.newest) if (time !== null && (at === null || time > at)) at = time;
  const tag = (await sha256Hex(JSON.stringify([summary.checksum, summary.newest]))).slice(0, 32);
  return { tag, at };
}
