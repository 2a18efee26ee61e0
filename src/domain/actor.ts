/** Who is acting. Organizations act only on themselves; administrators may act on anyone's behalf. */
export type Actor =
  | { role: 'admin'; tokenId: string }
  /**
   * An organization, through its API token or a signed-in member's web session (then `tokenId` is
   * `account:<accountId>`, as the audit log records it, and `memberRole` says what the member may do).
   */
  | { role: 'organization'; tokenId: string; organizationId: string; accountId?: string; memberRole?: 'owner' | 'editor' }
  | { role: 'public' }
  /** A promotion partner's machine client (OAuth client credentials): reads public data, in bulk. */
  | { role: 'partner'; partnerId: string }
  | { role: 'system'; process: string };

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** True when the actor may act as (or read the private data of) the given organization. */
export const actsFor = (actor: Actor, organizationId: string) =>
  actor.role === 'admin' || (actor.role === 'organization' && actor.organizationId === organizationId);
