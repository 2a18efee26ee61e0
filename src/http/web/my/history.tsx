// GET /my/history: the declaration's versions with what changed between them, and the
// organization's own audit trail (its records, and what its members did; nothing of others).
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { actsFor } from '../../../domain/actor.js';
import { STATUS_LABELS } from '../../../domain/declaration-lifecycle.js';
import { forbidden } from '../../../domain/errors.js';
import type { AuditEntry, Declaration, DeclarationVersion } from '../../../domain/model.js';
import { organizationAuditTrail } from '../../../domain/services/organization-audit.js';
import type { AppEnv } from '../../env.js';
import { formatDate } from '../../pages/format.js';
import { localHref, type Lang } from '../../pages/i18n.js';
import { webPage } from '../page.js';
import { formatDateTime } from '../../pages/format.js';
import { actorText, AUDIT_ACTION_LABELS, reasonLabel, versionActor } from './labels.js';
import { declarationsOf } from './live-declaration.js';
import { memberOf, type Member } from './member.js';
import { MyLayout } from './my-layout.js';
import type { MyRouteDeps } from './routes.js';
import { versionHistory } from './version-diff.js';
import { FieldChanges } from './version-diff-view.js';

export function historyRoutes({ registry }: MyRouteDeps) {
  return new Hono<AppEnv>().get('/history', async (c) => {
    const member = memberOf(c);
    if (member instanceof Response) return member;
    const orgId = member.organization.id;
    const { all, live } = await declarationsOf(registry, orgId);
    // Another declaration of the same organization may be chosen; anyone else's is not found.
    const asked = c.req.query('declaration');
    let declaration: Declaration | null = live ?? all[all.length - 1] ?? null;
    if (asked) {
      declaration = await registry.declarations.view(member.ctx.actor, asked);
      if (!actsFor(member.ctx.actor, declaration.organizationId)) throw forbidden();
    }
    const [versions, trail, members] = await Promise.all([
      declaration ? registry.declarations.versions(declaration.id) : Promise.resolve([]),
      organizationAuditTrail(registry.deps.repos, member.ctx, orgId, { cursor: c.req.query('cursor') ?? null, limit: 50 }),
      registry.web.accounts.members(member.ctx, orgId),
    ]);
    const names = new Map(members.map((m) => [m.account.id, m.account.displayName]));
    return webPage(c, <HistoryPage member={member} declarations={all} declaration={declaration} versions={versions} trail={trail.items} nextCursor={trail.nextCursor} names={names} />);
  });
}

const HistoryPage: FC<{
  member: Member;
  declarations: Declaration[];
  declaration: Declaration | null;
  versions: DeclarationVersion[];
  trail: AuditEntry[];
  nextCursor: string | null;
  names: Map<string, string>;
}> = ({ member, declarations, declaration, versions, trail, nextCursor, names }) => {
  const { lang } = member;
  const ja = lang === 'ja';
  const title = { ja: '履歴', en: 'History' };
  return (
    <MyLayout member={member} title={title} section="history">
      <h1>{title[lang]}</h1>
      <h2>{ja ? '宣言の版' : 'Versions of the declaration'}</h2>
      {declarations.length > 1 ? (
        <nav aria-label={ja ? '宣言を選ぶ' : 'Choose a declaration'}>
          <ul class="link-list">
            {[...declarations].reverse().map((d) => (
              <li>
                <a href={localHref('/my/history', lang, { declaration: d.id })} aria-current={d.id === declaration?.id ? 'page' : undefined}>
                  {ja ? `宣言日 ${formatDate(d.content.committedOn, lang)}（${STATUS_LABELS[d.status].ja}）` : `Committed on ${formatDate(d.content.committedOn, lang)} (${STATUS_LABELS[d.status].en})`}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {declaration === null ? <p>{ja ? 'まだ宣言がありません。' : 'No declaration yet.'}</p> : null}
      <ol class="versions" reversed>
        {versionHistory(versions, lang, member.organization.kind).map(({ version, changes }) => (
          <li class="card">
            <h3>{ja ? `第${version.version}版` : `Version ${version.version}`}</h3>
            <p class="muted">
              {formatDateTime(version.createdAt, lang)} · {actorText(versionActor(version.createdBy), names, lang)}
            </p>
            {changes === null ? (
              <p>{ja ? '最初の版です。' : 'The first version.'}</p>
            ) : changes.length === 0 ? (
              <p>{ja ? '内容の変更はありません。' : 'No change in content.'}</p>
            ) : (
              <FieldChanges lang={lang} changes={changes} />
            )}
          </li>
        ))}
      </ol>

      <h2>{ja ? '操作の記録' : 'Audit trail'}</h2>
      <p class="hint">
        {ja ? 'この団体の記録に対する操作と、メンバーの操作です（新しい順）。' : "What was done to this organization's records and by its members, newest first."}
      </p>
      {trail.length === 0 ? <p>{ja ? '記録はありません。' : 'Nothing recorded.'}</p> : null}
      <AuditTrail entries={trail} names={names} lang={lang} />
      {nextCursor ? (
        <p class="pager">
          <a href={localHref('/my/history', lang, { declaration: declaration?.id, cursor: nextCursor })}>{ja ? 'さらに古い記録' : 'Older entries'}</a>
        </p>
      ) : null}
    </MyLayout>
  );
};

/** Audit entries as a trail: when, what (with the reason of a return, suspension or revocation), and who. */
export const AuditTrail: FC<{ entries: AuditEntry[]; names: Map<string, string>; lang: Lang }> = ({ entries, names, lang }) => {
  const ja = lang === 'ja';
  return (
    <ol class="trail">
      {entries.map((entry) => {
        const after = (entry.after ?? {}) as { statusReason?: string | null; status?: string };
        // An award's suspension and revocation carry their reason code as a declaration's do.
        const reason = /^(declaration\.(return|suspend|revoke)|award\.(suspend|revoke))$/.test(entry.action) ? reasonLabel(after.status ?? 'draft', after.statusReason ?? null, lang) : null;
        return (
          <li>
            <span class="trail__when">{formatDateTime(entry.at, lang)}</span>
            <span class="trail__what">
              {AUDIT_ACTION_LABELS[entry.action]?.[lang] ?? entry.action}
              {reason ? (
                <>
                  {ja ? '（理由: ' : ' (reason: '}
                  <span class="prose">{reason}</span>
                  {ja ? '）' : ')'}
                </>
              ) : (
                ''
              )}
            </span>
            <span class="trail__who">{actorText({ role: entry.actorRole, tokenId: entry.actorTokenId }, names, lang)}</span>
          </li>
        );
      })}
    </ol>
  );
};
