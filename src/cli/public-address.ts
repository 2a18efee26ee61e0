import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../config.js';

/**
 * Commands that write links or credentials (reissue, invite) must use the server's public
 * address: the registry's own credentials say which one that is. Refuses another; without any
 * credential yet, nothing can be compared and the caller decides.
 */
export function assertServersAddress(raw: BetterSqlite3.Database, publicBaseUrl: string): 'checked' | 'no-credentials' {
  const sample = raw.prepare("SELECT id, data_integrity FROM credentials WHERE subject_type IN ('declaration', 'award') LIMIT 1").get() as
    | { id: string; data_integrity: string }
    | undefined;
  if (!sample) return 'no-credentials';
  if (JSON.parse(sample.data_integrity).id !== `${publicBaseUrl}/credentials/${sample.id}`) {
    throw new ConfigError([`PUBLIC_BASE_URL (${publicBaseUrl}) is not the address the credentials were issued under: set it as for the server.`]);
  }
  return 'checked';
}
