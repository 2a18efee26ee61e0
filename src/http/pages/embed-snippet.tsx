// The embed snippet with its copy button, shared by the badge kit (/my/badges) and the
// organization's public page. Without JavaScript the button stays hidden and the readonly
// textarea can be selected and copied by hand; /assets/copy.js reveals and wires the button
// (the page must allow its own scripts and load that file).
import type { FC } from 'hono/jsx';
import type { Lang } from './i18n.js';
import { WhichBadge } from './which-badge.js';

/** `subject`: the badge the snippet shows, named in its field's label and copy button for a page with more than one. */
export const EmbedSnippet: FC<{ id: string; html: string; lang: Lang; hint?: string; subject?: string }> = ({ id, html, lang, hint, subject }) => {
  const ja = lang === 'ja';
  return (
    <>
      <h3>
        <label for={id}>
          {ja ? 'ウェブサイトに貼り付けるHTML' : 'HTML to paste into your website'}
          {subject ? <WhichBadge lang={lang} subject={subject} /> : null}
        </label>
      </h3>
      <p class="hint" id={`${id}-hint`}>
        {hint ??
          (ja
            ? '採用ページなどに貼り付けると、バッジが表示され、クリックすると検証ページが開きます。'
            : 'Paste it into a recruiting page: the badge shows, and a click opens its verification page.')}
      </p>
      <textarea id={id} class="embed-snippet" readonly rows={4} aria-describedby={`${id}-hint`}>
        {`\n${html}`}
      </textarea>
      <div class="copy-row">
        <button
          type="button"
          class="button button--secondary"
          hidden
          data-copy-target={id}
          data-copy-status={`${id}-status`}
          data-copied={ja ? 'コピーしました' : 'Copied'}
          data-failed={ja ? 'コピーできませんでした。テキストを選択してコピーしてください。' : 'Could not copy: select the text and copy it.'}
        >
          {ja ? 'HTMLをコピー' : 'Copy the HTML'}
          {subject ? <WhichBadge lang={lang} subject={subject} /> : null}
        </button>
        <p class="copy-status" id={`${id}-status`} role="status" aria-live="polite"></p>
      </div>
    </>
  );
};
