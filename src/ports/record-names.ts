/** What the back office's audit log calls a record it names: partners, webhooks and accounts, by id. */
export interface RecordName {
  kind: 'partner' | 'webhook' | 'account';
  id: string;
  /** A partner's or an account's name; a webhook's URL. */
  name: string;
  /** A webhook's partner (its page lists the webhook), with the partner's name. */
  partner?: { id: string; name: string };
  /** An account that is a staff member now (the staff page lists it). */
  staff?: boolean;
  /** An account's sign-in issuer: the bootstrap administrator's name is said in the page's language (accountName). */
  oidcIssuer?: string | null;
}

export interface RecordNameReader {
  /** The names of the records with these ids, read together: one query for a page of the log, not one per entry. */
  names(ids: { partners: readonly string[]; webhooks: readonly string[]; accounts: readonly string[] }): Promise<RecordName[]>;
}
