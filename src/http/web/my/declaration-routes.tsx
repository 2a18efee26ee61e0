// The declaration form and its actions. Every post goes through the same use cases as the API
// (registry.declarations.*), with the member's context: they authorize, validate and audit.
import { japanDate } from '../../../domain/japan-calendar.js';
import { Hono, type Context } from 'hono';
import { actsFor } from '../../../domain/actor.js';
import { AMENDABLE_STATUSES, assertAllowed, STATUS_LABELS, TRANSITIONS } from '../../../domain/declaration-lifecycle.js';
import { conflict, DomainError, forbidden, invalid } from '../../../domain/errors.js';
import { formatDate } from '../../pages/format.js';
import { PUBLISHABLE_FIELDS, type Declaration, type DeclarationContent } from '../../../domain/model.js';
import type { AppEnv } from '../../env.js';
import { localHref, type Bilingual } from '../../pages/i18n.js';
import { postedRowVersion, ROW_VERSION_MISSING, versionRefusal } from '../row-version.js';
import { readCheckedForm } from '../form.js';
import { noticeOf, redirectWithNotice } from '../notice.js';
import { webPage } from '../page.js';
import { checkedOrProblems, differingFields, emptyValues, problemsOf, valuesOfContent, valuesOfForm, type DeclarationFormValues, type FormProblems } from './declaration-input.js';
import { DeclarationFormPage, type DeclarationFormProps } from './declaration-form.js';
import { DeclarationReadOnlyPage, WithdrawConfirmPage } from './declaration-pages.js';
import { fieldLabelsFor, fieldText } from './labels.js';
import { declarationsOf } from './live-declaration.js';
import { memberOf, type Member } from './member.js';
import { dashboardPage } from './dashboard-routes.js';
import { doneAlready } from '../repeated-post.js';
import type { MyRouteDeps } from './routes.js';

const SAVE_ACTIONS = ['preview', 'draft', 'submit', 'amend'] as const;

type SaveAction = (typeof SAVE_ACTIONS)[number];

/**
 * A published declaration's amendment issues its badge anew and the old one reads as replaced
 * (「新しい版に置き換え済み」) wherever it is shown: said with the saved notice, as a renewal's is.
 */
const REISSUED: Bilingual = {
  ja: 'バッジを新しい内容で発行し直しました。これまでのバッジとQRコードは「新しい版に置き換え済み」と表示されます。バッジキットから新しいバッジを受け取り、掲載しているものと差し替えてください。',
  // English sentences are spaced apart; the notice's first sentence ends without one.
  en: ' Its badge was issued anew with the new content; the earlier badge and QR code now read "Superseded by a newer version". Get the new badge from the badge kit and replace the one you show.',
};

const sameContent = (a: DeclarationContent, b: DeclarationContent) =>
  PUBLISHABLE_FIELDS.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f])) && JSON.stringify([...a.publicFields].sort()) === JSON.stringify([...b.publicFields].sort());

/**
 * The version a one-button form (withdraw, renew) was shown at; a post without it is refused
 * (400, the refusal page naming the field) rather than acting on whatever version is stored now.
 */
function buttonRowVersion(form: URLSearchParams): number {
  const rowVersion = postedRowVersion(form);
  if (rowVersion !== null) return rowVersion;
  throw new DomainError('validation', ROW_VERSION_MISSING.ja, ROW_VERSION_MISSING.en, [{ field: 'rowVersion', ...ROW_VERSION_MISSING }]);
}

/**
 * A one-button form (withdraw, renew) posted after someone else changed the declaration: what it is
 * now (the page shown again says the rest), that nothing was done, and how to go on.
 */
function changedMeanwhile(declaration: Declaration, notDone: Bilingual, again: Bilingual): Bilingual {
  const status = STATUS_LABELS[declaration.status];
  return {
    ja: `この宣言は、このページを開いた後に別の操作で変更されました（現在: ${status.ja}、第${declaration.currentVersion}版）。${notDone.ja}下の現在の状態を確認し、${again.ja}`,
    en: `This declaration was changed by someone else after you opened this page (now: ${status.en}, version ${declaration.currentVersion}). ${notDone.en} Check its current state below and, ${again.en}`,
  };
}

/** Whether the use case refused a stale version (the API's 412): the form's page says it as a 409. */
const isStale = (error: unknown) => error instanceof DomainError && error.kind === 'precondition-failed';

export function declarationRoutes(deps: MyRouteDeps) {
  const { registry, publicBaseUrl } = deps;
  const declarations = registry.declarations;

  /** A declaration named by a form: the use case hides others' private ones (404); others' public ones are refused here (403). */
  async function ownDeclaration(member: Member, id: string): Promise<Declaration> {
    const declaration = await declarations.view(member.ctx.actor, id);
    if (!actsFor(member.ctx.actor, declaration.organizationId)) throw forbidden();
    return declaration;
  }

  function formPage(c: Context<AppEnv>, props: DeclarationFormProps, status: 200 | 400 | 403 | 409 = 200) {
    return webPage(c, <DeclarationFormPage {...props} />, status);
  }

  /** The form as it was posted, when its token was stale: the row version it was read at stays, so a save made meanwhile is still noticed. */
  const redisplayDeclaration = (c: Context<AppEnv>, member: Member) => async (form: URLSearchParams, notice: Bilingual) => {
    const id = form.get('declarationId');
    const declaration = id ? await ownDeclaration(member, id) : null;
    // The version the form was read at, never the stored one: that would hide a save made meanwhile.
    const rowVersion = postedRowVersion(form);
    return formPage(c, { member, declaration, values: valuesOfForm(form), rowVersion, message: { text: notice[member.lang], kind: 'error' } }, 403);
  };

  return new Hono<AppEnv>()
    .get('/declaration', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      const { lang } = member;
      const { live } = await declarationsOf(registry, member.organization.id);
      const saved = noticeOf(c, 'saved');
      if (!live) return formPage(c, { member, declaration: null, values: emptyValues(), rowVersion: null });
      if (!AMENDABLE_STATUSES.includes(live.status)) {
        return webPage(c, <DeclarationReadOnlyPage member={member} declaration={live} />);
      }
      const text =
        saved === 'draft'
          ? { ja: `下書きを保存しました（第${live.currentVersion}版）。`, en: `Draft saved (version ${live.currentVersion}).` }[lang]
          : saved === 'amended'
            ? { ja: `改訂を保存しました（第${live.currentVersion}版）。`, en: `Amendment saved (version ${live.currentVersion}).` }[lang] + (live.status === 'published' ? REISSUED[lang] : '')
            : saved === 'unchanged'
              ? { ja: `変更された項目がないため、保存していません（第${live.currentVersion}版のまま）。`, en: `Nothing was changed, so nothing was saved (still version ${live.currentVersion}).` }[lang]
              : undefined;
      const kind = saved === 'unchanged' ? 'info' : 'success';
      return formPage(c, { member, declaration: live, values: valuesOfContent(live.content), rowVersion: live.rowVersion, message: text ? { text, kind } : undefined });
    })

    .post('/declaration', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      const form = await readCheckedForm(c, publicBaseUrl, redisplayDeclaration(c, member));
      const { lang, ctx } = member;
      const action = (form.get('action') ?? 'draft') as SaveAction;
      if (!SAVE_ACTIONS.includes(action)) throw invalid([{ field: 'action', ja: '操作が正しくありません。', en: 'Unknown action.' }]);
      const values = valuesOfForm(form);
      const id = form.get('declarationId');
      const declaration = id ? await ownDeclaration(member, id) : null;
      const { checked, problems } = checkedOrProblems(values, japanDate(registry.deps.clock.now().toISOString())!);
      // An existing declaration is saved only against the version the form was read at: without it, a
      // hand-made or damaged post would overwrite a change saved meanwhile, unseen. The refusal's form
      // carries the stored version, as the back office's does: saving again is a choice made after the message.
      // A refusal for the version names the fields' problems too, so one round shows everything.
      let rowVersion: number | null = null;
      if (declaration) {
        const posted = postedRowVersion(form);
        if (posted === null) return formPage(c, { member, declaration, values, rowVersion: declaration.rowVersion, problems: versionRefusal(ROW_VERSION_MISSING, problems) }, 400);
        // Bad fields never reach the use case, which would refuse a stale version before them: said here, with them.
        if (problems && action !== 'preview' && posted !== declaration.rowVersion) return staleForm(c, member, declaration.id, values, values, problems);
        rowVersion = posted;
      }
      const base = { member, declaration, values, rowVersion };
      if (!checked) return formPage(c, { ...base, problems }, 400);
      if (action === 'preview') return formPage(c, { ...base, preview: checked.content });

      try {
        const changed = declaration !== null && !sameContent(declaration.content, checked.content);
        if (action === 'submit') {
          // New content and its submission commit together: a refused submission saves nothing.
          if (!declaration) await declarations.act(ctx, (await declarations.create(ctx, member.organization.id, checked.input)).id, 'submit');
          else if (changed) await declarations.amendAndSubmit(ctx, declaration.id, checked.input, rowVersion!);
          else await declarations.act(ctx, declaration.id, 'submit', {}, rowVersion!);
          return redirectWithNotice(c, localHref('/my', lang, { done: 'submitted' }));
        }
        let saved: Declaration;
        if (!declaration) saved = await declarations.create(ctx, member.organization.id, checked.input);
        else if (changed) saved = await declarations.amend(ctx, declaration.id, checked.input, rowVersion!);
        else saved = declaration;
        // Saved with nothing changed makes no new version: the page says so, not "saved".
        return redirectWithNotice(c, localHref('/my/declaration', lang, { saved: declaration && !changed ? 'unchanged' : saved.status === 'draft' ? 'draft' : 'amended' }));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind === 'validation') return formPage(c, { ...base, problems: problemsOf(error) }, 400);
        // A repeat of a post that went through (a double click, the back button) reaches here too: stale, or a second declaration.
        const repeated = error.kind === 'precondition-failed' || (error.kind === 'conflict' && !declaration) ? await repeatedPost(c, member, declaration, action, checked.content) : null;
        if (repeated) return repeated;
        if (error.kind === 'precondition-failed' && declaration) return staleForm(c, member, declaration.id, values, valuesOfContent(checked.content));
        if (error.kind === 'conflict') return conflictForm(c, member, values, error);
        throw error;
      }
    })

    .get('/declaration/withdraw', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      const { live } = await declarationsOf(registry, member.organization.id);
      if (!live || !TRANSITIONS.withdraw.from.includes(live.status)) return c.redirect(localHref('/my/declaration', member.lang), 302);
      return webPage(c, <WithdrawConfirmPage member={member} declaration={live} />);
    })

    .post('/declaration/withdraw', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      const form = await readCheckedForm(c, publicBaseUrl);
      const declaration = await ownDeclaration(member, form.get('declarationId') ?? '');
      // A second post (a double click, the back button) finds it withdrawn already: say so, rather
      // than the use case's "changed meanwhile, try again", which would send them round again.
      assertAllowed('withdraw', declaration.status);
      try {
        await declarations.act(member.ctx, declaration.id, 'withdraw', {}, buttonRowVersion(form));
      } catch (error) {
        if (!isStale(error)) throw error;
        const latest = await ownDeclaration(member, declaration.id);
        const problem = changedMeanwhile(
          latest,
          { ja: 'まだ取り下げていません。', en: 'It is not withdrawn yet.' },
          { ja: 'それでも取り下げる場合は、もう一度「取り下げる」を押してください。', en: 'to withdraw it all the same, press “Withdraw” again.' },
        );
        return webPage(c, <WithdrawConfirmPage member={member} declaration={latest} problem={problem[member.lang]} />, 409);
      }
      return redirectWithNotice(c, localHref('/my', member.lang, { done: 'withdrawn' }));
    })

    .post('/declaration/renew', async (c) => {
      const member = memberOf(c);
      if (member instanceof Response) return member;
      const form = await readCheckedForm(c, publicBaseUrl);
      const declaration = await ownDeclaration(member, form.get('declarationId') ?? '');
      const rowVersion = buttonRowVersion(form);
      let renewed: Declaration;
      try {
        renewed = await declarations.act(member.ctx, declaration.id, 'renew', {}, rowVersion);
      } catch (error) {
        if (!isStale(error)) throw error;
        // A second post (a double click, the back button) finds it renewed already: an early renewal
        // leaves it published, so the state alone cannot tell; the renewal made from this form's version can.
        if (await doneAlready(registry, { type: 'declaration', id: declaration.id }, 'declaration.renew', 'rowVersion', rowVersion)) throw alreadyRenewed(declaration);
        // The dashboard holds the renewal's button (and says whether it is still offered).
        const problem = changedMeanwhile(
          await ownDeclaration(member, declaration.id),
          { ja: 'まだ更新していません。', en: 'It is not renewed yet.' },
          { ja: '更新する場合は、もう一度ボタンを押してください。', en: 'to renew it, press the button again.' },
        );
        return dashboardPage(c, deps, member, problem[member.lang]);
      }
      return redirectWithNotice(c, localHref('/my', member.lang, { done: renewed.status === 'published' ? 'extended' : 'renewed' }));
    });

  /** The refusal of a renewal posted again (409, nothing changes), said by where the renewal stands now. */
  function alreadyRenewed(d: Declaration) {
    const until = { ja: formatDate(d.validUntil, 'ja'), en: formatDate(d.validUntil, 'en') };
    if (d.status === 'published') {
      return conflict(
        `この宣言は既に更新されています（有効期限: ${until.ja}）。もう一度更新する必要はありません。何も変更していません。`,
        `This declaration is renewed already (valid until ${until.en}); there is no need to renew it again. Nothing was changed.`,
      );
    }
    const label = STATUS_LABELS[d.status];
    return conflict(
      `この宣言の更新は既に申請されています（現在: ${label.ja}）。もう一度申請する必要はありません。何も変更していません。状態はダッシュボードで確認できます。`,
      `The renewal of this declaration is requested already (now: ${label.en}); there is no need to request it again. Nothing was changed; its state shows on the dashboard.`,
    );
  }

  /**
   * Someone else saved the declaration after this form was opened. What was typed (`values`) comes
   * back with the fields where the saved version differs from `typed` (the values as saving would
   * store them, or as typed when some are wrong, whose problems come too); saving again (now against
   * the latest version) replaces it on purpose.
   */
  async function staleForm(c: Context<AppEnv>, member: Member, id: string, values: DeclarationFormValues, typed: DeclarationFormValues, problems: FormProblems | null = null) {
    const { lang } = member;
    const latest = await ownDeclaration(member, id);
    const { kind } = member.organization;
    const staleChanges = differingFields(latest.content, typed).map((f) => ({ field: fieldLabelsFor(kind)[f][lang], saved: fieldText(f, latest.content, lang, kind) }));
    const message = {
      ja: `この宣言は、このページを開いた後に別の操作で更新されました（現在: ${STATUS_LABELS[latest.status].ja}、第${latest.currentVersion}版）。あなたの入力はまだ保存されていません。下の違いを確認し、この内容で置き換えてよければもう一度保存してください。`,
      en: `This declaration was changed by someone else after you opened this page (now: ${STATUS_LABELS[latest.status].en}, version ${latest.currentVersion}). What you typed is not saved yet. Check the differences below and save again to replace it with your version.`,
    };
    return formPage(c, { member, declaration: latest, values, rowVersion: latest.rowVersion, problems: versionRefusal(message, problems), staleChanges }, 409);
  }

  /**
   * A form posted again (a double click, the back button) after its first post saved it: the live
   * declaration holds just what was posted. Said so (409, nothing changes), not "already has a
   * declaration" or "changed meanwhile", each with "what you typed is not saved", which reads as if
   * it were lost. Null when the live declaration differs: the post is then refused as before.
   */
  async function repeatedPost(c: Context<AppEnv>, member: Member, posted: Declaration | null, action: SaveAction, content: DeclarationContent): Promise<Response | null> {
    const { lang } = member;
    const { live } = await declarationsOf(registry, member.organization.id);
    if (!live || (posted && posted.id !== live.id) || !sameContent(live.content, content)) return null;
    const label = STATUS_LABELS[live.status];
    const text =
      live.status === 'draft'
        ? {
            ja: `この内容は既に下書きとして保存されています（第${live.currentVersion}版）。何も変更していません。提出は、下のフォームの「保存して提出」からできます。`,
            en: `This is saved already as a draft (version ${live.currentVersion}). Nothing was changed; to submit it, choose "Save and submit" below.`,
          }
        : action === 'submit' || live.status === 'submitted'
          ? {
              ja: `この宣言は既に提出されています（${label.ja}）。もう一度提出する必要はありません。何も変更していません。状態はダッシュボードで確認できます。`,
              en: `This declaration is submitted already (${label.en}); there is no need to submit it again. Nothing was changed; its state shows on the dashboard.`,
            }
          : {
              ja: `この内容は既に保存されています（${label.ja}、第${live.currentVersion}版）。何も変更していません。`,
              en: `This is saved already (${label.en}, version ${live.currentVersion}). Nothing was changed.`,
            };
    const message = { text: text[lang], kind: 'info' as const };
    if (AMENDABLE_STATUSES.includes(live.status)) return formPage(c, { member, declaration: live, values: valuesOfContent(live.content), rowVersion: live.rowVersion, message }, 409);
    return webPage(c, <DeclarationReadOnlyPage member={member} declaration={live} message={message} />, 409);
  }

  /** A save the declaration's state does not allow, or a second declaration while one is live. */
  async function conflictForm(c: Context<AppEnv>, member: Member, values: DeclarationFormValues, error: DomainError) {
    const { lang } = member;
    const { live } = await declarationsOf(registry, member.organization.id);
    const editable = live && AMENDABLE_STATUSES.includes(live.status) ? live : null;
    if (live && !editable) {
      const text = { ja: `この宣言は現在「${STATUS_LABELS[live.status].ja}」のため変更できません。あなたの入力は保存されていません。`, en: `This declaration is now "${STATUS_LABELS[live.status].en}" and cannot be changed; what you typed was not saved.` }[lang];
      return webPage(c, <DeclarationReadOnlyPage member={member} declaration={live} message={{ text, kind: 'error' }} />, 409);
    }
    const text = error.extra.existingDeclaration
      ? {
          ja: `この団体には既に宣言があります（${live ? STATUS_LABELS[live.status].ja : ''}）。1つの団体が持てる宣言は1件です。${editable ? 'あなたの入力はまだ保存されていません。この宣言の修正として保存できます。' : '宣言のページで状態を確認してください。'}`,
          en: `This organization already has a declaration (${live ? STATUS_LABELS[live.status].en : ''}); an organization holds one at a time. ${editable ? 'What you typed is not saved yet; you can save it as a change to that declaration.' : 'Check its state on the declaration page.'}`,
        }[lang]
      : error[lang];
    return formPage(c, { member, declaration: editable, values, rowVersion: editable?.rowVersion ?? null, message: { text, kind: 'error' } }, 409);
  }
}
