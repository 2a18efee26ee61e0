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
 * Read model for open data. Implementations select only public organization fields (never the
 * contact), only listed organizations, only declarations that were published at some point and
 * are in a public status, and only awards that are not revoked.
 */
export interface OpenDataReader {
  /** The public times of the rows declarations() reads, summed up (dataVersionOf), and of the declarations' credentials. */
  declarationSummary(): Promise<PublicSummary>;
  /** The same for awards(), revoked awards it leaves out included (their revocation is a public change). */
  awardSummary(): Promise<PublicSummary>;
  declarations(): Promise<OpenDeclarationSource[]>;
  awards(): Promise<OpenAwardSource[]>;
}
