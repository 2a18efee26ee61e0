// Back office: reviews. Every staff member sees the queue of submitted declarations (oldest
// submission first) and each one's review page with its internal notes; reviewers and
// administrators publish, return (with a reason the organization reads) and write notes.
import { Hono, type Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { assertAllowed, STATUS_LABELS } from '../../domain/declaration-lifecycle.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual } from '../pages/i18n.js';
import { formText, readCheckedForm } from '../web/form.js';
import { postedRowVersion, ROW_VERSION_MISSING, versionRefusal } from '../web/row-version.js';
import { webPage } from '../web/page.js';
import { formErrorsOf, noticeErrors, unreadableMessage, type FormErrors } from './form-errors.js';
import { loadReview, reviewQueue } from './reviews-data.js';
import { RETURN_REASON_MAX, ReviewPage, ReviewQueuePage, stateOf, type Decided, type ReviewFormState } from './reviews-pages.js';
import type { Declaration } from '../../domain/model.js';
import type { AdminRouteDeps } from './routes.js';
import { staffOf, type StaffMember } from './staff-member.js';
import { noticeOf, redirectWithNotice } from '../web/notice.js';

const refusal = (general: Bilingual[], byField: FormErrors['byField'] = {}): FormErrors => ({ general, byField });

const STALE: Bilingual = {
  ja: 'この宣言は、このページを開いた後に変更されました（他の職員が先に処理した可能性があります）。最新の内容を確認してからやり直してください。何も変更していません。',
  en: 'This declaration changed after you opened this page (another staff member may have dealt with it). Check it as it is now and try again. Nothing was changed.',
};


/** What is wrong with a return's reason, in the form's words, or null. */
function reasonProblem(reason: string): Bilingual | null {
  if (!reason) return { ja: '差戻しの理由を入力してください。団体のマイページに表示され、メールで送られます。', en: 'Write the reason for returning it: the organization reads it on its page and by e-mail.' };
  const length = [...reason].length;
  if (length > RETURN_REASON_MAX) return { ja: `差戻しの理由は${RETURN_REASON_MAX}文字以内で入力してください（今は${length}文字）。`, en: `The reason can be at most ${RETURN_REASON_MAX} characters (now ${length}).` };
  // The API's schema refuses these; the form posts past it, and the reason goes to the organization's page and e-mail.
  const unreadable = unreadableMessage(reason, '/reason');
  return unreadable ? { ja: `差戻しの理由: ${unreadable.ja}`, en: `Reason: ${unreadable.en}` } : null;
}

/** A publication or return the declaration's state refuses, as the review page says it (`current`: the declaration read, named 差戻し when sent back). */
function decisionConflict(error: DomainError, current?: Pick<Declaration, 'status' | 'statusReason'>): Bilingual {
  const status = (error.extra as { currentStatus?: keyof typeof STATUS_LABELS }).currentStatus;
  const state = current && current.status === status ? stateOf(current) : status ? STATUS_LABELS[status] : null;
  return state
    ? {
        ja: `この宣言は既に審査中ではありません（現在の状態: ${state.ja}）。他の職員が先に処理した可能性があります。何も変更していません。`,
        en: `This declaration is no longer under review (its state now: ${state.en}); another staff member may have dealt with it. Nothing was changed.`,
      }
    : { ja: error.ja, en: error.en };
}

export function reviewRoutes({ registry, publicBaseUrl }: AdminRouteDeps) {
  const render = async (c: Context<AppEnv>, staff: StaffMember, id: string, extra: { state?: ReviewFormState; done?: string | undefined } = {}, status: 200 | 400 | 409 = 200) => {
    const review = await loadReview(registry, staff.ctx, id);
    const mailed = review.organization ? await registry.mail.promiseTo(review.organization) : 'no-address';
    return webPage(c, <ReviewPage staff={staff} review={review} mailed={mailed} {...extra} />, status);
  };

  /** Publish or return: the row version read with the page must still be current; a refusal changes nothing. */
  async function decide(c: Context<AppEnv>, action: 'publish' | 'return') {
    const staff = staffOf(c, 'review');
    if (staff instanceof Response) return staff;
    const id = c.req.param('declarationId')!;
    const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => render(c, staff, id, { state: { form: action, values: { reason: formText(typed, 'reason') }, errors: noticeErrors(notice) } }));
    const reason = action === 'return' ? formText(form, 'reason').trim() : undefined;
    const refuse = (errors: FormErrors, status: 400 | 409) => render(c, staff, id, { state: { form: action, values: { reason: formText(form, 'reason') }, errors } }, status);
    // A declaration no longer under review shows no decision form: say that, not what a reason or a version the page never asked for lacks.
    const current = await registry.declarations.view(staff.ctx.actor, id);
    try {
      assertAllowed(action, current.status);
    } catch (error) {
      return refuse(refusal([decisionConflict(error as DomainError, current)]), 409);
    }
    const problem = reason === undefined ? null : reasonProblem(reason);
    const problems = problem ? refusal([], { reason: [problem] }) : null;
    // A post refused for its version says what is wrong with the reason as well; a bad reason never
    // reaches the use case, so its post's version is compared here (a current one is checked again when acting).
    const rowVersion = postedRowVersion(form);
    if (rowVersion === null) return refuse(versionRefusal(ROW_VERSION_MISSING, problems), 400);
    if (problems) {
      const stale = rowVersion !== current.rowVersion;
      return stale ? refuse(versionRefusal(STALE, problems), 409) : refuse(problems, 400);
    }
    try {
      await registry.declarations.act(staff.ctx, id, action, reason === undefined ? {} : { reason }, rowVersion);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'precondition-failed') return refuse(refusal([STALE]), 409);
      if (error.kind === 'conflict') return refuse(refusal([decisionConflict(error)]), 409);
      if (error.kind === 'validation') return refuse(formErrorsOf(error, ['reason']), 400);
      throw error;
    }
    // The queue's notice names whose declaration it was (the reviewer may have several open in tabs).
    return redirectWithNotice(c, localHref('/admin/reviews', staff.lang, { done: action === 'publish' ? 'published' : 'returned', declaration: id }));
  }

  /** The organization whose declaration was just decided, for the notice (its name, what it is told by e-mail); none for an id that names nothing. */
  async function decidedOrganization(declarationId: string | undefined): Promise<Decided | undefined> {
    if (!declarationId) return undefined;
    const { repos } = registry.deps;
    const declaration = await repos.declarations.get(declarationId.slice(0, 100));
    const organization = declaration ? await repos.organizations.get(declaration.organizationId) : null;
    return organization ? { name: organization.name, mailed: await registry.mail.promiseTo(organization) } : undefined;
  }

  return new Hono<AppEnv>()
    .get('/admin/reviews', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      const cursor = c.req.query('cursor') || null;
      // A cursor that does not decode reads from the start, as the other page lists do.
      const page = await reviewQueue(registry.deps.repos, cursor);
      const done = noticeOf(c);
      const decided = done ? await decidedOrganization(c.req.query('declaration')) : undefined;
      return webPage(c, <ReviewQueuePage staff={staff} items={page.items} nextCursor={page.nextCursor} paged={cursor !== null} done={done} decided={decided} />);
    })
    .get('/admin/reviews/:declarationId', async (c) => {
      const staff = staffOf(c, 'read');
      if (staff instanceof Response) return staff;
      return render(c, staff, c.req.param('declarationId'), { done: noticeOf(c) });
    })
    .post('/admin/reviews/:declarationId/publish', (c) => decide(c, 'publish'))
    .post('/admin/reviews/:declarationId/return', (c) => decide(c, 'return'))
    .post('/admin/reviews/:declarationId/notes', async (c) => {
      const staff = staffOf(c, 'review');
      if (staff instanceof Response) return staff;
      const id = c.req.param('declarationId');
      const form = await readCheckedForm(c, publicBaseUrl, (typed, notice) => render(c, staff, id, { state: { form: 'note', values: { note: formText(typed, 'note') }, errors: noticeErrors(notice) } }));
      try {
        await registry.web.reviewNotes.add(staff.ctx, id, form.get('note') ?? '');
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
        return render(c, staff, id, { state: { form: 'note', values: { note: formText(form, 'note') }, errors: formErrorsOf(error, ['note']) } }, 400);
      }
      return redirectWithNotice(c, `${localHref(`/admin/reviews/${encodeURIComponent(id)}`, staff.lang, { done: 'note' })}#notes`);
    });
}
