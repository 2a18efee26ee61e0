import { sql, type Kysely } from 'kysely';
import type { ReviewNote, ReviewNoteRepository } from '../../ports/review-notes.js';
import { insertUnlessOps } from './ops.js';
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
    insert(note, since) {
      const row: ReviewNoteRow = { id: note.id, declaration_id: note.declarationId, author: note.author, author_name: note.authorName, body: note.body, created_at: note.createdAt };
      // Two posts at once both pass the service's read; the guard fails the later batch.
      const same = notes.selectFrom('review_notes').select(sql.lit(1).as('one'))
        .where('declaration_id', '=', note.declarationId).where('author', '=', note.author).where('body', '=', note.body).where('created_at', '>=', since);
      return insertUnlessOps('review_notes', row, same);
    },
  };
}
