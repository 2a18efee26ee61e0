import type { MailContent, MailKind, OutgoingMail } from '../../ports/mail.js';
import { escapeHtml } from './html.js';

export interface Bilingual {
  ja: string;
  en: string;
}

/**
 * What a notification says, in both languages; compose() lays it out as plain text and HTML,
 * Japanese first, then English. Every value is plain text: compose() escapes it for HTML.
 */
export interface Letter {
  /** Without the 【地方創生テレワーク】 prefix, which compose() adds. */
  subject: Bilingual;
  greeting: Bilingual;
  paragraphs: Bilingual[];
  /** Labelled details (a reason, a date); a value may span several lines. */
  facts?: { label: Bilingual; value: Bilingual }[];
  /** The one thing to do next, as a link. */
  action?: { label: Bilingual; url: string };
}

/** The subject line's prefix: recipients sort and filter on it. */
export const SUBJECT_PREFIX = '【地方創生テレワーク】';

const NO_REPLY: Bilingual = {
  ja: 'このメールは送信専用のアドレスから自動でお送りしています。ご返信いただいてもお答えできません。',
  en: 'This message was sent automatically from an address that does not receive replies.',
};

/** The footer's line on replies when MAIL_REPLY_TO is set (the Reply-To header of every letter). */
const REPLIES_REACH = (address: string): Bilingual => ({
  ja: `このメールは自動でお送りしています。ご返信いただくと、事務局（${address}）に届きます。`,
  en: `This message was sent automatically. Replies reach the secretariat at ${address}.`,
});

/** Where replies go (`replyTo`, the address linked in HTML), or that none is read. */
function replyLines(replyTo: string | null | undefined): { text: string[]; html: string } {
  const e = escapeHtml;
  const line = replyTo ? REPLIES_REACH(replyTo) : NO_REPLY;
  const html = (lang: 'ja' | 'en') => (replyTo ? e(line[lang]).replace(e(replyTo), `<a href="mailto:${e(replyTo)}">${e(replyTo)}</a>`) : e(line[lang]));
  return { text: [line.ja, line.en], html: `${html('ja')}<br><span lang="en">${html('en')}</span>` };
}

function textPart(letter: Letter, lang: 'ja' | 'en'): string {
  const lines = [letter.greeting[lang], ''];
  for (const paragraph of letter.paragraphs) lines.push(paragraph[lang], '');
  for (const fact of letter.facts ?? []) {
    const [first = '', ...rest] = fact.value[lang].split(/\r?\n/);
    lines.push(`■ ${fact.label[lang]}${lang === 'ja' ? '：' : ': '}${first}`, ...rest.map((line) => `    ${line}`));
  }
  if (letter.facts?.length) lines.push('');
  if (letter.action) lines.push(`${letter.action.label[lang]}${lang === 'ja' ? '：' : ':'}`, letter.action.url, '');
  return lines.join('\n');
}

function htmlPart(letter: Letter, lang: 'ja' | 'en'): string {
  const e = escapeHtml;
  const parts = [`<div lang="${lang}">`, `<p>${e(letter.greeting[lang])}</p>`];
  for (const paragraph of letter.paragraphs) parts.push(`<p>${e(paragraph[lang])}</p>`);
  if (letter.facts?.length) {
    parts.push('<dl>');
    for (const fact of letter.facts) {
      parts.push(`<dt style="font-weight:bold">${e(fact.label[lang])}</dt>`, `<dd style="margin:0 0 12px 16px;white-space:pre-wrap">${e(fact.value[lang])}</dd>`);
    }
    parts.push('</dl>');
  }
  if (letter.action) {
    parts.push(`<p><a href="${e(letter.action.url)}">${e(letter.action.label[lang])}</a><br><span style="font-size:small">${e(letter.action.url)}</span></p>`);
  }
  parts.push('</div>');
  return parts.join('\n');
}

/** The address of a mailto: link, without its query (?subject=…); as written if it is not valid percent-encoding. */
function mailtoAddress(url: string): string {
  const address = url.slice('mailto:'.length).split('?')[0]!;
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

/**
 * Where to ask: the secretariat's contact page (SITE_CONTACT_URL), or
 * its address when that is a mailto: link (shown as the address, linked in HTML).
 */
function contactLines(contactUrl: string | null | undefined): { text: string[]; html: string } {
  if (!contactUrl) return { text: [], html: '' };
  const shown = contactUrl.startsWith('mailto:') ? mailtoAddress(contactUrl) : contactUrl;
  const link = `<a href="${escapeHtml(contactUrl)}">${escapeHtml(shown)}</a>`;
  return { text: [`お問い合わせ：${shown}`, `Questions: ${shown}`], html: `<br>お問い合わせ：${link}<br><span lang="en">Questions: ${link}</span>` };
}

/**
 * Plain text and HTML, Japanese first with the English part after it, signed by `sender`, with
 * where replies go (`replyTo`, MAIL_REPLY_TO; else that none is read) and where to ask
 * (`contactUrl`) when the registry has a contact page.
 */
export function compose(letter: Letter, sender: Bilingual, contactUrl?: string | null, replyTo?: string | null): MailContent {
  const contact = contactLines(contactUrl);
  const replies = replyLines(replyTo);
  const subject = `${SUBJECT_PREFIX}${letter.subject.ja} / ${letter.subject.en}`;
  const text = [
    textPart(letter, 'ja'),
    '―――――――――― English ――――――――――',
    '',
    textPart(letter, 'en'),
    '--',
    sender.ja,
    sender.en,
    ...replies.text,
    ...contact.text,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="ja">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.7;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">',
    htmlPart(letter, 'ja'),
    '<hr>',
    htmlPart(letter, 'en'),
    '<hr>',
    `<p style="font-size:small;color:#555">${e(sender.ja)}<br>${e(sender.en)}<br>${replies.html}${contact.html}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

/** One outbox message per recipient, all with the same content. */
export function addressed(
  { kind, organizationId, content, recipients, at, newId }: { kind: MailKind; organizationId: string | null; content: MailContent; recipients: readonly string[]; at: string; newId(): string },
): OutgoingMail[] {
  return recipients.map((recipient) => ({ id: newId(), kind, organizationId, recipient, createdAt: at, ...content }));
}
