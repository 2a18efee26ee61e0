import { sha256Hex } from './encoding.js';

/**
 * One row of an open data file reduced to what changes whenever what the public is shown of it
 * changes: the ids it shows (its own, its newest credential's) and the public times of what it
 * shows (the declaration's or award's, its organization's public time, its credential's issue).
 * Every public change sets such a time to its own, and no hidden edit sets one (publicUpdatedAtOf,
 * organizationPublicUpdatedAtOf), so these are exact validators without rendering the file.
 */
export interface PublicStamp {
  ids: readonly (string | null)[];
  times: readonly (string | null)[];
}

/** A version of an open data file: a digest of its rows' stamps, and the newest public time among them. */
export interface DataVersion {
  tag: string;
  at: string | null;
}

/**
 * The version of a file whose rows are `stamps` (in a stable order). `at` is the newest public
 * time, never a hidden edit's (the audit log's newest entry would tell when a contact or a draft
 * was saved); a row leaving the file (a revoked award) must still be stamped, with the time it
 * left, or Last-Modified would not move on with it.
 */
export async function dataVersionOf(stamps: readonly PublicStamp[]): Promise<DataVersion> {
  let at: string | null = null;
  for (const { times } of stamps) for (const time of times) if (time !== null && (at === null || time > at)) at = time;
  const tag = (await sha256Hex(JSON.stringify(stamps.map(({ ids, times }) => [ids, times])))).slice(0, 32);
  return { tag, at };
}
