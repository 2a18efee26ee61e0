import type { SchemaName } from '../validation.js';

/**
 * Who may call a route: `public` needs no token; `optional` answers everyone but shows more to
 * the owner or the secretariat; `organization` needs an organization's (or an administrator's)
 * token; `admin` the secretariat's; `partner` a partner's OAuth access token.
 */
export type Audience = 'public' | 'optional' | 'organization' | 'admin' | 'partner';

export type Tag = 'health' | 'organizations' | 'declarations' | 'awards' | 'credentials' | 'verification' | 'partners' | 'open-data' | 'statistics' | 'admin' | 'pages' | 'documentation';

export interface ResponseDoc {
  description: string;
  /** Defaults to application/json. */
  contentType?: string;
  /** A components/schemas name, or an inline JSON Schema. */
  schema?: string | Record<string, unknown>;
  headers?: Record<string, string>;
  /** The same status in other content types, which the client chooses by Accept (e.g. a page's JSON). */
  also?: { contentType: string; schema: string | Record<string, unknown> }[];
}

export interface QueryDoc {
  name: string;
  description: string;
  schema: Record<string, unknown>;
  required?: boolean;
}

/** One operation as the documentation shows it; kept beside the route table it mirrors. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI template, e.g. /api/v1/declarations/{id}/publish. */
  path: string;
  tag: Tag;
  summary: { ja: string; en: string };
  description?: string;
  auth: Audience;
  /** The request body's schema in schemas/ (the one validation.ts validates with). */
  body?: SchemaName;
  /** Some actions accept an empty body. */
  bodyOptional?: boolean;
  /** A body that is not one of our JSON schemas (e.g. a form-encoded OAuth request). */
  rawBody?: { contentType: string; schema: Record<string, unknown>; /** Other content types read with the same parameters. */ also?: string[] };
  query?: QueryDoc[];
  responses: Record<number, ResponseDoc>;
  /** Error statuses beyond those implied by auth, body and path parameters. */
  errors?: number[];
}

/** Shorthand for the common "JSON of this component" response. */
export const json = (description: string, schema?: string | Record<string, unknown>): ResponseDoc => ({ description, ...(schema ? { schema } : {}) });

export const PAGE_QUERY: QueryDoc[] = [
  { name: 'cursor', description: '前のページの nextCursor / nextCursor from the previous page', schema: { type: 'string', maxLength: 200 } },
  { name: 'limit', description: '1ページの件数 / page size', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
];
