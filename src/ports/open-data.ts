import type { Award, Declaration, Organization } from '../domain/model.js';
import type { PublicSummary } from '../domain/open-data-version.js';

/** What an organization may show in open data: everything but its contact and internal flags. */
export type PublicOrganizationFields = Pick<
  Organization,
  'id' | 'kind' | 'corporateNumber' | 'localGovernmentCode' | 'name' | 'nameKana' | 'nameEn' | 'prefectureCode' | 'city' | 'industryCode' | 'website'
>;

export interface OpenDeclarationSource {
  declaration: Pick<Declaration, 'id' | 'status' | 'publishedAt' | 'validFrom' | 'validUntil' | 'updatedAt' | 'content'>;
  organization: PublicOrganizationFields;
  /** The newest credential issued for the declaration, if any. */
  credentialId: string | null;
}

export interface OpenAwardSource {
  award: Pick<Award, 'id' | 'fiscalYear' | 'categoryCode' | 'divisionCode' | 'overview' | 'message' | 'awardedOn' | 'status' | 'updatedAt'>;
  organization: PublicOrganizationFields;
  partnerMunicipalityName: string | null;
  credentialId: string | null;
}

/**
 * One open data file's rows, read a batch at a time so that a file of 100,000 rows never sits in
 * memory whole. Which rows and in what order is fixed when the snapshot is taken (`count` of them;
 * a declaration whose renewal is published meanwhile comes last, see publicationOrderSnapshotOf);
 * each row is read as it is when its batch is.
 */
export interface OpenDataSnapshot<T> {
  count: number;
  /** The rows in the file's order, `count` of them (fewer only if a row was deleted meanwhile). */
  batches(): AsyncIterable<readonly T[]>;
}

/**
 * Read model for open data. Implementations select only public organization fields (never the
 * contact), only listed organizations, only declarations that were published at some point and
 * are in a public status, and only awards that are not revoked.
 */
export interface OpenDataReader {
  /** The public times of the rows declarations() reads, summed up (dataVersionOf), and of the declarations' credentials. */
  declarationSummary(): Promise<PublicSummary>;
  /** The same for awards(), revoked awards it leaves out included (their revocation is a public change). */
  awardSummary(): Promise<PublicSummary>;
  /** Ordered by publication, then id. */
  declarations(): Promise<OpenDataSnapshot<OpenDeclarationSource>>;
  /** Newest fiscal year first, then category, then id. */
  awards(): Promise<OpenDataSnapshot<OpenAwardSource>>;
}
