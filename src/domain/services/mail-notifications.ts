import type { MemberRole } from '../accounts/model.js';
import type { Organization } from '../model.js';
import { declarationLetter, type DeclarationChange } from '../mail/declaration-mail.js';
import { receiptLetter } from '../mail/receipt-mail.js';
import { reissueLetter } from '../mail/reissue-mail.js';
import { withdrawalLetter } from '../mail/withdrawal-mail.js';
import { awardLetter, partnerLetter, type AwardMailChange } from '../mail/award-mail.js';
import { invitationLetter } from '../mail/invitation-mail.js';
import { staffInvitationLetter } from '../mail/staff-invitation-mail.js';
import type { StaffRole } from '../accounts/staff.js';
import { addressed, compose, type Bilingual, type Letter } from '../mail/letter.js';
import { isMailbox, organizationRecipients } from '../mail/recipients.js';
import { RENEWAL_REMINDER_DAYS, renewalLetter } from '../mail/renewal-mail.js';
import type { AccountRepository } from '../../ports/accounts.js';
import type { MailKind, MailOutbox, RenewalReminderLedger } from '../../ports/mail.js';
import type { Repositories } from '../../ports/repositories.js';
import { UniqueViolation, type UnitOfWork, type WriteOp } from '../../ports/store.js';
import type { Clock } from './context.js';
import { DAY_MS, japanDate, japanDayEnd } from '../japan-calendar.js';

export type { DeclarationChange };

/** What the declaration and award services ask of notifications (ServiceDeps.notifications). */
export interface ChangeNotifier {
  /** Outbox ops for the messages a declaration change sends: they join the change's own batch. */
  declarationChanged(change: DeclarationChange): Promise<WriteOp[]>;
  /** Outbox ops for the message an award change sends (its record, suspension, reinstatement, revocation). */
  awardChanged(change: AwardMailChange): Promise<WriteOp[]>;
  /** Queues the renewal reminders now due (RENEWAL_REMINDER_DAYS before expiry), each once. Returns how many were queued. */
  remindRenewals(): Promise<number>;
}

/**
 * An invitation e-mail: the one-time link, for the invited address only. The shape of
 * InvitationMailer's message (src/domain/services/invitations.ts), so `invitation` plugs in there.
 */
export interface InvitationMail {
  to: string | null;
  organization: Pick<Organization, 'id' | 'name' | 'nameEn'>;
  /** The one-time link, e.g. `${PUBLIC_BASE_URL}/join/<token>`. */
  url: string;
  /** ISO 8601: when the link stops working. */
  expiresAt: string;
  role?: MemberRole;
}

/**
 * The one letter a declaration change sends, if any: the secretariat's acts and expiry, the
 * receipt of a submission, a badge issued anew by the organization's own change, a withdrawal.
 */
function declarationMail(change: DeclarationChange, options: { baseUrl: string }) {
  return declarationLetter(change, options) ?? receiptLetter(change, options) ?? reissueLetter(change, options) ?? withdrawalLetter(change, options);
}

/** Declarations reminded per commit round; the sweep loops until none is due. */
const REMINDER_BATCH = 50;

/**
 * E-mail notifications, queued in the outbox. Recipients of an organization's messages are its
 * members' addresses plus its private contact address; with none, nothing is queued.
 */
export function createMailNotifications({
  outbox, reminders, members, repos, uow, clock, newId, baseUrl, sender, contactUrl = null, replyTo = null,
}: {
  outbox: MailOutbox;
  reminders: RenewalReminderLedger;
  members: Pick<AccountRepository, 'members'>;
  repos: Pick<Repositories, 'organizations'>;
  uow: UnitOfWork;
  clock: Clock;
  newId(): string;
  /** PUBLIC_BASE_URL, for links (/my, /my/badges). */
  baseUrl: string;
  /** Signature: the registry's name in both languages. */
  sender: Bilingual;
  /** SITE_CONTACT_URL: where the signature sends questions; none when not set. */
  contactUrl?: string | null;
  /** MAIL_REPLY_TO: the footer says replies reach the secretariat there; none: that replies are not read. */
  replyTo?: string | null;
}) {
  async function recipientsOf(organization: Organization): Promise<string[]> {
    const memberEmails = (await members.members(organization.id)).map((m) => m.account.email);
    return organizationRecipients({ memberEmails, contactEmail: organization.contact?.email });
  }

  /** A letter to one address (an invitation's): nothing when `to` is not a plain e-mail address. */
  function toOne(to: string | null, kind: MailKind, organizationId: string | null, letter: () => Letter): WriteOp[] {
    const recipient = to?.trim();
    if (!isMailbox(recipient)) return [];
    return outbox.append(addressed({ kind, organizationId, content: compose(letter(), sender, contactUrl, replyTo), recipients: [recipient], at: clock.now().toISOString(), newId }));
  }

  /** A letter to every recipient of the organization's messages, at the time of the change. */
  async function toOrganization(found: { kind: MailKind; letter: Letter } | null, organization: Organization, at: string): Promise<WriteOp[]> {
    if (!found) return [];
    const recipients = await recipientsOf(organization);
    if (recipients.length === 0) return [];
    return outbox.append(addressed({ kind: found.kind, organizationId: organization.id, content: compose(found.letter, sender, contactUrl, replyTo), recipients, at, newId }));
  }

  const notifier: ChangeNotifier = {
    declarationChanged: (change) => toOrganization(declarationMail(change, { baseUrl }), change.organization, change.after.updatedAt),
    async awardChanged(change) {
      const toAwarded = await toOrganization(awardLetter(change, { baseUrl }), change.organization, change.after.updatedAt);
      // A recorded award that names a partner municipality tells the municipality too.
      const partnerId = change.action === 'create' ? change.after.partnerMunicipalityId : null;
      const partner = partnerId ? await repos.organizations.get(partnerId) : null;
      return partner ? [...toAwarded, ...(await toOrganization(partnerLetter(change, partner, { baseUrl }), partner, change.after.updatedAt))] : toAwarded;
    },

    async remindRenewals() {
      let queued = 0;
      for (;;) {
        const now = clock.now();
        // A reminder is due from 00:00 JST on its day (the renewal window opens then too): the validity ends by the end of the Japanese day `days` on.
        const todayEnds = japanDayEnd(japanDate(now.toISOString())!).getTime();
        const horizons = [...RENEWAL_REMINDER_DAYS].sort((a, b) => a - b).map((days) => ({ days, until: new Date(todayEnds + days * DAY_MS).toISOString() }));
        const due = await reminders.due({ now: now.toISOString(), horizons, limit: REMINDER_BATCH });
        let progressed = false;
        for (const reminder of due) {
          const at = clock.now().toISOString();
          const organization = await repos.organizations.get(reminder.organizationId);
          const recipients = organization ? await recipientsOf(organization) : [];
          // Recorded even without recipients, so the sweep does not look at it again every run.
          const ops = [reminders.record({ declarationId: reminder.declarationId, validUntil: reminder.validUntil, daysBefore: reminder.daysBefore, at })];
          if (organization && recipients.length > 0) {
            const content = compose(renewalLetter({ organization, validUntil: reminder.validUntil, now, baseUrl }), sender, contactUrl, replyTo);
            ops.push(...outbox.append(addressed({ kind: 'declaration.renewal-reminder', organizationId: organization.id, content, recipients, at, newId })));
          }
          try {
            await uow.commit(ops);
            queued++;
            progressed = true;
          } catch (error) {
            // Another sweep (process, isolate) recorded the same reminder first: it queued the messages.
            if (!(error instanceof UniqueViolation)) throw error;
          }
        }
        if (due.length < REMINDER_BATCH || !progressed) return queued;
      }
    },
  };

  return {
    ...notifier,
    recipientsOf,
    /**
     * Outbox ops for an invitation e-mail, to commit in the batch that creates the invitation.
     * None when `to` is not a plain e-mail address (the link is then handed over another way).
     */
    invitation({ to, organization, url, expiresAt, role }: InvitationMail): WriteOp[] {
      return toOne(to, 'invitation', organization.id, () => invitationLetter({ organization, url, expiresAt, role }));
    },

    /** Outbox ops for a staff invitation e-mail (the back office's one-time link); none without a plain e-mail address. */
    staffInvitation({ to, name, url, expiresAt, role }: { to: string | null; name: string; url: string; expiresAt: string; role: StaffRole }): WriteOp[] {
      return toOne(to, 'staff.invitation', null, () => staffInvitationLetter({ name, url, expiresAt, role }));
    },
  };
}

export type MailNotifications = ReturnType<typeof createMailNotifications>;
