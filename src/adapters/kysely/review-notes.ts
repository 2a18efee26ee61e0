import type { Kysely } from 'kysely';
import type { ReviewNote, ReviewNoteRepository } from '../../ports/review-notes.js';
import { toOp } from './ops.js';
import type { Database } from './schema.js';

/** migrations/2026-11-30T1500-back-office.ts */
interface ReviewNoteRow {
  id: string;
  declaration_id: string;
  author: string;
  author_name: string;
  body: string;
  created_at: string;
}

const toNote = (row: ReviewNoteRow): ReviewNote => ({
  id: row.id,
  declarationId: row.declaration_id,
  author: row.author,
  authorName: row.author_name,
  body: row.body,
  createdAt: row.created_at,
});

export function createKyselyReviewNotes(db: Kysely<Database>): ReviewNoteRepository {
  const notes = db.withTables<{ review_notes: ReviewNoteRow }>();
  return {
    async list(declarationId) {
      // Ids are UUIDv7 (time-ordered): they break ties between notes written in the same millisecond.
      const rows = await notes.selectFrom('review_notes').selectAll().where('declaration_id', '=', declarationId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toNote);
    },
    insert(note) {
      return toOp(notes.insertInto('review_notes').values({
        id: note.id,
        declaration_id: note.declarationId,
        author: note.author,
        author_name: note.authorName,
        body: note.body,
        created_at: note.createdAt,
      }));
    },
  };
}
