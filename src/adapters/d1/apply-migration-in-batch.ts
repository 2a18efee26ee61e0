import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { ApplyMigration } from '../kysely/migrator.js';
import { recordApplied } from '../kysely/migrator.js';
import type { D1Like } from './open.js';

/**
 * D1 has no interactive transactions, but a batch is one: its statements commit together or not
 * at all. A migration only writes (its statements never read an answer back), so its statements
 * are first collected, unexecuted, and then sent with the row recording it as one batch.
 */
export function applyMigrationInBatch(binding: D1Like): ApplyMigration {
  return async (_db, name, migration) => {
    const statements: CompiledQuery[] = [];
    const collecting = new Kysely<any>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => collectingDriver(statements),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    await migration.up(collecting);
    await recordApplied(collecting, name);
    await binding.batch(statements.map((statement) => binding.prepare(statement.sql).bind(...statement.parameters)));
  };
}

function collectingDriver(statements: CompiledQuery[]): Driver {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      // An answer would be empty here, not the database's: a migration that reads is refused, not misled.
      if (query.query.kind === 'SelectQueryNode' || /^\s*(SELECT|WITH|PRAGMA)\b/i.test(query.sql)) {
        throw new Error(`A migration runs on D1 as one batch and cannot read midway: ${query.sql.slice(0, 80)}`);
      }
      statements.push(query);
      return { rows: [] };
    },
    streamQuery() {
      throw new Error('A migration on D1 cannot stream a query.');
    },
  };
  return {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  };
}
