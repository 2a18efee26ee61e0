import type { StatusPurpose } from '../domain/credentials/open-badge.js';
import type { WriteOp } from './store.js';

export type { StatusPurpose };

export type CredentialSubjectType = 'declaration' | 'award' | 'manual';
export type CredentialStatus = 'active' | 'suspended' | 'revoked' | 'expired' | 'superseded';

export interface StatusEntry {
  purpose: StatusPurpose;
  listId: string;
  index: number;
  isSet: boolean;
}

export interface StoredCredential {
  id: string;
  subjectType: CredentialSubjectType;
  subjectId: string;
  subjectVersion: number;
  organizationId: string | null;
  status: CredentialStatus;
  /** The signing key as the verification method's fragment (domain/credentials/key-id.ts). */
  keyId: string;
  validFrom: string;
  validUntil: string | null;
  /** The Data Integrity form exactly as issued (JSON text). */
  dataIntegrity: string;
  jwt: string;
  issuedAt: string;
  entries: StatusEntry[];
}

/** A credential without its signed forms: what lists and lifecycle decisions need (each form is ~10 KB). */
export type CredentialSummary = Omit<StoredCredential, 'dataIntegrity' | 'jwt'>;

export interface StatusListInfo {
  id: string;
  purpose: StatusPurpose;
  length: number;
  revision: number;
}

/** Credentials and Bitstring Status Lists. Writes are WriteOps committed with the state change. */
export interface CredentialStore {
  get(id: string): Promise<StoredCredential | null>;
  /** Just the status of a credential (cheap: verification asks on every request). */
  statusOf(id: string): Promise<CredentialStatus | null>;
  listFor(subjectType: CredentialSubjectType, subjectId: string): Promise<CredentialSummary[]>;
  listByOrganization(organizationId: string): Promise<StoredCredential[]>;
  /** A list of this purpose with room left, created (and committed) when none has. */
  openList(purpose: StatusPurpose, create: { id: string; length: number; at: string }): Promise<StatusListInfo>;
  isAllocated(listId: string, index: number): Promise<boolean>;
  listInfo(listId: string): Promise<StatusListInfo | null>;
  setIndexes(listId: string): Promise<number[]>;
  /**
   * In one read: the credential holding (list, index), its status and all its entries, or null
   * when no credential holds that index. Verification asks for both entries and the status.
   */
  holderOf(listId: string, index: number): Promise<{ credentialId: string; status: CredentialStatus; entries: StatusEntry[] } | null>;
  /**
   * In one read, what verifying a credential of ours needs: its status and entries, the key that
   * signed it, and whether `jwt` is byte for byte the vc+jwt stored for it.
   */
  verificationRecord(id: string, jwt: string): Promise<{ credentialId: string; status: CredentialStatus; entries: StatusEntry[]; keyId: string; isStoredJwt: boolean } | null>;
  /** The bit of one entry, or null when no credential holds that index. */
  statusBit(listId: string, index: number): Promise<boolean | null>;
  /** Inserting entries fails with UniqueViolation if an index is already taken: never handed out twice. */
  insert(credential: StoredCredential, fullAt: number): WriteOp[];
  /** Sets the credential's status and its bits, and bumps the revision of each list touched. */
  update(credentialId: string, status: CredentialStatus, bits: Partial<Record<StatusPurpose, boolean>>, entries: StatusEntry[]): WriteOp[];
  /**
   * Live (active or suspended) declaration and award credentials whose proof names another key
   * than `keyId` (the fragment of the verification method, as in `keyId`), oldest first.
   */
  listLiveNotSignedBy(keyId: string, limit: number): Promise<StoredCredential[]>;
  countLiveNotSignedBy(keyId: string): Promise<number>;
  /**
   * Marks the credential superseded (revocation bit set, suspension bit cleared) only while its
   * status is still the one read (`credential.status`); otherwise the whole batch aborts with
   * WriteConflict, so two runners (or a concurrent status change) never both win.
   */
  supersede(credential: StoredCredential): WriteOp[];
}
