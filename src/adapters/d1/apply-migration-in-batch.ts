import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { ApplyMigration } from '../kysely/migrator.js';
import { recordApplied } from '../kysely/migrator.js';
import type { D1Like } from './open.js';

/**
 * D1 has no interactive transactions, but a batch is one: its statements commit together or not
 * at all. A migration's writes are first collected, unexecuted, and then sent with the row
 * recording it as one batch. It may read before its first write (a data fix finding the rows to
 * change): the database answers as it is, which is what it would be anyway.
 */
export function applyMigrationInBatch(binding: D1Like): ApplyMigration {
  return async (db, name, migration) => {
    const statements: CompiledQuery[] = [];
    const collecting = new Kysely<any>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => collectingDriver(statements, (query) => db.executeQuery(query)),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
    await migration.up(collecting);
    await recordApplied(collecting, name);
    await binding.batch(statements.map((statement) => binding.prepare(statement.sql).bind(...statement.parameters)));
  };
}

function collectingDriver(statements: CompiledQuery[], read: (query: CompiledQuery) => Promise<QueryResult<unknown>>): Driver {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (query.query.kind === 'SelectQueryNode' || /^\s*(SELECT|WITH|PRAGMA)\b/i.test(query.sql)) {
        // After a write, the answer would be the database's before it, not what the migration
        // expects: refused, not misled.
        if (statements.length > 0) throw new Error(`A migration runs on D1 as one batch and cannot read after it has written: ${query.sql.slice(0, 80)}`);
        return (await read(query)) as QueryResult<R>;
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
