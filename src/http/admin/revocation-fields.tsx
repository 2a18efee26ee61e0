import type { FC } from 'hono/jsx';
import { REVOCATION_REASONS } from '../../domain/codes.js';
import { NOTE_LIMIT } from '../../domain/services/revocations.js';
import type { Lang } from '../pages/i18n.js';

/**
 * The reason code and the note of a revocation request (posted to /admin/revocations), for a
 * declaration or an award. Ids of their own: a suspension form on the same page has a reason and a note too.
 */
export const RevocationFields: FC<{ lang: Lang }> = ({ lang }) => {
  const ja = lang === 'ja';
  return (
    <>
      <div class="field">
        <label for="revoke-reason">
          {ja ? '取消の理由' : 'Reason for revocation'}
          <span class="required">{ja ? '（必須）' : ' (required)'}</span>
        </label>
        <select id="revoke-reason" name="reason" required>
          <option value="">{ja ? '（選択してください）' : '(choose)'}</option>
          {Object.entries(REVOCATION_REASONS).map(([code, label]) => <option value={code}>{label[lang]}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="revoke-note">{ja ? '補足（任意・取消の通知メールで団体に伝わります）' : 'Note (optional; the organization reads it in the revocation e-mail)'}</label>
        <textarea class="textarea--prose" id="revoke-note" name="note" rows={3} maxlength={NOTE_LIMIT}></textarea>
      </div>
    </>
  );
};
