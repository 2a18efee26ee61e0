import type { Kysely } from 'kysely';
import { createKyselyRepositories } from './adapters/kysely/index.js';
import type { Database } from './adapters/kysely/schema.js';
import type { Config } from './config.js';
import { uuidv7 } from './domain/ids.js';
import { createRegistry, type Registry } from './domain/services/index.js';
import { noCredentials, type CredentialLifecycle } from './ports/credential-lifecycle.js';
import type { UnitOfWork } from './ports/store.js';

/** Wires the use cases over any Kysely SQLite database (better-sqlite3 or D1). Shared by both runtimes. */
export function createKyselyRegistry({
  db,
  unitOfWork,
  config,
  credentials = noCredentials,
  now = () => new Date(),
}: {
  db: Kysely<Database>;
  unitOfWork: UnitOfWork;
  config: Pick<Config, 'validityMonths'>;
  credentials?: CredentialLifecycle;
  now?: () => Date;
}): Registry {
  return createRegistry({
    repos: createKyselyRepositories(db),
    uow: unitOfWork,
    clock: { now },
    newId: () => uuidv7(),
    validityMonths: config.validityMonths,
    credentials,
  });
}
