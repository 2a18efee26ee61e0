// Back office: revocations. An administrator requests a revocation (the form sits on the record's
// own page, posting here); another administrator approves or rejects it on /admin/revocations, and
// the requester may withdraw it. With REVOCATION_TWO_PERSON=false a request revokes at once.
import { Hono, type Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { storedAccountName } from '../../domain/accounts/staff.js';
import { AWARD_STATUS_LABELS } from '../../domain/awards/labels.js';
import { REVOCATION_REASONS } from '../../domain/codes.js';
import { STATUS_LABELS } from '../../domain/declaration-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import type { AwardStatus, DeclarationStatus } from '../../domain/model.js';
import { NOTE_LIMIT, type RevocationRequestView } from '../../domain/services/revocations.js';
import type { RevocationOutcome } from '../../ports/revocation-requests.js';
import type { AppEnv } from '../env.js';
import { formatDateTime, formatFiscalYearShort } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { formText, readCheckedForm } from '../web/form.js';
import { browserMaxLength, ErrorSummary, FieldError, fieldId, TextArea } from '../web/my/form-fields.js';
import { Csrf, Notice } from '../web/my/my-layout.js';
import { webPage } from '../web/page.js';
import { AdminLayout } from './admin-layout.js';
import { CONFIRM_MISSING, RevocationConfirm, revocationReasonCodes } from './revocation-fields.js';
import { formErrorsOf, noticeErrors, summaryItems, type FormErrors } from './form-errors.js';
import { adminNext, type AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { TableScroll } from './table-scroll.js';
import { thenToldByMail } from './told-by-mail.js';
import type { MailPromise } from '../../domain/mail/recipients.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';

const DONE: Record<string, Bilingual> = {
  'revocation-requested': { ja: '取消を依頼しました。別の管理者が承認すると取り消されます。', en: 'The revocation was requested. It takes effect when another administrator approves it.' },
  revoked: { ja: '取り消しました。', en: 'Revoked.' },
  approved: { ja: '承認しました。記録は取り消され、クレデンシャルは無効になりました。', en: 'Approved: the record is revoked and its credentials no longer verify.' },
  rejected: { ja: '依頼を却下しました。記録は変わりません。', en: 'The request was rejected; the record stays as it was.' },
  withdrawn: { ja: '依頼を取り下げました。記録は変わりません。', en: 'The request was withdrawn; the record stays as it was.' },
};

/** A decision's notice naming the record it was about (「…」の宣言), when the list still shows that request. */
const DECIDED: Record<string, (what: Bilingual) => Bilingual> = {
  approved: (what) => ({ ja: `${what.ja}の取消を承認しました。記録は取り消され、クレデンシャルは無効になりました。`, en: `Approved: ${what.en} is revoked and its credentials no longer verify.` }),
  rejected: (what) => ({ ja: `${what.ja}の取消の依頼を却下しました。記録は変わりません。`, en: `The request to revoke ${what.en} was rejected; the record stays as it was.` }),
  withdrawn: (what) => ({ ja: `${what.ja}の取消の依頼を取り下げました。記録は変わりません。`, en: `The request to revoke ${what.en} was withdrawn; the record stays as it was.` }),
};

function doneText(done: string, r: RevocationRequestView | undefined, lang: Lang): string | undefined {
  const named = r && r.subject.organizationName ? DECIDED[done] : undefined;
  if (!named || !r) return DONE[done]?.[lang];
  const kind = SUBJECT_LABELS[r.subjectType] ?? { ja: '記録', en: 'record' };
  return named({ ja: `「${r.subject.organizationName}」の${kind.ja}`, en: `the ${kind.en.toLowerCase()} of ${r.subject.organizationName}` })[lang];
}

const SUBJECT_LABELS: Record<string, Bilingual> = { declaration: { ja: '宣言', en: 'Declaration' }, award: { ja: '表彰', en: 'Award' } };
const OUTCOMES: Record<RevocationOutcome, Bilingual> = {
  approved: { ja: '承認（取消済み）', en: 'Approved (revoked)' },
  rejected: { ja: '却下', en: 'Rejected' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

/** A typed note with its line breaks as \n: the browser sends CR LF, the page's limit counts one character (as a suspension's note). */
const noteOf = (form: URLSearchParams) => formText(form, 'note');

const reasonText = (code: string, lang: Lang) => (code === '-' ? '—' : (REVOCATION_REASONS[code]?.[lang] ?? code));

function statusText(r: RevocationRequestView, lang: Lang): string {
  const status = r.subject.status;
  if (!status) return lang === 'ja' ? '見つかりません' : 'Not found';
  const label = r.subjectType === 'declaration' ? STATUS_LABELS[status as DeclarationStatus] : AWARD_STATUS_LABELS[status as AwardStatus];
  return label?.[lang] ?? status;
}

/**
 * Words, read but not shown, naming the record a row's link, button or note field is about: a list
 * of two requests otherwise reads 「承認して取り消す」 twice, for two different organizations.
 */
const WhichRecord: FC<{ r: RevocationRequestView; lang: Lang }> = ({ r, lang }) => {
  const name = r.subject.organizationName ?? r.subjectId;
  const kind = SUBJECT_LABELS[r.subjectType] ?? { ja: '記録', en: 'record' };
  return <span class="visually-hidden">{lang === 'ja' ? `（${name}の${kind.ja}）` : ` (${kind.en.toLowerCase()} of ${name})`}</span>;
};

/** What the request is about: the kind of record, its organization (linked) and its current state. */
const Subject: FC<{ r: RevocationRequestView; lang: Lang }> = ({ r, lang }) => {
  const ja = lang === 'ja';
  const { subject } = r;
  return (
    <>
      <strong>{SUBJECT_LABELS[r.subjectType]?.[lang] ?? r.subjectType}</strong>
      {r.subjectType === 'award' && subject.fiscalYear ? (
        <>
          {' '}
          <a href={localHref(`/admin/awards/${encodeURIComponent(r.subjectId)}`, lang)}>
            {formatFiscalYearShort(subject.fiscalYear, lang)} {subject.category?.[lang]}
            <WhichRecord r={r} lang={lang} />
          </a>
        </>
      ) : null}
      {/* A declaration's page is its review page: its contents and history, decided or not. */}
      {r.subjectType === 'declaration' ? (
        <>
          {' '}
          <a href={localHref(`/admin/reviews/${encodeURIComponent(r.subjectId)}`, lang)}>
            {ja ? '内容と履歴' : 'Contents and history'}
            <WhichRecord r={r} lang={lang} />
          </a>
        </>
      ) : null}
      <div class="muted revocation-id">ID: {r.subjectId}</div>
      <div>
        {ja ? '現在: ' : 'Now: '}
        <span class={`status status--${subject.status ?? 'unknown'}`}>{statusText(r, lang)}</span>
      </div>
    </>
  );
};

const Organization: FC<{ r: RevocationRequestView; lang: Lang }> = ({ r, lang }) =>
  r.subject.organizationId ? (
    <a href={localHref(`/admin/organizations/${encodeURIComponent(r.subject.organizationId)}`, lang)}>{r.subject.organizationName ?? r.subject.organizationId}</a>
  ) : (
    <>—</>
  );

/** A reject form's note as it was typed, shown again in that request's row (a stale token). */
export interface TypedRejectNote {
  requestId: string;
  note: string;
}

/** What this staff member may do with one pending request. */
const PendingActions: FC<{ staff: StaffMember; r: RevocationRequestView; mine: boolean; related: boolean; twoPerson: boolean; mailed: MailPromise; typedNote?: string | undefined }> = ({ staff, r, mine, related, twoPerson, mailed, typedNote }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const id = encodeURIComponent(r.id);
  const mayApprove = staff.may('administer') && (!(mine || related) || !twoPerson);
  return (
    <div class="revocation-actions">
      {mine && twoPerson ? <p class="revocation-waiting">{ja ? 'あなたの依頼です。別の管理者の承認を待っています。' : 'Your request: waiting for another administrator.'}</p> : null}
      {related && !mine && twoPerson && staff.may('administer') ? (
        <p class="revocation-waiting" id={`not-yours-to-approve-${r.id}`}>
          {ja ? 'あなたは依頼者を招待したか依頼者に招待された（または同じメールアドレスの）職員のため、承認できません。他の管理者の承認を待っています。' : 'You invited the requester, were invited by them (or share their e-mail address), so you cannot approve; it waits for another administrator.'}
        </p>
      ) : null}
      {!staff.may('administer') ? <p class="muted">{ja ? '管理者の承認を待っています。' : 'Waiting for an administrator.'}</p> : null}
      {!r.subject.revocable ? (
        <p class="muted">{ja ? `この記録は今の状態（${statusText(r, lang)}）では取り消せません。依頼を却下または取り下げてください。` : `This record cannot be revoked in its state now (${statusText(r, lang)}); reject or withdraw the request.`}</p>
      ) : null}
      {mayApprove && r.subject.revocable ? (
        <form method="post" action={localHref(`/admin/revocations/${id}/approve`, lang)} class="inline-form">
          <Csrf token={staff.csrf} />
          {/* One click, no step after it: what it does is said where it is clicked. */}
          <p class="hint revocation-effect" id={`approve-effect-${r.id}`}>
            {thenToldByMail({ ja: '承認するとすぐに取り消され、元に戻せません。クレデンシャルは無効になります。', en: 'Approving revokes it at once and for good: its credentials stop verifying.' }, mailed)[lang]}
          </p>
          <button type="submit" class="button button--danger approve-button" id={`approve-${r.id}`} aria-describedby={`approve-effect-${r.id}`}>
            {ja ? '承認して取り消す' : 'Approve and revoke'}
            <WhichRecord r={r} lang={lang} />
          </button>
        </form>
      ) : null}
      {staff.may('administer') && !mine ? (
        <form method="post" action={localHref(`/admin/revocations/${id}/reject`, lang)} class="revocation-reject">
          <Csrf token={staff.csrf} />
          <label for={`reject-note-${r.id}`}>
            {ja ? '却下の理由（任意）' : 'Why it is rejected (optional)'}
            <WhichRecord r={r} lang={lang} />
          </label>
          <input type="text" id={`reject-note-${r.id}`} name="note" maxlength={browserMaxLength(NOTE_LIMIT)} value={typedNote} />
          <button type="submit" class="button button--secondary" id={`reject-${r.id}`}>
            {ja ? '却下する' : 'Reject'}
            <WhichRecord r={r} lang={lang} />
          </button>
        </form>
      ) : null}
      {staff.may('administer') && mine ? (
        <form method="post" action={localHref(`/admin/revocations/${id}/withdraw`, lang)} class="inline-form">
          <Csrf token={staff.csrf} />
          <button type="submit" class="button button--secondary" id={`withdraw-${r.id}`}>
            {ja ? '依頼を取り下げる' : 'Withdraw the request'}
            <WhichRecord r={r} lang={lang} />
          </button>
        </form>
      ) : null}
    </div>
  );
};

const RevocationsPage: FC<{
  staff: StaffMember;
  pending: RevocationRequestView[];
  decided: RevocationRequestView[];
  mine: Set<string>;
  /** Requests not this staff member's that they may not approve all the same (see RevocationService.mayApprove). */
  related: Set<string>;
  twoPerson: boolean;
  /** What each pending request's organization would be told by e-mail of the revocation, by request id. */
  mailed: Map<string, MailPromise>;
  done?: string | undefined;
  /** The request the decision in `done` was about (?request=), named in its notice. */
  doneRequest?: string | undefined;
  error?: Bilingual | undefined;
  rejectNote?: TypedRejectNote | undefined;
}> = ({ staff, pending, decided, mine, related, twoPerson, mailed, done, doneRequest, error, rejectNote }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  return (
    <AdminLayout staff={staff} title={{ ja: '取消の承認', en: 'Revocations' }} section="revocations">
      <h1>{ja ? '取消の承認' : 'Revocations'}</h1>
      <Notice text={done ? doneText(done, doneRequest ? decided.find((r) => r.id === doneRequest) : undefined, lang) : undefined} kind="success" />
      <Notice text={error?.[lang]} kind="error" />
      <p class="lead">
        {twoPerson
          ? ja
            ? '宣言・表彰の取消は、ある管理者が依頼し、別の管理者が承認したときに実行されます。依頼は各宣言・表彰のページから行います。'
            : 'A declaration or an award is revoked when one administrator requests it and another approves. Requests are made on the record’s own page.'
          : // The setting's name is one long word: as <code> it may break (site CSS), or it widens a phone's page.
            ja
            ? <>この登録簿では取消は依頼した管理者だけで実行されます（<code>REVOCATION_TWO_PERSON=false</code>）。</>
            : <>In this registry a revocation takes effect on one administrator’s request (<code>REVOCATION_TWO_PERSON=false</code>).</>}
      </p>
      <h2 id="pending-title">{ja ? `承認待ち（${pending.length}件）` : `Waiting for approval (${pending.length})`}</h2>
      {pending.length === 0 ? (
        <p id="no-pending">{ja ? '承認待ちの依頼はありません。' : 'No request is waiting.'}</p>
      ) : (
        <RequestTable
          id="revocation-requests"
          caption={{ ja: '承認待ちの取消の依頼（古い順）', en: 'Revocation requests waiting for approval (oldest first)' }}
          lastHeader={{ ja: '操作', en: 'Actions' }}
          rows={pending}
          lang={lang}
          mine={mine}
          last={(r) => <PendingActions staff={staff} r={r} mine={mine.has(r.id)} related={related.has(r.id)} twoPerson={twoPerson} mailed={mailed.get(r.id) ?? 'no-address'} typedNote={rejectNote?.requestId === r.id ? rejectNote.note : undefined} />}
        />
      )}
      <h2 id="decided-title">{ja ? '決定済み（最近の50件）' : 'Decided (the latest 50)'}</h2>
      {decided.length === 0 ? (
        <p>{ja ? '決定済みの依頼はまだありません。' : 'No request has been decided yet.'}</p>
      ) : (
        <RequestTable
          id="revocation-decisions"
          caption={{ ja: '決定済みの取消の依頼（新しい順）', en: 'Decided revocation requests (newest first)' }}
          lastHeader={{ ja: '結果・日時', en: 'Outcome, when' }}
          rows={decided}
          lang={lang}
          last={(r) => (
            <>
              <span class={`revocation-outcome revocation-outcome--${r.outcome}`}>{r.outcome ? OUTCOMES[r.outcome][lang] : ''}</span>
              <div class="muted">{formatDateTime(r.decidedAt, lang)}</div>
            </>
          )}
        />
      )}
    </AdminLayout>
  );
};

/** Requests as a table: what, whose, why, who asked and when, and a last column of the caller's choosing. */
const RequestTable: FC<{ id: string; caption: Bilingual; lastHeader: Bilingual; rows: RevocationRequestView[]; lang: Lang; mine?: Set<string>; last: (r: RevocationRequestView) => Child }> = ({ id, caption, lastHeader, rows, lang, mine, last }) => {
  const ja = lang === 'ja';
  return (
    <TableScroll label={caption[lang]}>
      <table id={id}>
        <caption>{caption[lang]}</caption>
        <thead>
          <tr>
            <th scope="col">{ja ? '対象' : 'Record'}</th>
            <th scope="col">{ja ? '団体' : 'Organization'}</th>
            <th scope="col">{ja ? '理由' : 'Reason'}</th>
            <th scope="col">{ja ? '依頼者・日時' : 'Requested by, when'}</th>
            <th scope="col">{lastHeader[lang]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={`request-${r.id}`}>
              <th scope="row">
                <Subject r={r} lang={lang} />
              </th>
              <td class="revocation-org">
                <Organization r={r} lang={lang} />
              </td>
              <td class="revocation-reason">
                {reasonText(r.reason, lang)}
                {r.note ? <p class="revocation-note">{r.note}</p> : null}
              </td>
              <td class="revocation-by">
                {storedAccountName(r.requestedByName, lang)}
                {mine?.has(r.id) ? (ja ? '（あなた）' : ' (you)') : ''}
                <div class="muted">{formatDateTime(r.requestedAt, lang)}</div>
              </td>
              <td>{last(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
};

interface RequestValues {
  subjectType: string;
  subjectId: string;
  reason: string;
  note: string;
  back: string;
}

const noteHint = (lang: Lang, declaration: boolean) =>
  lang === 'ja'
    ? `${NOTE_LIMIT}文字以内。${declaration ? '取消の通知メールで団体にも伝えられます。' : ''}`
    : `At most ${NOTE_LIMIT} characters.${declaration ? ' The organization reads it in the revocation e-mail.' : ''}`;

/** POST /admin/revocations refused: why, nothing changed; a wrong field can be corrected here. */
const RequestRefusedPage: FC<{ staff: StaffMember; values: RequestValues; errors: FormErrors; conflict: boolean; twoPerson: boolean }> = ({ staff, values, errors, conflict, twoPerson }) => {
  const { lang } = staff;
  const ja = lang === 'ja';
  const declaration = values.subjectType === 'declaration';
  const reasonErrors = errors.byField.reason;
  return (
    <AdminLayout staff={staff} title={{ ja: '取消を依頼できませんでした', en: 'The revocation could not be requested' }} section="revocations">
      <h1>{ja ? '取消を依頼できませんでした' : 'The revocation could not be requested'}</h1>
      <p class="lead">{ja ? '記録は何も変わっていません。' : 'Nothing was changed.'}</p>
      <ErrorSummary lang={lang} items={summaryItems(errors, lang)} />
      {conflict || !SUBJECT_LABELS[values.subjectType] || errors.byField.subjectType ? null : (
        <form method="post" action={localHref('/admin/revocations', lang)} class="card" id="revocation-request-form" novalidate>
          <Csrf token={staff.csrf} />
          <input type="hidden" name="subjectType" value={values.subjectType} />
          <input type="hidden" name="subjectId" value={values.subjectId} />
          <input type="hidden" name="back" value={values.back} />
          <p>
            {SUBJECT_LABELS[values.subjectType]![lang]} ID: <code>{values.subjectId}</code>
          </p>
          <div class={`field${reasonErrors ? ' field--error' : ''}`}>
            <label for={fieldId('reason')}>
              {ja ? '取消の理由' : 'Reason for the revocation'}
              {declaration ? <span class="required">{ja ? '（必須）' : ' (required)'}</span> : null}
            </label>
            <FieldError id={`${fieldId('reason')}-error`} lang={lang} errors={reasonErrors} />
            <select id={fieldId('reason')} name="reason" aria-invalid={reasonErrors ? 'true' : undefined} aria-describedby={reasonErrors ? `${fieldId('reason')}-error` : undefined}>
              <option value="" selected={values.reason === ''}>{ja ? '選んでください' : 'Choose one'}</option>
              {revocationReasonCodes(declaration ? 'declaration' : 'award').map((code) => (
                <option value={code} selected={values.reason === code}>{REVOCATION_REASONS[code]![lang]}</option>
              ))}
            </select>
          </div>
          <TextArea lang={lang} name="note" label={ja ? '補足（任意）' : 'Note (optional)'} value={values.note} rows={3} maxLength={NOTE_LIMIT} errors={errors.byField.note} hint={noteHint(lang, declaration)} />
          {twoPerson ? null : <RevocationConfirm lang={lang} id={fieldId('confirm')} errors={errors.byField.confirm} />}
          <p class="actions">
            <button type="submit" class="button button--danger" id="revocation-request-button">{twoPerson ? (ja ? '取消を依頼する' : 'Request the revocation') : ja ? '取り消す' : 'Revoke'}</button>
          </p>
        </form>
      )}
      <p>
        <a href={localHref(values.back, lang)} id="revocation-back">{ja ? '← 元のページに戻る' : '← Back'}</a>
        {' · '}
        <a href={localHref('/admin/revocations', lang)}>{ja ? '取消の承認の一覧' : 'Revocation requests'}</a>
      </p>
    </AdminLayout>
  );
};

/** The page to return to: a back-office path only (no open redirect); else the list. */
const backPath = (value: string | null) => (value && adminNext(value) === value ? value : '/admin/revocations');

/** `back` with ?done=… (and ?lang=en kept). */
function withDone(back: string, done: string, lang: Lang): string {
  const url = new URL(back, 'http://back.invalid');
  url.searchParams.delete('done');
  url.searchParams.set('done', done);
  if (lang === 'en') url.searchParams.set('lang', 'en');
  return url.pathname + url.search;
}

const refusalStatus = (error: unknown) => (error instanceof DomainError && error.kind === 'conflict' ? 409 : 400);

export function revocationRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const service = registry.web.revocations;

  async function list(c: Context<AppEnv>, staff: StaffMember, extra: { done?: string | undefined; doneRequest?: string | undefined; error?: Bilingual; rejectNote?: TypedRejectNote } = {}, status: 200 | 400 | 403 | 409 = 200) {
    const [pending, decided] = await Promise.all([service.list(staff.ctx, { pending: true }), service.list(staff.ctx, { pending: false })]);
    const mine = new Set<string>();
    for (const r of pending) if (await service.isRequester(staff.ctx, r)) mine.add(r.id);
    const related = staff.may('administer') ? await service.notApprovable(staff.ctx, pending.filter((r) => !mine.has(r.id))) : new Set<string>();
    const organizations = new Map((await registry.deps.repos.organizations.getMany([...new Set(pending.flatMap((r) => (r.subject.organizationId ? [r.subject.organizationId] : [])))])).map((o) => [o.id, o]));
    const mailed = new Map<string, MailPromise>();
    for (const r of pending) {
      const organization = organizations.get(r.subject.organizationId ?? '');
      if (organization) mailed.set(r.id, await registry.mail.promiseTo(organization));
    }
    return webPage(c, <RevocationsPage staff={staff} pending={pending} decided={decided} mine={mine} related={related} twoPerson={service.twoPerson} mailed={mailed} {...extra} />, status);
  }

  /** A decision refused for the request's state (decided meanwhile, record no longer revocable): the list with why (409). */
  async function decision(c: Context<AppEnv>, staff: StaffMember, done: string, run: () => Promise<unknown>) {
    const request = c.req.param('id');
    try {
      await run();
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'validation')) {
        const messages = [error, ...error.fields];
        return list(c, staff, { error: { ja: messages.map((m) => m.ja).join(' '), en: messages.map((m) => m.en).join(' ') } }, error.kind === 'conflict' ? 409 : 400);
      }
      throw error;
    }
    return redirectWithNotice(c, localHref('/admin/revocations', staff.lang, { done, request }));
  }

  return new Hono<AppEnv>()
    .get('/admin/revocations', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      return list(c, staff, { done: noticeOf(c), doneRequest: c.req.query('request')?.slice(0, 100) });
    })
    .post('/admin/revocations', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      const valuesOf = (typed: URLSearchParams): RequestValues => ({
        subjectType: typed.get('subjectType') ?? '',
        subjectId: typed.get('subjectId') ?? '',
        reason: typed.get('reason') ?? '',
        note: noteOf(typed),
        back: backPath(typed.get('back')),
      });
      const twoPerson = service.twoPerson;
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => webPage(c, <RequestRefusedPage staff={staff} values={valuesOf(typed)} errors={noticeErrors(notice)} conflict={false} twoPerson={twoPerson} />));
      const values = valuesOf(form);
      if (!twoPerson && form.get('confirm') !== 'yes') {
        return webPage(c, <RequestRefusedPage staff={staff} values={values} errors={{ byField: { confirm: [CONFIRM_MISSING] }, general: [] }} conflict={false} twoPerson={twoPerson} />, 400);
      }
      try {
        const { revoked } = await service.request(staff.ctx, values);
        return redirectWithNotice(c, withDone(values.back, revoked ? 'revoked' : 'revocation-requested', staff.lang));
      } catch (error) {
        const errors = formErrorsOf(error, ['subjectType', 'reason', 'note']);
        const status = refusalStatus(error);
        return webPage(c, <RequestRefusedPage staff={staff} values={values} errors={errors} conflict={status === 409} twoPerson={twoPerson} />, status);
      }
    })
    .post('/admin/revocations/:id/approve', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      return decision(c, staff, 'approved', () => service.approve(staff.ctx, c.req.param('id')));
    })
    .post('/admin/revocations/:id/reject', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      // A stale token: the list again, the note as typed in its row, the reason at the top.
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => list(c, staff, { error: notice, rejectNote: { requestId: c.req.param('id'), note: noteOf(typed) } }, 403));
      return decision(c, staff, 'rejected', () => service.reject(staff.ctx, c.req.param('id'), noteOf(form)));
    })
    .post('/admin/revocations/:id/withdraw', async (c) => {
      const staff = staffOf(c, 'administer');
      if (staff instanceof Response) return staff;
      await readCheckedForm(c, publicBaseUrl);
      return decision(c, staff, 'withdrawn', () => service.withdraw(staff.ctx, c.req.param('id')));
    });
}
