import { DomainError } from '../errors.js';
import type { CreatedAccount, CreatedInvitation, CreatedOrganizationInvitation, CreatedToken } from './token-lineage.js';

/** What revoking a token with revokeCreated would revoke, remove or cancel (TokenService's plan). */
export interface CreatedReach {
  tokens: CreatedToken[];
  accounts: CreatedAccount[];
  invitations: CreatedInvitation[];
  organizationInvitations: CreatedOrganizationInvitation[];
}

/** The ids of everything in the reach: what a confirmation page lists, and carries back as expectCreated. */
export const reachIds = (reach: CreatedReach): string[] => [
  ...reach.tokens.map((t) => t.id),
  ...reach.accounts.map((a) => a.id),
  ...reach.invitations.map((i) => i.id),
  ...reach.organizationInvitations.map((i) => i.id),
];

/** A token as this message names it (tokenDisplayName's wording, without importing the service). */
const tokenName = (t: CreatedToken, lang: 'ja' | 'en') => (lang === 'ja' ? `APIトークン「${t.label}」` : `API token "${t.label}"`);

/**
 * revokeCreated with a pinned set (expectCreated: what the confirmation showed) while the token
 * has made more since: refused before anything is written, naming what was added, since revoking
 * it would revoke what no one has seen. `organizationNames`: the organizations' names by id.
 */
export class CreatedChanged extends DomainError {
  constructor(readonly added: CreatedReach, organizationNames: ReadonlyMap<string, string>) {
    const org = (id: string) => organizationNames.get(id) ?? id;
    const named = (lang: 'ja' | 'en') => [
      ...added.tokens.map((t) => tokenName(t, lang)),
      ...added.accounts.map((a) => (lang === 'ja' ? `職員「${a.name}」` : `staff member "${a.name}"`)),
      ...added.invitations.map((i) => (lang === 'ja' ? `職員への招待「${i.name}」` : `staff invitation for "${i.name}"`)),
      ...added.organizationInvitations.map((i) => (lang === 'ja' ? `団体「${org(i.organizationId)}」への招待` : `invitation to "${org(i.organizationId)}"`)),
    ];
    super(
      'conflict',
      `このトークンから作られたものが、確認したときより増えています（${named('ja').join('、')}）。何も取り消していません。増えたものを確認してから、もう一度取り消してください。`,
      `This token has made more since what was confirmed (${named('en').join(', ')}). Nothing was revoked. Check what was added, then revoke again.`,
      [{ field: 'expectCreated', ja: '確認したときにはなかったものを、このトークンが作っています。', en: 'The token has made something that was not there when it was confirmed.' }],
      { reason: 'created-changed', added: reachIds(added) },
    );
  }
}
