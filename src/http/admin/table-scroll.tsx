import type { Child, FC } from 'hono/jsx';

/**
 * A wide table's frame: scrolls sideways on a phone, and can be scrolled with the keyboard
 * (focusable and named, WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export const TableScroll: FC<{ label: string; children?: Child }> = ({ label, children }) => (
  <div class="table-scroll" tabindex={0} role="region" aria-label={label}>
    {children}
  </div>
);

/**
 * A header naming two things (法人番号／団体コード), or a word with its aside (更新（有効期限の後）):
 * each stays whole, and the line may break only after the ／ or before the （ (Japanese otherwise
 * breaks between any two characters, 「団」 on one line, 「体コード」 on the next).
 */
export const Phrases: FC<{ text: string }> = ({ text }) => (
  <>
    {text.split(/(?<=／)|(?=（)/).map((phrase) => (
      <span class="phrase">{phrase}</span>
    ))}
  </>
);
