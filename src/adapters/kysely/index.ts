import type { Kysely } from 'kysely';
import type { Repositories } from '../../ports/repositories.js';
import type { Database } from './schema.js';
import { createKyselyOrganizations } from './organizations.js';
import { createKyselyDeclarations } from './declarations.js';
import { createKyselyAwards } from './awards.js';
import { createKyselyTokens } from './tokens.js';
import { createKyselyAudit } from './audit.js';

/** All repositories over one Kysely instance (any SQLite dialect: better-sqlite3 or D1). */
export function createKyselyRepositories(db: Kysely<Database>): Repositories {
  return {
    organizations: createKyselyOrganizations(db),
    declarations: createKyselyDeclarations(db),
    awards: createKyselyAwards(db),
    tokens: createKyselyTokens(db),
    audit: createKyselyAudit(db),
  };
}
