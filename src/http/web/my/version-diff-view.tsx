// The changes between two versions of a declaration, field by field (src/http/web/my/version-diff.ts):
// shown on /my/history and on the secretariat's review page.
import type { FC } from 'hono/jsx';
import type { Lang } from '../../pages/i18n.js';
import type { FieldChange } from './version-diff.js';

/** Each changed field (an h4, under the version's h3) with its text before and after. */
export const FieldChanges: FC<{ lang: Lang; changes: FieldChange[] }> = ({ lang, changes }) => {
  const ja = lang === 'ja';
  return (
    <div class="changes">
      {changes.map((change) => (
        <div class="change">
          <h4>{change.label}</h4>
          <dl>
            <dt>{ja ? '変更前' : 'Before'}</dt>
            <dd class="prose change__before">{change.before}</dd>
            <dt>{ja ? '変更後' : 'After'}</dt>
            <dd class="prose change__after">{change.after}</dd>
          </dl>
        </div>
      ))}
    </div>
  );
};
