import type { Bilingual } from '../../domain/mail/letter.js';
import type { MailPromise } from '../../domain/mail/recipients.js';

/**
 * The sentence beside (or after) an action that writes to the organization, true to what will
 * happen (MailPromise): told by e-mail; no address on record, so no e-mail; or no way to send
 * e-mail configured, so it waits in the outbox. `what`: what the letter tells, when it is more
 * than the change (差戻しの理由).
 */
export function toldByMail(mailed: MailPromise, what?: Bilingual): Bilingual {
  switch (mailed) {
    case 'sent':
      return what ? { ja: `団体に${what.ja}をメールで知らせます。`, en: `The organization is told ${what.en} by e-mail.` } : { ja: '団体にメールで知らせます。', en: 'The organization is told by e-mail.' };
    case 'no-address':
      return { ja: '団体にはメールアドレスの登録がないため、メールは送られません。', en: 'The organization has no e-mail address on record, so no e-mail is sent.' };
    case 'unsendable':
      return { ja: 'メールの送信方法が設定されていないため、団体へのメールは送信待ちのまま残ります（「メール」で確認できます）。', en: 'No way to send e-mail is configured: the letter to the organization waits in the outbox (see E-mail).' };
  }
}

/** `first`, then toldByMail's sentence (Japanese run on, English after a space). */
export function thenToldByMail(first: Bilingual, mailed: MailPromise, what?: Bilingual): Bilingual {
  const told = toldByMail(mailed, what);
  return { ja: first.ja + told.ja, en: `${first.en} ${told.en}` };
}
