import { isAdmin, isStaff } from '../actor.js';
import { WITHHELD, withoutAddresses } from '../audit-redaction.js';
import { conflict, forbidden, notFound } from '../errors.js';
import type { AuditRepository } from '../../ports/repositories.js';
import type { MailOutbox } from '../../ports/mail.js';
import { WriteConflict, type UnitOfWork } from '../../ports/store.js';
import { auditEntry, type Clock, type RequestContext } from './context.js';

const MESSAGE = { ja: 'メール', en: 'Message' };

/**
 * E-mail that did not go out, for the secretariat: every staff member sees the list; an
 * administrator may send a failed message again (audited). Bodies are never shown: an invitation
 * carries a one-time link. Recipients (organizations' contacts, members) are administrators' only,
 * as everywhere else: withheld from the others, in the recipient and in the mail service's error.
 */
export function createMailProblems({ outbox, audit, uow, clock }: { outbox: MailOutbox; audit: AuditRepository; uow: UnitOfWork; clock: Clock }) {
  return {
    async list(ctx: RequestContext, limit = 100) {
      if (!isStaff(ctx.actor)) throw forbidden();
      const page = await outbox.problems({ limit });
      if (isAdmin(ctx.actor)) return page;
      return { ...page, items: page.items.map((m) => ({ ...m, recipient: WITHHELD, lastError: m.lastError === null ? null : withoutAddresses(m.lastError) })) };
    },

    async retry(ctx: RequestContext, id: string) {
      if (!isAdmin(ctx.actor)) throw forbidden();
      const before = await outbox.get(id);
      if (!before) throw notFound(MESSAGE);
      const notFailed = () =>
        conflict('このメールは再送できません（送信待ちまたは送信済みです）。', 'This message cannot be retried: it is waiting to be sent or was sent already.');
      if (before.status !== 'failed') throw notFailed();
      try {
        await uow.commit([
          ...outbox.retry(id),
          audit.append(auditEntry(ctx, clock.now().toISOString(), {
            action: 'mail.retry', entityType: 'mail', entityId: id,
            before: { status: before.status, attempts: before.attempts, lastError: before.lastError, kind: before.kind, recipient: before.recipient },
            after: { status: 'pending', attempts: 0 },
          })),
        ]);
      } catch (error) {
        // Another retry (or a concurrent run) got there first: the message is queued once.
        if (error instanceof WriteConflict) throw notFailed();
        throw error;
      }
    },
  };
}

export type MailProblems = ReturnType<typeof createMailProblems>;
