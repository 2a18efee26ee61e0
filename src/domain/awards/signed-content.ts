import type { Award } from '../model.js';

/**
 * Whether a change alters what the award's credential signed (its overview and day): then the
 * credential is re-issued and the old one superseded. The message is shown on the pages only, and
 * status changes flip the credential's bits instead.
 */
export const awardSignedContentChanged = (before: Award | null, after: Award): boolean =>
  before !== null && (before.overview !== after.overview || before.awardedOn !== after.awardedOn);
