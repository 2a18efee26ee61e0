import type { Bilingual } from '../pages/i18n.js';

/**
 * What a page that just created an invitation says of the e-mail it queued to `email`, when the
 * registry has no way to send e-mail (the Worker without MAIL_API_URL: the message waits in the
 * outbox until one is set). Saying it was sent would leave the inviter waiting on a mail that does
 * not come; the link on the page is the way, so the page says to pass it on.
 */
export function invitationMailWaiting(email: string): Bilingual {
  return {
    ja: `${email} 宛てのメールは、この登録簿ではメールの送信方法が設定されていないため、まだ送信されていません（設定されると送信されます）。このリンクを直接伝えてください。`,
    en: `The e-mail to ${email} has not gone out: no way to send e-mail is configured for this registry yet (it goes out once one is). Pass the link on yourself.`,
  };
}
