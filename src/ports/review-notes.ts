import type { WriteOp } from './store.js';

/** An internal note on a declaration under review: seen by the secretariat's staff only. */
export interface ReviewNote {
  id: string;
  declarationId: string;
  /** Who wrote it, as the audit log names actors (e.g. `account:<id>`, or an administrator token's id). */
  author: string;
  /** The author's name when the note was written (kept even if the account is renamed or removed). */
  authorName: string;
  body: string;
  createdAt: string;
}

/** Review notes: read for the review page, written with their audit entry in one batch. */
export interface ReviewNoteRepository {
  /** The declaration's notes, oldest first. */
  list(declarationId: string): Promise<ReviewNote[]>;
  /**
   * The note's insert, writing nothing (the batch fails with WriteConflict) while the same author's
   * same text was added to the declaration since `since`: a form sent twice (a double click, a reload).
   */
  insert(note: ReviewNote, since: string): WriteOp[];
}
