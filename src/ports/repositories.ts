import type {
  ApiToken, AuditEntry, Award, AwardCode, Declaration, DeclarationStatus, DeclarationVersion, Organization,
  OrganizationKind, Page,
} from '../domain/model.js';
import type { StaffInvitation, StaffRole } from '../domain/accounts/staff.js';
import type { Account, Invitation } from '../domain/accounts/model.js';
import type { WriteOp } from './store.js';

/**
 * Repositories read directly and describe writes as WriteOps, which a use case commits together
 * (with its audit entry) through UnitOfWork. `update*` ops are guarded by the row version read.
 */
export interface Repositories {
  organizations: OrganizationRepository;
  declarations: DeclarationRepository;
  awards: AwardRepository;
  tokens: TokenRepository;
  audit: AuditRepository;
}

export interface PageRequest {
  cursor?: string | null;
  limit: number;
}

export interface OrganizationQuery extends PageRequest {
  q?: string;
  kind?: OrganizationKind;
  prefectureCode?: string;
  industryCode?: string;
  /** With a declaration in this status: as the public is shown it (publicStateOf) when listedOnly, else as stored (the secretariat's). */
  declarationStatus?: DeclarationStatus;
  /**
   * With declarationStatus draft, the secretariat's: true for drafts sent back (a return keeps its
   * reason), false for drafts never returned; unset for both.
   */
  declarationReturned?: boolean;
  /**
   * With declarationStatus submitted, the secretariat's: true for a renewal after expiry under review
   * (published once, isRenewalUnderReview), false for a first review; unset for both.
   */
  declarationPublishedBefore?: boolean;
  awardYear?: number;
  awardCategory?: string;
  /** The public's search: listed organizations only, declaration statuses as the public is shown them. */
  listedOnly: boolean;
}

export interface OrganizationRepository {
  get(id: string): Promise<Organization | null>;
  /**
   * The organizations with these ids that exist, in any order (read together, not one query each,
   * at most 100 parameters a statement, D1's limit): the partner lookup's organizationsByIds too.
   */
  getMany(ids: readonly string[]): Promise<Organization[]>;
  getByCorporateNumber(corporateNumber: string): Promise<Organization | null>;
  search(query: OrganizationQuery): Promise<Page<Organization>>;
  insert(organization: Organization): WriteOp[];
  update(organization: Organization, expectedRowVersion: number): WriteOp[];
  /** Unguarded: shows the organization in public search from now on. */
  markListed(id: string): WriteOp;
}

export interface DeclarationQuery extends PageRequest {
  q?: string;
  organizationId?: string;
  prefectureCode?: string;
  industryCode?: string;
  statuses: readonly DeclarationStatus[];
  /** Only declarations published once (the public's listing: see isPublicDeclaration). */
  publishedOnce?: boolean;
  /** 'submitted': oldest submission first (the review queue); otherwise by id. */
  order?: 'id' | 'submitted';
}

export interface DeclarationRepository {
  get(id: string): Promise<Declaration | null>;
  versions(id: string): Promise<DeclarationVersion[]>;
  listByOrganization(organizationId: string): Promise<Declaration[]>;
  /** The declarations of these organizations published at least once, without their text (read together, not one query per organization). */
  publishedOnceIn(organizationIds: readonly string[]): Promise<Pick<Declaration, 'id' | 'organizationId' | 'publishedAt'>[]>;
  search(query: DeclarationQuery): Promise<Page<Declaration>>;
  /** Every declaration's organization, status, its reason and whether it was published, in creation order (by id), without its text: for a pass over them all. */
  states(query: PageRequest): Promise<Page<Pick<Declaration, 'id' | 'organizationId' | 'status' | 'statusReason' | 'publishedAt'>>>;
  /** Published or suspended declarations whose validity ended before `now`. */
  dueForExpiry(now: string, limit: number): Promise<Declaration[]>;
  insert(declaration: Declaration, version: DeclarationVersion): WriteOp[];
  update(declaration: Declaration, expectedRowVersion: number, newVersion?: DeclarationVersion): WriteOp[];
}

export interface AwardQuery extends PageRequest {
  fiscalYear?: number;
  categoryCode?: string;
  organizationId?: string;
  /** Awards naming this municipality as their partner (連携自治体). */
  partnerMunicipalityId?: string;
}

export interface AwardRepository {
  get(id: string): Promise<Award | null>;
  search(query: AwardQuery): Promise<Page<Award>>;
  insert(award: Award): WriteOp[];
  update(award: Award, expectedRowVersion: number): WriteOp[];
  categories(): Promise<AwardCode[]>;
  divisions(): Promise<AwardCode[]>;
  insertCategory(code: AwardCode): WriteOp[];
  insertDivision(code: AwardCode): WriteOp[];
}

export interface TokenRepository {
  /**
   * The token with its hash, and the back-office account it opens (an administrator token that
   * has signed in at /admin/login: ADMIN_TOKEN_ISSUER and the token's id) with that account's
   * current staff role, null when removed from the staff; `staffAccount` is null when there is none.
   */
  findByHash(tokenHash: string): Promise<(ApiToken & { tokenHash: string; staffAccount: { id: string; staffRole: StaffRole | null } | null }) | null>;
  get(id: string): Promise<ApiToken | null>;
  /** The tokens with these ids that exist, in any order (read together, not one query each). */
  getMany(ids: readonly string[]): Promise<ApiToken[]>;
  list(): Promise<ApiToken[]>;
  countActiveAdmins(): Promise<number>;
  insert(token: ApiToken, tokenHash: string): WriteOp[];
  /**
   * The token stops working; an administrator token's back-office account (see findByHash) has its
   * sessions ended in the same batch, so a leaked token, once revoked, leaves no browser signed in.
   */
  revoke(id: string, at: string): WriteOp[];
  /** The back-office account this administrator token opened (see findByHash), with its passkeys; null when it never signed in. */
  openedAccount(id: string): Promise<{ id: string; staffRole: StaffRole | null; passkeys: { id: string; label: string }[] } | null>;
  /**
   * Ends the administrator access of the account this token opened: it leaves the staff and its
   * passkeys go, so neither a passkey registered by whoever held the token nor a session opens it again.
   */
  closeOpenedAccount(id: string): WriteOp[];
  /**
   * Whether an administrator could still sign in without these tokens, the accounts they opened
   * and these accounts: another live administrator token (whose account, if any, is still an
   * administrator), or another administrator account with a passkey or an OpenID Connect link.
   */
  otherAdministratorWayIn(tokenIds: readonly string[], accountIds?: readonly string[]): Promise<boolean>;
  /** The same, guarded: aborts the batch when none remains (two revocations at once). */
  keepOtherAdministratorWayIn(tokenIds: readonly string[], accountIds?: readonly string[]): WriteOp[];
  /**
   * What these actors (token ids, and `account:<id>` for a back-office session) created: the tokens
   * their token.create audit entries name (with the actor that minted each), the staff
   * invitations and the organizations' member invitations they sent (created_by).
   */
  createdBy(refs: readonly string[]): Promise<{ tokens: (ApiToken & { createdBy: string })[]; invitations: StaffInvitation[]; organizationInvitations: Invitation[] }>;
  /**
   * Revoked administrator tokens whose back-office account is still on the staff: revoked before
   * revoking closed the account too (see closeOpenedAccount), so a passkey on it may still sign in.
   */
  revokedWithOpenAccount(): Promise<{ token: ApiToken; accountId: string; passkeys: number }[]>;
  /** The actor that minted the token (its token.create entry: a token id or `account:<id>`); null for one the system made (the bootstrap token). */
  creatorOf(tokenId: string): Promise<string | null>;
  /** creatorOf for many tokens, read together (a page of the back office's token list): every id given is a key. */
  creatorsOf(tokenIds: readonly string[]): Promise<Map<string, string | null>>;
  /** The staff invitations this account joined (or rejoined) the staff through. */
  invitationsUsedBy(accountId: string): Promise<StaffInvitation[]>;
  /** The back-office accounts these administrator tokens opened at /admin/login. */
  accountsOpenedBy(tokenIds: readonly string[]): Promise<Account[]>;
  /** The accounts with these ids that exist. */
  accounts(ids: readonly string[]): Promise<Account[]>;
  /** Guarded: the account leaves the staff (aborts when it is not staff now); its sessions end. */
  removeFromStaff(accountId: string): WriteOp[];
  /** Guarded: an open staff invitation's link stops working (as StaffRepository.cancelInvitation). */
  cancelInvitation(id: string, at: string): WriteOp[];
  /** Guarded: an open invitation to an organization stops working (as AccountRepository.cancelInvitation). */
  cancelOrganizationInvitation(organizationId: string, id: string, at: string): WriteOp[];
}

export interface AuditQuery extends PageRequest {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorTokenId?: string;
  /** Entries made by this organization's members or tokens. */
  actorOrganizationId?: string;
  /**
   * Entries about this organization: its record, its declarations and awards (whoever acted), and
   * what its members and tokens did; the secretariat's view of one organization's whole trail.
   */
  organizationId?: string;
  from?: string;
  to?: string;
  /** Oldest first (the API's order, the default) or newest first (the back office); the cursor continues the same order. */
  newestFirst?: boolean;
}

/** An organization's own trail: its records (by type and id) and whatever its members or tokens did. */
export interface OrganizationAuditQuery extends PageRequest {
  organizationId: string;
  /** The organization's own records, e.g. { type: 'declaration', ids: [...] }; the organization itself is always included. */
  entities: { type: string; ids: string[] }[];
}

export interface AuditRepository {
  append(entry: AuditEntry): WriteOp;
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
  /** Newest first; never an entry about another organization's records made by someone else. */
  listForOrganization(query: OrganizationAuditQuery): Promise<Page<AuditEntry>>;
  /** When each entity last had `action` (its latest entry's `at`), in one query per 90 ids; an entity without one is absent. */
  lastActionAt(entityType: string, action: string, entityIds: readonly string[]): Promise<Map<string, string>>;
}
