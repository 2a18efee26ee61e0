import { isStaff, mayReview } from '../actor.js';
import { forbidden, invalid, notFound } from '../errors.js';
import type { AccountRepository } from '../../ports/accounts.js';
import type { Repositories } from '../../ports/repositories.js';
import type { ReviewNote, ReviewNoteRepository } from '../../ports/review-notes.js';
import { WriteConflict, type UnitOfWork } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';
import { lineBreaksAsLf } from '../readable-text.js';

export type { ReviewNote };

/** The longest note, in characters. */
export const REVIEW_NOTE_MAX = 4000;

/** The same note from the same person within this time is the same form sent again, not a second note. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Audit actions about the secretariat's internal work on a declaration: they name the
 * declaration, but its organization never sees them (src/domain/services/organization-audit.ts).
 */
export const INTERNAL_AUDIT_ACTIONS: readonly string[] = ['review-note.add'];

const DECLARATION = { ja: '宣言', en: 'Declaration' };
/** Control characters other than tab and newline (C0, DEL, C1). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** A note's text as stored: newlines as \n (forms send \r\n), no surrounding blanks; refused when empty, too long or with control characters. */
export function checkNoteBody(body: unknown): string {
  const text = typeof body === 'string' ? lineBreaksAsLf(body).trim() : '';
  const problem = (ja: string, en: string) => invalid([{ field: '/note', ja, en }]);
  if (text.length === 0) throw problem('メモを入力してください。', 'Write the note.');
  const length = [...text].length;
  if (length > REVIEW_NOTE_MAX) throw problem(`メモは${REVIEW_NOTE_MAX}文字以内で入力してください（今は${length}文字）。`, `The note can be at most ${REVIEW_NOTE_MAX} characters (now ${length}).`);
  if (CONTROL.test(text)) throw problem('メモに制御文字は使えません（改行とタブは使えます）。', 'The note cannot contain control characters (newlines and tabs are fine).');
  return text;
}

/**
 * Internal review notes: what the secretariat's staff tell each other about a declaration.
 * Every staff member reads them; reviewers and administrators write them. They never leave the
 * back office (not in the API's declaration, /my, public pages, open data or the change feed).
 */
export function createReviewNoteService(deps: {
  notes: ReviewNoteRepository;
  repos: Pick<Repositories, 'declarations' | 'audit'>;
  accounts: Pick<AccountRepository, 'get'>;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
}) {
  const { notes, repos, uow } = deps;

  async function declarationExists(id: string) {
    if (!(await repos.declarations.get(id))) throw notFound(DECLARATION);
  }

  return {
    /** The declaration's notes, oldest first: any staff member. */
    async list(ctx: RequestContext, declarationId: string): Promise<ReviewNote[]> {
      if (!isStaff(ctx.actor)) throw forbidden();
      await declarationExists(declarationId);
      return notes.list(declarationId);
    },

    /** Adds a note (reviewers and administrators); the note and its audit entry commit in one batch. */
    async add(ctx: RequestContext, declarationId: string, body: unknown): Promise<ReviewNote> {
      const actor = ctx.actor;
      if (actor.role !== 'admin' || !mayReview(actor)) throw forbidden();
      const text = checkNoteBody(body);
      await declarationExists(declarationId);
      const account = actor.accountId ? await deps.accounts.get(actor.accountId) : null;
      const note: ReviewNote = {
        id: deps.newId(),
        declarationId,
        author: actor.tokenId,
        authorName: account?.displayName ?? `APIトークン ${actor.tokenId}`,
        body: text,
        createdAt: deps.clock.now().toISOString(),
      };
      // A double click or a reload of the posted form wrote the note twice: the one already written stands for it.
      const since = new Date(deps.clock.now().getTime() - REPEAT_WINDOW_MS).toISOString();
      const written = async () => (await notes.list(declarationId)).find((n) => n.author === note.author && n.body === text && n.createdAt >= since);
      const standing = await written();
      if (standing) return standing;
      try {
        await uow.commit([
          ...notes.insert(note, since),
          repos.audit.append(auditEntry(ctx, note.createdAt, { action: 'review-note.add', entityType: 'declaration', entityId: declarationId, before: null, after: note })),
        ]);
      } catch (error) {
        const twin = error instanceof WriteConflict ? await written() : undefined;
        if (!twin) throw error;
        return twin;
      }
      return note;
    },
  };
}

export type ReviewNoteService = ReturnType<typeof createReviewNoteService>;
