import type { FC } from 'hono/jsx';
import { storedAccountName } from '../../domain/accounts/staff.js';
import { AWARD_REVOCATION_REASONS, REVOCATION_REASONS } from '../../domain/codes.js';
import { NOTE_LIMIT } from '../../domain/services/revocations.js';
import type { RevocationRequest } from '../../ports/revocation-requests.js';
import { formatDateTime } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { browserMaxLength, FieldError } from '../web/my/form-fields.js';

/**
 * Without a second administrator's approval (REVOCATION_TWO_PERSON=false) nothing stands between
 * the click and an irreversible revocation, so the form asks for a ticked box, as deactivating a
 * partner does; POST /admin/revocations refuses the request without it.
 */
export const CONFIRM_LABEL: Bilingual = { ja: ' 取り消すとすぐに無効になり、元に戻せないことを確認しました', en: ' I understand that the revocation takes effect at once and cannot be undone' };
export const CONFIRM_MISSING: Bilingual = { ja: '取り消してよいことを確認するには、チェックボックスを選んでください。', en: 'Tick the box to confirm the revocation.' };

/** The confirmation box; `id` differs between the record's page (a suspension form beside it) and the refused request's page. */
export const RevocationConfirm: FC<{ lang: Lang; id: string; errors?: Bilingual[] | undefined }> = ({ lang, id, errors }) => (
  <div class={`field${errors ? ' field--error' : ''}`}>
    <FieldError id={`${id}-error`} lang={lang} errors={errors} />
    <label for={id}>
      <input type="checkbox" id={id} name="confirm" value="yes" required aria-invalid={errors ? 'true' : undefined} aria-describedby={errors ? `${id}-error` : undefined} />
      {CONFIRM_LABEL[lang]}
    </label>
  </div>
);

/** The reason codes the back office offers for revoking a declaration or an award, in the list's order. */
export const revocationReasonCodes = (subject: 'declaration' | 'award'): readonly string[] => (subject === 'award' ? AWARD_REVOCATION_REASONS : Object.keys(REVOCATION_REASONS));

/**
 * The reason code and the note of a revocation request (posted to /admin/revocations), for a
 * declaration or an award (the reasons that fit it), and the confirmation when it revokes at once.
 * Ids of their own: a suspension form on the same page has a reason and a note too.
 */
export const RevocationFields: FC<{ lang: Lang; twoPerson: boolean; subject: 'declaration' | 'award' }> = ({ lang, twoPerson, subject }) => {
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
          {revocationReasonCodes(subject).map((code) => <option value={code}>{REVOCATION_REASONS[code]![lang]}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="revoke-note">{ja ? '補足（任意・取消の通知メールで団体に伝わります）' : 'Note (optional; the organization reads it in the revocation e-mail)'}</label>
        <textarea class="textarea--prose" id="revoke-note" name="note" rows={3} maxlength={browserMaxLength(NOTE_LIMIT)}></textarea>
      </div>
      {twoPerson ? null : <RevocationConfirm lang={lang} id="revoke-confirm" />}
    </>
  );
};

/**
 * A revocation already requested and waiting for a second administrator: said here instead of the
 * request form, which would only be refused as a duplicate (and the approval is on another page).
 */
export const PendingRevocation: FC<{ lang: Lang; request: RevocationRequest }> = ({ lang, request }) => {
  const ja = lang === 'ja';
  const reason = REVOCATION_REASONS[request.reason]?.[lang] ?? request.reason;
  const who = storedAccountName(request.requestedByName, lang);
  const when = formatDateTime(request.requestedAt, lang);
  return (
    <div class="card org-action-form" id="revocation-pending">
      <h4>{ja ? '取消の依頼（承認待ち）' : 'Revocation requested (awaiting approval)'}</h4>
      <p>
        {ja
          ? `${who} さんが ${when} に取消を依頼しました（理由: ${reason}）。別の管理者が承認すると取り消されます。`
          : `${who} requested the revocation on ${when} (reason: ${reason}). It takes effect when another administrator approves it.`}
      </p>
      {request.note ? <p class="muted prose">{request.note}</p> : null}
      <p><a href={localHref('/admin/revocations', lang)}>{ja ? '「取消の承認」で承認・却下する' : 'Approve or reject it under “Revocations”'}</a></p>
    </div>
  );
};
