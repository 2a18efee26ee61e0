// A declaration's content as the organization reads it, and the preview of what the public will see.
import type { FC } from 'hono/jsx';
import { PUBLISHABLE_FIELDS, type DeclarationContent, type Organization, type OrganizationKind } from '../../../domain/model.js';
import type { Bilingual, Lang } from '../../pages/i18n.js';
import { fieldLabelsFor, fieldText } from './labels.js';

/** How a field is marked: published or not once the public sees the declaration; before, whether it will be (the form's 「公表する」). */
const CONSENT_MARKS = {
  public: { yes: { ja: '（公表）', en: ' (published)' }, no: { ja: '（非公表）', en: ' (not published)' } },
  notYet: { yes: { ja: '（公表する）', en: ' (to be published)' }, no: { ja: '（公表しない）', en: ' (not to be published)' } },
} as const;

/**
 * Every field, each marked published or not: for a declaration that cannot be edited right now.
 * `isPublic`: whether the public sees it (a first submission under review has published nothing);
 * marked as published unless told. `kind`: whose declaration, for its words (a municipality's signer is its 首長).
 */
export const DeclarationFacts: FC<{ lang: Lang; content: DeclarationContent; isPublic?: boolean; kind?: OrganizationKind }> = ({ lang, content, isPublic = true, kind = 'company' }) => (
  <dl class="facts">
    {PUBLISHABLE_FIELDS.map((field) => (
      <div>
        <dt>
          {fieldLabelsFor(kind)[field][lang]}
          <span class="consent-mark">{CONSENT_MARKS[isPublic ? 'public' : 'notYet'][content.publicFields.includes(field) ? 'yes' : 'no'][lang]}</span>
        </dt>
        <dd class={field === 'policy' || field === 'measures' ? 'prose' : undefined}>{fieldText(field, content, lang)}</dd>
      </div>
    ))}
  </dl>
);

/**
 * What the portal, the public API and the open data will show once the declaration is published:
 * the organization and the fields it consented to publish, nothing else.
 */
export const PublicPreview: FC<{ lang: Lang; organization: Organization; content: DeclarationContent; saveButton: Bilingual }> = ({ lang, organization, content, saveButton }) => {
  const ja = lang === 'ja';
  const shown = PUBLISHABLE_FIELDS.filter((f) => content.publicFields.includes(f));
  const hidden = PUBLISHABLE_FIELDS.filter((f) => !content.publicFields.includes(f));
  const labels = fieldLabelsFor(organization.kind);
  return (
    <section class="preview" aria-labelledby="preview-title" id="preview">
      <h2 id="preview-title">{ja ? '公表される内容のプレビュー' : 'Preview of what will be published'}</h2>
      <p class="hint">
        {ja
          ? `まだ保存されていません。公表後、ポータルの団体ページ、公開API、オープンデータに次の内容が表示されます。この内容でよければ、下のフォームの「${saveButton.ja}」を押してください。`
          : `Nothing is saved yet. Once published, the portal, the public API and the open data show the following. If it is right, choose "${saveButton.en}" below the form.`}
      </p>
      <div class="card preview__card">
        <h3>
          {organization.name} {ja ? '地方創生テレワーク自己宣言' : 'Telework self-declaration'}
        </h3>
        {shown.length > 0 ? (
          <dl class="facts">
            {shown.map((field) => (
              <div>
                <dt>{labels[field][lang]}</dt>
                <dd class={field === 'policy' || field === 'measures' ? 'prose' : undefined} lang={field === 'policy' || field === 'measures' ? 'ja' : undefined}>
                  {fieldText(field, content, lang)}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>{ja ? '団体名のほかに公表する項目はありません。' : 'Nothing but the organization name is published.'}</p>
        )}
      </div>
      {hidden.length > 0 ? (
        <p>
          {ja ? '公表しない項目（事務局のみが見ます）: ' : 'Not published (seen by the secretariat only): '}
          {hidden.map((f) => labels[f][lang]).join(ja ? '、' : ', ')}
        </p>
      ) : null}
    </section>
  );
};
