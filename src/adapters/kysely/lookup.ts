import { sql, type Kysely } from 'kysely';
import type { AwardStatus, DeclarationStatus } from '../../domain/model.js';
import type { CredentialSummary, LookupReader } from '../../ports/partners.js';
import type { OrganizationRepository } from '../../ports/repositories.js';
import type { CredentialRow, Database } from './schema.js';
import { toAward } from './awards.js';
import { inChunks } from './chunks.js';
import { toOrganization } from './organizations.js';

const toCredential = (row: Pick<CredentialRow, 'id' | 'organization_id' | 'subject_type' | 'subject_id' | 'status' | 'issued_at'>): CredentialSummary => ({
  id: row.id,
  organizationId: row.organization_id,
  subjectType: row.subject_type as CredentialSummary['subjectType'],
  subjectId: row.subject_id,
  status: row.status,
  issuedAt: row.issued_at,
});

const CREDENTIAL_COLUMNS = ['id', 'organization_id', 'subject_type', 'subject_id', 'status', 'issued_at'] as const;

/**
 * Lookup reads: one IN (…) query per ≤ 90 keys and per table, never one query per item, and
 * only the columns a lookup shows (no declaration content, no signed credential bodies).
 * Organizations by id are the organization repository's getMany (chunked alike), not a second copy of it.
 */
export function createKyselyLookupReader(db: Kysely<Database>, organizations: Pick<OrganizationRepository, 'getMany'>): LookupReader {
  return {
    organizationsByCorporateNumber: (numbers) =>
      inChunks(numbers, async (chunk) => (await db.selectFrom('organizations').selectAll().where('corporate_number', 'in', chunk).execute()).map(toOrganization)),
    organizationsByIds: (ids) => organizations.getMany(ids),
    credentialsByIds: (ids) =>
      inChunks(ids, async (chunk) => (await db.selectFrom('credentials').select(CREDENTIAL_COLUMNS).where('id', 'in', chunk).execute()).map(toCredential)),
    declarationsOf: (organizationIds) =>
      inChunks(organizationIds, async (chunk) =>
        (
          await db
            .selectFrom('declarations')
            .select(['id', 'organization_id', 'status', 'valid_from', 'valid_until', 'published_at', 'updated_at', 'public_updated_at'])
            .where('organization_id', 'in', chunk)
            .execute()
        ).map((row) => ({
          id: row.id,
          organizationId: row.organization_id,
          status: row.status as DeclarationStatus,
          validFrom: row.valid_from,
          validUntil: row.valid_until,
          publishedAt: row.published_at,
          // A public answer: when the public last saw it change (publicUpdatedAtOf), not a renewal draft's save.
          updatedAt: row.public_updated_at ?? row.updated_at,
        })),
      ),
    awardsOf: (organizationIds) =>
      inChunks(organizationIds, async (chunk) =>
        (await db.selectFrom('awards').selectAll().where('organization_id', 'in', chunk).orderBy('fiscal_year', 'desc').execute()).map(toAward),
      ),
    credentialsOf: (organizationIds) =>
      inChunks(organizationIds, async (chunk) =>
        (
          await db
            .selectFrom('credentials')
            .select(CREDENTIAL_COLUMNS)
            .where('organization_id', 'in', chunk)
            .where('status', '!=', 'superseded')
            .orderBy('issued_at', 'desc')
            .execute()
        ).map(toCredential),
      ),
    declarationRecordsOf: (declarationIds) =>
      inChunks(declarationIds, async (chunk) =>
        (
          await db
            .selectFrom('audit_log')
            .select([
              'entity_id',
              'at',
              // Only the fields a state needs, not each snapshot's whole content.
              sql<string>`json_extract("after", '$.organizationId')`.as('organization_id'),
              sql<string | null>`json_extract("after", '$.status')`.as('status'),
              sql<string | null>`json_extract("after", '$.publishedAt')`.as('published_at'),
              sql<string | null>`json_extract("after", '$.validFrom')`.as('valid_from'),
              sql<string | null>`json_extract("after", '$.validUntil')`.as('valid_until'),
            ])
            .where('entity_type', '=', 'declaration')
            .where('entity_id', 'in', chunk)
            .orderBy('seq')
            .execute()
        ).flatMap((row) =>
          row.status === null
            ? []
            : [{ id: row.entity_id, organizationId: row.organization_id, at: row.at, status: row.status as DeclarationStatus, publishedAt: row.published_at, validFrom: row.valid_from, validUntil: row.valid_until }],
        ),
      ),
    awardRecordsOf: (awardIds) =>
      inChunks(awardIds, async (chunk) =>
        (
          await db
            .selectFrom('audit_log')
            .select(['entity_id', 'at', sql<string | null>`json_extract("after", '$.status')`.as('status')])
            .where('entity_type', '=', 'award')
            .where('entity_id', 'in', chunk)
            .orderBy('seq')
            .execute()
        ).flatMap((row) => (row.status === null ? [] : [{ id: row.entity_id, at: row.at, status: row.status as AwardStatus }])),
      ),
  };
}
