import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorKind } from '../domain/errors.js';

/** The HTTP status of each error kind: problem+json answers and the web pages' refusals alike. */
export const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'precondition-failed': 412,
  'too-large': 413,
  'unsupported-media-type': 415,
  'unreadable-body': 400,
  'headers-too-large': 431,
  unprocessable: 422,
  'rate-limited': 429,
  internal: 500,
};

const TITLES: Record<ErrorKind, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  conflict: 'Conflict',
  'precondition-failed': 'Precondition failed',
  'too-large': 'Request body too large',
  'unsupported-media-type': 'Unsupported media type',
  'unreadable-body': 'Request body could not be read',
  'headers-too-large': 'Request header fields too large',
  unprocessable: 'Unprocessable request',
  'rate-limited': 'Too many requests',
  internal: 'Internal error',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The same message in Japanese and English. */
  messages: { ja: string; en: string };
  /** Failing fields as JSON Pointers into the request body (or query parameter names). */
  errors?: { field: string; ja: string; en: string }[];
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

/** RFC 9457 problem details for a domain error. */
export function problemOf(error: DomainError, { baseUrl, instance, requestId }: { baseUrl: string; instance?: string; requestId?: string }) {
  const status = STATUS[error.kind];
  const body: ProblemBody = {
    type: `${baseUrl}/problems/${error.kind}`,
    title: TITLES[error.kind],
    status,
    detail: error.en,
    messages: { ja: error.ja, en: error.en },
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
    ...error.extra,
    instance,
    requestId,
  };
  return { status, body };
}

/**
 * 503: the registry cannot serve yet (/readyz's failed checks, or a Worker whose app could not be
 * built, which answers with this alone). `extra`: the checks, the request id.
 */
export function notReadyProblem({ baseUrl, ja, en, instance, extra = {} }: { baseUrl: string; ja: string; en: string; instance: string; extra?: Record<string, unknown> }): ProblemBody {
  return { type: `${baseUrl}/problems/not-ready`, title: 'Service unavailable', status: 503, detail: en, messages: { ja, en }, ...extra, instance };
}

/** The body passed `limitBytes` (src/http/body.ts stops reading there). */
export const tooLarge = (limitBytes = 1024 * 1024) => {
  const limit = limitBytes % (1024 * 1024) === 0 ? `${limitBytes / (1024 * 1024)} MiB` : limitBytes % 1024 === 0 ? `${limitBytes / 1024} KiB` : `${limitBytes} bytes`;
  return new DomainError('too-large', `リクエスト本文が大きすぎます（上限 ${limit}）。`, `The request body exceeds the ${limit} limit.`);
};

/** The client stopped sending the body (closed or reset the connection): its outcome, not a server error. */
export const unreadableBody = () =>
  new DomainError('unreadable-body', 'リクエスト本文を最後まで受信できませんでした。', 'The request body could not be read: the connection was closed before it was complete.');

/**
 * A body that is not JSON, sent under a media type the API does not read as JSON (a vc+jwt posted
 * as is, a form): the fix is the Content-Type and the body's form, not a typo in the JSON. Named
 * with what was sent, and `Accept-Post` (set where this is answered) says what is read.
 */
export const unsupportedMediaType = (sent: string) =>
  new DomainError(
    'unsupported-media-type',
    `この操作は JSON の本文を読みます（送られた Content-Type は ${sent}）。本文を JSON にして Content-Type: application/json で送ってください。`,
    `This operation reads a JSON body (the Content-Type sent was ${sent}): send a JSON body with Content-Type: application/json.`,
    [{ field: 'Content-Type', ja: 'application/json にしてください。', en: 'must be application/json.' }],
  );

export const malformedJson = () =>
  new DomainError('validation', 'リクエスト本文が正しい JSON ではありません。', 'The request body is not valid JSON.', [
    { field: '/', ja: 'JSON として解析できません。', en: 'Cannot be parsed as JSON.' },
  ]);
