/** The registry's records, as the domain sees them (storage rows are mapped in the adapters). */

export type OrganizationKind = 'company' | 'municipality' | 'other';

export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
  department?: string;
}

export interface Organization {
  id: string;
  kind: OrganizationKind;
  corporateNumber: string | null;
  localGovernmentCode: string | null;
  name: string;
  nameKana: string | null;
  nameEn: string | null;
  prefectureCode: string;
  city: string | null;
  industryCode: string | null;
  sizeBand: string | null;
  website: string | null;
  /** Never public. */
  contact: Contact | null;
  /** Shown in public search once it has had a published declaration or an award. */
  listed: boolean;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
  /** When the public last saw it change (organizationPublicUpdatedAtOf): its updatedAt on public surfaces. */
  publicUpdatedAt: string;
}

/** Every state a declaration can be in, in lifecycle order (lists and statistics use it). */
export const DECLARATION_STATUSES = ['draft', 'submitted', 'published', 'suspended', 'withdrawn', 'revoked', 'expired'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** Fields of a declaration that an organization may consent to publish. */
export const PUBLISHABLE_FIELDS = [
  'signerName',
  'signerTitle',
  'committedOn',
  'sharedOn',
  'guidelineAreas',
  'purposes',
  'policy',
  'measures',
] as const;
export type PublishableField = (typeof PUBLISHABLE_FIELDS)[number];

/** Published unless the organization says otherwise: the core of what a declaration is. */
export const DEFAULT_PUBLIC_FIELDS: PublishableField[] = ['committedOn', 'guidelineAreas', 'purposes', 'policy'];

export interface DeclarationContent {
  signerName: string;
  signerTitle: string;
  committedOn: string;
  sharedOn: string | null;
  guidelineAreas: string[];
  purposes: string[];
  policy: string | null;
  measures: string | null;
  publicFields: PublishableField[];
}

export interface DeclarationVersion {
  version: number;
  content: DeclarationContent;
  createdAt: string;
  createdBy: string;
}

export interface Declaration {
  id: string;
  organizationId: string;
  status: DeclarationStatus;
  currentVersion: number;
  rowVersion: number;
  validFrom: string | null;
  validUntil: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  /** Reason code of the last return, suspension or revocation. */
  statusReason: string | null;
  statusNote: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the public last saw it change (publicUpdatedAtOf): its updatedAt on public surfaces. */
  publicUpdatedAt: string;
  content: DeclarationContent;
}

export type AwardStatus = 'active' | 'suspended' | 'revoked';

export interface Award {
  id: string;
  organizationId: string;
  fiscalYear: number;
  categoryCode: string;
  divisionCode: string | null;
  partnerMunicipalityId: string | null;
  overview: string | null;
  message: string | null;
  awardedOn: string;
  status: AwardStatus;
  /** Why the secretariat suspended or revoked it: a reason code (SUSPENSION_REASONS, REVOCATION_REASONS); null while active or when none was recorded. */
  statusReason: string | null;
  /** The secretariat's free-text note with the suspension or revocation. */
  statusNote: string | null;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface AwardCode {
  code: string;
  nameJa: string;
  nameEn: string;
  sortOrder: number;
}

export type TokenRole = 'admin' | 'organization';

export interface ApiToken {
  id: string;
  role: TokenRole;
  organizationId: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AuditEntry {
  seq?: number;
  at: string;
  actorTokenId: string | null;
  actorRole: string;
  actorOrganizationId: string | null;
  action: string;
  entityType: 'organization' | 'declaration' | 'award' | 'token' | 'award-category' | 'award-division' | string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
