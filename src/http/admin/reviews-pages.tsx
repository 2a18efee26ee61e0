// The review pages of the back office: the queue of submitted declarations and one declaration's
// review (its organization, content, guideline areas, what changed since the public saw it last,
// its history, the staff's internal notes, and the decision forms for reviewers).
import type { Child, FC } from 'hono/jsx';
import { storedAccountName } from '../../domain/accounts/staff.js';
import { GUIDELINE_AREAS, PREFECTURES } from '../../domain/codes.js';
import { isPublicDeclaration, STATUS_LABELS } from '../../domain/declaration-lifecycle.js';
import { GUIDELINE_TEXTS } from '../../domain/guideline-texts.js';
import type { MailPromise } from '../../domain/mail/recipients.js';
import type { Declaration, Organization } from '../../domain/model.js';
import { REVIEW_NOTE_MAX } from '../../domain/services/review-notes.js';
import type { Bilingual, Lang } from '../pages/i18n.js';
import { localHref } from '../pages/i18n.js';
import { DeclarationFacts } from '../web/my/declaration-view.js';
import { ErrorSummary, TextArea } from '../web/my/form-fields.js';
import { formatDateTime } from '../pages/format.js';
import { registeredByText } from './self-registered.js';
import { actorText, versionActor } from '../web/my/labels.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { contentChanges } from '../web/my/version-diff.js';
import { FieldChanges } from '../web/my/version-diff-view.js';
import { AuditTrail } from '../web/my/history.js';
import { AdminLayout } from './admin-layout.js';
import { industryLabel, sizeBandLabel } from './organization-labels.js';
import { isReturned, RETURNED_LABEL } from './organizations-pages.js';
import { summaryItems, type FormErrors } from './form-errors.js';
import type { QueueItem, Review, ReviewKind } from './reviews-data.js';
import type { StaffMember } from './staff-member.js';
import { Phrases, TableScroll } from './table-scroll.js';
import { thenToldByMail, toldByMail } from './told-by-mail.js';

/** The API's limit for a reason (schemas/declaration-action.schema.json). */
export const RETURN_REASON_MAX = 500;

const ORGANIZATION_KINDS: Record<Organization['kind'], Bilingual> = {
  company: { ja: '企業', en: 'Company' },
  municipality: { ja: '自治体', en: 'Municipality' },
  other: { ja: 'その他の団体', en: 'Other organization' },
};

export const REVIEW_KINDS: Record<ReviewKind, Bilingual> = {
  first: { ja: '初めての宣言', en: 'First declaration' },
  renewal: { ja: '更新（有効期限の後）', en: 'Renewal (after expiry)' },
  redeclaration: { ja: '再宣言（以前の宣言は取下げ・取消）', en: 'New declaration (an earlier one was withdrawn or revoked)' },
};

/** Whose declaration was just decided, for the queue's notice: its name (the page escapes it) and what it is told by e-mail. */
export interface Decided {
  name: string;
  mailed: MailPromise;
}

/** The notice after a decision, naming the organization where the page knows it. */
const QUEUE_DONE: Record<string, (decided: Decided | undefined) => Bilingual> = {
  published: (decided) =>
    decided ? thenToldByMail({ ja: `「${decided.name}」の宣言を公表しました。`, en: `The declaration of “${decided.name}” was published.` }, decided.mailed) : { ja: '宣言を公表しました。', en: 'The declaration was published.' },
  returned: (decided) =>
    decided ? thenToldByMail({ ja: `「${decided.name}」の宣言を差し戻しました。`, en: `The declaration of “${decided.name}” was returned.` }, decided.mailed, REASON) : { ja: '宣言を差し戻しました。', en: 'The declaration was returned.' },
};

const REASON: Bilingual = { ja: '理由', en: 'the reason' };

/** A declaration's state as the back office names it: a draft sent back is 差戻し, as in the organizations list. */
export const stateOf = (d: Pick<Declaration, 'status' | 'statusReason'>): Bilingual => (isReturned(d) ? RETURNED_LABEL : STATUS_LABELS[d.status]);

const none = (lang: Lang) => (lang === 'ja' ? '（なし）' : '(none)');

/** 法人番号 or 地方公共団体コード, whichever the organization has. */
const identifierOf = (o: Organization) => o.corporateNumber ?? o.localGovernmentCode ?? null;
const prefectureOf = (o: Organization, lang: Lang) => PREFECTURES[o.prefectureCode]?.[lang] ?? o.prefectureCode;
const reviewPath = (id: string) => `/admin/reviews/${encodeURIComponent(id)}`;

/** GET /admin/reviews: submitted declarations, the longest waiting first. */
export const ReviewQueuePage: FC<{ staff: StaffMember; items: QueueItem[]; nextCursor: string | null; paged: boolean; done?: string | undefined; decided?: Decided | undefined }> = ({
  staff, items, nextCursor, paged, done, decided,
}) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  return (
    <AdminLayout staff={staff} title={{ ja: '審査', en: 'Reviews' }} section="reviews">
      <h1>{ja ? '審査待ちの宣言' : 'Declarations awaiting review'}</h1>
      <Notice text={done ? QUEUE_DONE[done]?.(decided)[lang] : undefined} kind="success" />
      <p class="hint">{ja ? '提出された順（古いものが先）に並んでいます。' : 'In order of submission, the longest waiting first.'}</p>
      {items.length === 0 ? (
        <p id="review-queue-empty">{paged ? (ja ? 'このページに審査待ちの宣言はありません。' : 'No declaration on this page.') : ja ? '審査待ちの宣言はありません。' : 'No declaration is waiting for review.'}</p>
      ) : (
        <TableScroll label={ja ? '審査待ちの宣言' : 'Declarations awaiting review'}>
          <table id="review-queue" class="review-queue">
            <caption>{ja ? '審査待ちの宣言（提出の古い順）' : 'Declarations awaiting review (oldest submission first)'}</caption>
            <thead>
              <tr>
                <th scope="col">{ja ? '団体名' : 'Organization'}</th>
                <th scope="col">{ja ? '種別' : 'Kind'}</th>
                <th scope="col">{ja ? <Phrases text="法人番号／地方公共団体コード" /> : 'Corporate number / local government code'}</th>
                <th scope="col">{ja ? '都道府県' : 'Prefecture'}</th>
                <th scope="col">{ja ? '提出日時' : 'Submitted'}</th>
                <th scope="col">{ja ? '区分' : 'Type'}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ declaration, organization, kind }) => (
                <tr>
                  <th scope="row">
                    <a id={`review-link-${declaration.id}`} class="review-link" href={localHref(reviewPath(declaration.id), lang)}>
                      {organization?.name ?? declaration.organizationId}
                    </a>
                  </th>
                  <td>{organization ? ORGANIZATION_KINDS[organization.kind][lang] : ''}</td>
                  <td>{organization ? identifierOf(organization) ?? none(lang) : ''}</td>
                  <td>{organization ? prefectureOf(organization, lang) : ''}</td>
                  <td class="date">{declaration.submittedAt ? formatDateTime(declaration.submittedAt, lang) : ''}</td>
                  <td>{ja ? <Phrases text={REVIEW_KINDS[kind].ja} /> : REVIEW_KINDS[kind].en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {paged || nextCursor ? (
        <nav class="pager" aria-label={ja ? 'ページ' : 'Pages'}>
          {paged ? <a href={localHref('/admin/reviews', lang)}>{ja ? '最初のページ' : 'First page'}</a> : null}
          {nextCursor ? <a href={localHref('/admin/reviews', lang, { cursor: nextCursor })} rel="next">{ja ? '次の50件' : 'Next 50'}</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
};

/** A refused decision or note: which form, what was typed, the messages and the page's status. */
export interface ReviewFormState {
  form: 'publish' | 'return' | 'note';
  values: { reason?: string; note?: string };
  errors: FormErrors;
}

const Fact: FC<{ label: string; children?: Child }> = ({ label, children }) => (
  <div>
    <dt>{label}</dt>
    <dd>{children}</dd>
  </div>
);

/** GET /admin/reviews/{declarationId}. */
export const ReviewPage: FC<{ staff: StaffMember; review: Review; mailed: MailPromise; state?: ReviewFormState | undefined; done?: string | undefined }> = ({ staff, review, mailed, state, done }) => {
  const { lang } = staff;
  const reasonTold = toldByMail(mailed, REASON);
  const ja = lang === 'ja';
  const { declaration: d, organization: o } = review;
  const submitted = d.status === 'submitted';
  const mayReview = staff.may('review');
  const path = reviewPath(d.id);
  const decisionErrors = state && state.form !== 'note' ? state.errors : undefined;
  const noteErrors = state?.form === 'note' ? state.errors : undefined;
  const contact = o.contact ?? {};
  const industry = o.industryCode ? industryLabel(o.industryCode, lang) : none(lang);
  const changes = review.lastPublished ? contentChanges(review.lastPublished.content, d.content, lang, o.kind) : null;
  return (
    <AdminLayout staff={staff} title={{ ja: `審査: ${o.name}`, en: `Review: ${o.name}` }} section="reviews">
      <p class="back-link">
        <a href={localHref('/admin/reviews', lang)}>{ja ? '← 審査待ちの一覧' : '← Declarations awaiting review'}</a>
      </p>
      <h1>{ja ? `${o.name} の宣言の審査` : `Review of ${o.name}'s declaration`}</h1>
      <ErrorSummary lang={lang} items={summaryItems(state?.errors, lang)} />
      {submitted ? null : (
        <Notice
          kind="info"
          text={ja
            ? `この宣言は審査中ではありません（現在の状態: ${stateOf(d).ja}）。公表・差戻しはできません。`
            : `This declaration is not under review (its state now: ${stateOf(d).en}); it cannot be published or returned.`}
        />
      )}
      <dl class="facts review-summary">
        <Fact label={ja ? '状態' : 'State'}>{stateOf(d)[lang]}</Fact>
        <Fact label={ja ? '提出日時' : 'Submitted'}>{d.submittedAt ? formatDateTime(d.submittedAt, lang) : none(lang)}</Fact>
        <Fact label={ja ? '区分' : 'Type'}>{REVIEW_KINDS[review.kind][lang]}</Fact>
        <Fact label={ja ? '版' : 'Current version'}>{ja ? `第${d.currentVersion}版` : String(d.currentVersion)}</Fact>
        {d.statusReason && d.status === 'draft' ? <Fact label={ja ? '差戻しの理由' : 'Reason for return'}><span class="prose">{d.statusReason}</span></Fact> : null}
      </dl>

      <section aria-labelledby="organization-title">
        <h2 id="organization-title">{ja ? '団体' : 'Organization'}</h2>
        <dl class="facts" id="organization-facts">
          <Fact label={ja ? '団体名' : 'Name'}>
            <a href={localHref(`/admin/organizations/${encodeURIComponent(o.id)}`, lang)}>{o.name}</a>
            {o.nameKana ? <span class="muted">（{o.nameKana}）</span> : null}
            {o.nameEn ? <div class="muted" lang="en">{o.nameEn}</div> : null}
          </Fact>
          <Fact label={ja ? '種別' : 'Kind'}>{ORGANIZATION_KINDS[o.kind][lang]}</Fact>
          <Fact label={o.kind === 'municipality' ? (ja ? '地方公共団体コード' : 'Local government code') : ja ? '法人番号' : 'Corporate number'}>{identifierOf(o) ?? none(lang)}</Fact>
          <Fact label={ja ? '所在地' : 'Location'}>{`${prefectureOf(o, lang)}${o.city ? ` ${o.city}` : ''}`}</Fact>
          <Fact label={ja ? '業種' : 'Industry'}>{industry}</Fact>
          <Fact label={ja ? '従業員規模' : 'Employees'}>{o.sizeBand ? sizeBandLabel(o.sizeBand, lang) : none(lang)}</Fact>
          <Fact label={ja ? 'ウェブサイト' : 'Website'}>{o.website ?? none(lang)}</Fact>
          {/* A person's contact details are for administrators, as on the organization's page and in the audit log. */}
          <Fact label={ja ? '連絡先（非公開）' : 'Contact (private)'}>
            {staff.may('administer')
              ? [contact.name, contact.department, contact.email, contact.phone].filter(Boolean).join(' / ') || none(lang)
              : ja ? '（管理者のみ閲覧可）' : '(administrators only)'}
          </Fact>
          <Fact label={ja ? 'メンバー数' : 'Members'}>{ja ? `${review.membersCount}人` : String(review.membersCount)}</Fact>
          <Fact label={ja ? '団体の登録' : 'Registered by'}>
            <span id="registered-by">{registeredByText(review.selfRegistered)[lang]}</span>
          </Fact>
        </dl>
      </section>

      <section aria-labelledby="content-title">
        <h2 id="content-title">{ja ? `宣言の内容（第${d.currentVersion}版）` : `The declaration (version ${d.currentVersion})`}</h2>
        {/* What is under review (a renewal's too) is not public yet: each field says whether it will be. */}
        <DeclarationFacts lang={lang} content={d.content} isPublic={isPublicDeclaration(d)} kind={o.kind} />
      </section>

      <section aria-labelledby="areas-title">
        <h2 id="areas-title">{ja ? '遵守を宣言したガイドラインの分野' : 'Guideline areas declared'}</h2>
        <p>
          {ja ? `社内制度整備ガイドラインの5分野のうち${d.content.guidelineAreas.length}分野です。` : `${d.content.guidelineAreas.length} of the five areas of the guidelines for internal rules.`}
        </p>
        <ul class="review-areas">
          {Object.keys(GUIDELINE_AREAS).map((area) => {
            const declared = d.content.guidelineAreas.includes(area);
            return (
              <li class={declared ? 'review-area review-area--declared' : 'review-area'}>
                <strong>
                  {GUIDELINE_AREAS[area]![lang]}
                  {declared ? (ja ? '（宣言あり）' : ' (declared)') : ja ? '（宣言なし）' : ' (not declared)'}
                </strong>
                <p class="hint">{GUIDELINE_TEXTS[area]?.[lang]}</p>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="changes-title" id="changes">
        <h2 id="changes-title">{ja ? '前回公表された版からの変更' : 'Changes since the last published version'}</h2>
        {review.lastPublished === null || changes === null ? (
          // Once decided (published, then perhaps suspended or revoked), "nothing was ever published" would be false: nothing was before it was submitted.
          <p>
            {submitted
              ? ja ? 'これまでに公表された版はありません（初めての宣言です）。すべての内容を確認してください。' : 'There is no earlier published version (a first declaration): review all of it.'
              : ja ? 'この提出より前に公表された版はありませんでした（初めての宣言でした）。' : 'No version had been published before this submission (it was a first declaration).'}
          </p>
        ) : (
          <>
            <h3>
              {review.lastPublished.declarationId === d.id
                ? ja ? `公表されていた第${review.lastPublished.version}版 → 今回の第${d.currentVersion}版` : `Published version ${review.lastPublished.version} → this version ${d.currentVersion}`
                : ja ? `以前の宣言（第${review.lastPublished.version}版）→ 今回の宣言` : `The earlier declaration (version ${review.lastPublished.version}) → this declaration`}
            </h3>
            {changes.length === 0 ? <p>{ja ? '内容の変更はありません。' : 'No change in content.'}</p> : <FieldChanges lang={lang} changes={changes} />}
          </>
        )}
      </section>

      <ReviewHistory lang={lang} review={review} />

      <section aria-labelledby="notes-title" id="notes">
        <h2 id="notes-title">{ja ? '内部メモ（事務局のみ）' : 'Internal notes (secretariat only)'}</h2>
        <Notice text={done === 'note' ? (ja ? 'メモを追加しました。' : 'The note was added.') : undefined} kind="success" />
        <p class="hint">{ja ? '事務局の職員だけが見ます。団体、公開ページ、API には表示されません。' : 'Seen by the secretariat’s staff only: never by the organization, on public pages or in the API.'}</p>
        {review.notes.length === 0 ? (
          <p>{ja ? 'メモはまだありません。' : 'No note yet.'}</p>
        ) : (
          <ol class="review-notes">
            {review.notes.map((note) => (
              <li class="card">
                <p class="muted">
                  {storedAccountName(note.authorName, lang)} · {formatDateTime(note.createdAt, lang)}
                </p>
                <p class="prose">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
        {mayReview ? (
          <form method="post" action={localHref(`${path}/notes`, lang)} class="review-note-form" novalidate>
            <Csrf token={staff.csrf} />
            <TextArea
              lang={lang}
              name="note"
              label={ja ? 'メモを追加' : 'Add a note'}
              hint={ja ? `${REVIEW_NOTE_MAX}文字以内。` : `At most ${REVIEW_NOTE_MAX} characters.`}
              value={state?.form === 'note' ? state.values.note ?? '' : ''}
              errors={noteErrors?.byField.note}
              required
              maxLength={REVIEW_NOTE_MAX}
              rows={4}
            />
            <p class="actions">
              <button type="submit" id="note-button" class="button button--secondary">{ja ? 'メモを追加' : 'Add the note'}</button>
            </p>
          </form>
        ) : null}
      </section>

      {mayReview && submitted ? (
        <section aria-labelledby="decision-title" id="decision">
          <h2 id="decision-title">{ja ? '審査の結果' : 'Decision'}</h2>
          <div class="review-decisions">
            <form method="post" action={localHref(`${path}/publish`, lang)} class="card">
              <Csrf token={staff.csrf} />
              <input type="hidden" name="rowVersion" value={String(d.rowVersion)} />
              <h3>{ja ? '公表する' : 'Publish'}</h3>
              <p>{thenToldByMail({ ja: '公表すると、ポータルに掲載され、バッジ（クレデンシャル）が発行されます。', en: 'Publishing lists the declaration on the portal and issues its badge (credential).' }, mailed)[lang]}</p>
              <p class="actions">
                <button type="submit" id="publish-button" class="button">{ja ? 'この宣言を公表する' : 'Publish this declaration'}</button>
              </p>
            </form>
            <form method="post" action={localHref(`${path}/return`, lang)} class="card" novalidate>
              <Csrf token={staff.csrf} />
              <input type="hidden" name="rowVersion" value={String(d.rowVersion)} />
              <h3>{ja ? '差し戻す' : 'Return'}</h3>
              <TextArea
                lang={lang}
                name="reason"
                label={ja ? '差戻しの理由' : 'Reason for returning it'}
                hint={ja ? `団体のマイページに表示されます。${reasonTold.ja}${RETURN_REASON_MAX}文字以内。` : `Shown on the organization’s page. ${reasonTold.en} At most ${RETURN_REASON_MAX} characters.`}
                value={state?.form === 'return' ? state.values.reason ?? '' : ''}
                errors={decisionErrors?.byField.reason}
                required
                maxLength={RETURN_REASON_MAX}
                rows={4}
              />
              <p class="actions">
                <button type="submit" id="return-button" class="button button--danger">{ja ? '差し戻す' : 'Return it'}</button>
              </p>
            </form>
          </div>
        </section>
      ) : null}
    </AdminLayout>
  );
};

/** The versions (newest first) and what happened to the declaration, as the audit log has it. */
const ReviewHistory: FC<{ lang: Lang; review: Review }> = ({ lang, review }) => {
  const ja = lang === 'ja';
  const names = review.memberNames;
  return (
    <section aria-labelledby="history-title" id="history">
      <h2 id="history-title">{ja ? '宣言の履歴' : 'History of the declaration'}</h2>
      <h3>{ja ? `版（${review.versions.length}）` : `Versions (${review.versions.length})`}</h3>
      <ol class="trail" reversed>
        {[...review.versions].reverse().map((v) => (
          <li>
            <span class="trail__when">{formatDateTime(v.createdAt, lang)}</span>
            <span class="trail__what">
              {ja ? `第${v.version}版` : `Version ${v.version}`}
              {review.lastPublished?.declarationId === review.declaration.id && review.lastPublished.version === v.version ? (ja ? '（最後に公表された版）' : ' (last published)') : ''}
            </span>
            <span class="trail__who">{actorText(versionActor(v.createdBy), names, lang)}</span>
          </li>
        ))}
      </ol>
      <h3>{ja ? '操作の記録' : 'What happened'}</h3>
      {review.history.length === 0 ? <p>{ja ? '記録はありません。' : 'Nothing recorded.'}</p> : null}
      <AuditTrail entries={review.history} names={names} lang={lang} />
    </section>
  );
};
