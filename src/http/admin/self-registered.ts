// Whether an organization registered itself with GビズID (OIDC_SELF_REGISTRATION) rather than being
// registered by the secretariat: its name and address are then its own typing, which staff check
// against its 法人番号. Read from its creation's audit entry, for the review and organization pages.
import { SELF_REGISTRATION_VIA } from '../../domain/services/accounts.js';
import type { RequestContext } from '../../domain/services/index.js';
import type { Registry } from '../../registry.js';
import { formatDate } from '../pages/format.js';
import type { Bilingual } from '../pages/i18n.js';

/** When, and who (the GビズID name), an organization registered itself; null when the secretariat registered it. */
export type SelfRegistered = { at: string; by: string | null } | null;

export async function selfRegistrationOf(registry: Registry, ctx: RequestContext, organizationId: string): Promise<SelfRegistered> {
  const page = await registry.audit.list(ctx, { entityType: 'organization', entityId: organizationId, action: 'organization.create', limit: 1 });
  const created = page.items[0];
  const after = created?.after as { via?: unknown; registeredBy?: { name?: unknown } } | null | undefined;
  if (!created || after?.via !== SELF_REGISTRATION_VIA.organization) return null;
  return { at: created.at, by: typeof after.registeredBy?.name === 'string' ? after.registeredBy.name : null };
}

/** Who registered the organization, in words, with what that asks of the staff member reading. */
export function registeredByText(self: SelfRegistered): Bilingual {
  if (!self) return { ja: '事務局', en: 'The secretariat' };
  const day = { ja: formatDate(self.at, 'ja'), en: formatDate(self.at, 'en') };
  return {
    ja: `GビズIDで団体自身が登録（${day.ja}${self.by ? `、${self.by}` : ''}）。名称・所在地などは団体の入力で、事務局は確かめていません。法人番号と照らし合わせてください。`,
    en: `The organization itself, with gBizID (${day.en}${self.by ? `, ${self.by}` : ''}). Its name, address and the rest are its own entry, not checked by the secretariat: compare them with its corporate number.`,
  };
}
