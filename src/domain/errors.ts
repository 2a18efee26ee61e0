/**
 * The one error model. Use cases throw these; the HTTP layer turns them into RFC 9457
 * problem+json once, in app.onError. Every error carries a Japanese and an English message.
 */
export interface FieldProblem {
  /** JSON Pointer into the request body or a query parameter name, e.g. "/corporateNumber". */
  field: string;
  ja: string;
  en: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly ja: string,
    readonly en: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(en);
    this.name = 'DomainError';
  }
}

export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  /** The address exists, but not for the method asked. */
  | 'method-not-allowed'
  | 'conflict'
  | 'precondition-failed'
  | 'unprocessable'
  | 'too-large'
  /** A body in a media type the operation does not read (JSON was expected). */
  | 'unsupported-media-type'
  /** The request body stopped before it was complete (the client closed or reset the connection). */
  | 'unreadable-body'
  /** The request line and headers together passed the server's limit (Node's 16 KiB), e.g. a huge query string. */
  | 'headers-too-large'
  | 'rate-limited'
  | 'internal';

export const invalid = (fields: FieldProblem[]) =>
  new DomainError('validation', '入力内容に誤りがあります。', 'The request contains invalid values.', fields);

export const notFound = (what: { ja: string; en: string }) =>
  new DomainError('not-found', `${what.ja}が見つかりません。`, `${what.en} not found.`);

export const forbidden = () =>
  new DomainError('forbidden', 'この操作を行う権限がありません。', 'You are not allowed to perform this action.');

export const unauthenticated = () =>
  new DomainError('unauthenticated', '認証が必要です。有効なトークンを指定してください。', 'Authentication required: send a valid bearer token.');

export const conflict = (ja: string, en: string, extra: Record<string, unknown> = {}) =>
  new DomainError('conflict', ja, en, [], extra);

export const unprocessable = (ja: string, en: string, fields: FieldProblem[] = []) =>
  new DomainError('unprocessable', ja, en, fields);

export const preconditionFailed = (currentVersion: number) =>
  new DomainError(
    'precondition-failed',
    '他の更新が先に行われました。最新の内容を取得してからやり直してください。',
    'The record was changed by someone else (If-Match is stale); fetch it again and retry.',
    [],
    { currentVersion },
  );

/**
 * The versions an If-Match names: a change goes through when any of them is the current one
 * (RFC 9110 §13.1.1 lets a client list several); an empty list names none, so it is stale.
 * A single number is one version (a form's rowVersion).
 */
export type VersionCondition = number | readonly number[];
export function requireVersion(condition: VersionCondition | undefined, currentVersion: number): void {
  if (condition === undefined) return;
  const named = typeof condition === 'number' ? [condition] : condition;
  if (!named.includes(currentVersion)) throw preconditionFailed(currentVersion);
}

/** The write lost a race: another change to the same record committed first. */
export const concurrentChange = () =>
  conflict('同時に別の更新が行われました。もう一度お試しください。', 'Another change to this record was committed at the same time; retry.');
