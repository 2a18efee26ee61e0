/**
 * Japanese for the verification problems, which the crypto adapters report in English (RFC 9457
 * titles meant for machines and developers). The verification pages show it and the VC-API
 * answers carry it as `messages: { ja, en }`, as every other problem of the API does. The
 * adapters can only pass a title of this table to problem() (src/adapters/crypto/problems.ts),
 * so a new title cannot go out untranslated.
 */
import { REVOCATION_BIT_PROBLEMS, type RevocationBitTitle } from './revocation-bit.js';

const JA_BY_ADAPTER_TITLE = {
  'Verification failed': 'クレデンシャルを検証できませんでした。',
  'Invalid proof': '署名が正しくありません。内容が書き換えられたか、別の鍵で署名されています。',
  // The signature was never checked: neither "correct" nor "wrong" may be said of it. The key
  // may be the issuer's (a credential) or the holder's (a presentation): the text names neither.
  'Verification method not retrievable': '署名に使われた公開鍵を取得できなかったため、署名を確認できませんでした（正しいとも誤りとも判断していません）。',
  // A proof of a form this verifier does not check: its signature was never looked at, so it is not called altered.
  'Unsupported proof': '対応していない形式の署名のため、署名を確認できませんでした（確認できるのは DataIntegrityProof の eddsa-rdfc-2022 による署名だけです）。',
  'Proof not in force': '署名の有効な期間外です。署名の作成日時（created）が未来か、署名の期限（expires）が過ぎています。',
  'Malformed proof': '署名（proof）の形式が正しくありません（日時の書き方、@context、proof の数など）。',
  'Unsupported JWT': '対応していない形式の JWT のため、署名を確認できませんでした（確認できるのは typ が vc+jwt、alg が EdDSA の JWT だけです）。',
  'JWT claims contradict the credential': 'JWT のクレーム（iss・jti・sub・iat）が、クレデンシャルの発行者・ID・対象者・日時と一致しません。',
  'Mismatched proof purpose': '署名の目的（proofPurpose）が発行者による証明（assertionMethod）ではないため、クレデンシャルの署名として認められません。',
  'Missing verification method': '署名（proof）に鍵の指定（verificationMethod）がないため、鍵を取得できず、署名を確認できませんでした（正しいとも誤りとも判断していません）。',
  'Invalid verification method URL': '署名に使われた鍵の指定（verificationMethod）が URL ではないため、鍵を取得できず、署名を確認できませんでした。',
  'Malformed validFrom': '有効期間の開始日時（validFrom）の形式が正しくありません。',
  'Malformed validUntil': '有効期間の終了日時（validUntil）の形式が正しくありません。',
  'Validity period reversed': '有効期間の終了日時（validUntil）が開始日時（validFrom）より前になっています。クレデンシャルの形式が正しくありません。',
  'Malformed nbf': 'JWT の有効期間の開始日時（nbf）の形式が正しくありません。',
  'Malformed exp': 'JWT の有効期限（exp）の形式が正しくありません。',
  'Credential not yet valid': 'まだ有効期間が始まっていません。',
  'Schema validation failed': 'クレデンシャルの項目が Open Badges 3.0 の形式に合っていません。',
  'Key does not belong to the issuer': '署名に使われた鍵が発行者のものではありません。',
  'Signing key retired': '署名に使われた鍵は廃止されています。',
  'Not issued by this registry': 'この登録簿（または登録簿が信頼する発行者）が発行したものではありません。',
  'Malformed credentialStatus': 'ステータス情報（credentialStatus）の形式が正しくありません。',
  'Unsupported status entry': '対応していないステータス情報の形式です。',
  'Unsupported status purpose': '対応していないステータス情報の目的です。',
  'Unsupported status size': '対応していないステータス情報の大きさ（statusSize）です。',
  'Malformed status index': 'ステータスリストの番号が正しくありません。',
  'Status index out of range': 'ステータスリストの番号がリストの範囲外です。',
  'Status list not retrievable': 'ステータスリストを取得できませんでした。',
  'Status list of another issuer': 'この登録簿のステータスリストは、他の発行者のクレデンシャルの状態を示すものではありません。',
  'No status source': 'ステータスリストの取得先がありません。',
  'Status list not readable': 'ステータスリストを読み取れませんでした。',
  'Unknown status entry': 'ステータスリストのこの番号に当たるクレデンシャルは、この登録簿にはありません。',
  'Credential suspended': 'このクレデンシャルは一時停止されています。',
  'Unparseable credential': 'クレデンシャルとして読み取れませんでした（JSON または JWT を貼り付けてください）。',
  'Malformed credential': 'クレデンシャルの形式が正しくありません。',
  'Malformed EnvelopedVerifiableCredential': '包まれたクレデンシャル（EnvelopedVerifiableCredential）の形式が正しくありません。',
  'Check not run': '一部の確認が行われていません。',
  'Unparseable presentation': 'プレゼンテーションとして読み取れませんでした。',
  'Malformed presentation': 'プレゼンテーションの形式が正しくありません。',
  'Malformed EnvelopedVerifiablePresentation': '包まれたプレゼンテーション（EnvelopedVerifiablePresentation）の形式が正しくありません。',
  'Invalid presentation proof': 'プレゼンテーションの署名が正しくありません。内容が書き換えられたか、別の鍵で署名されています。',
  // The holder's proof, each way it can fail short of a wrong signature: none of them says "altered".
  'Missing presentation proof': 'プレゼンテーションに保有者の署名（proof）がありません。保有者が署名したプレゼンテーションを送ってください。',
  'Unknown verification method': '署名に使われた鍵（verificationMethod または kid）がその DID に見つからないため、署名を確認できませんでした（正しいとも誤りとも判断していません）。',
  'Mismatched presentation proof purpose': '署名の目的（proofPurpose）が保有者による認証（authentication）ではないため、プレゼンテーションの署名として認められません。',
  'Holder key not for authentication': '署名に使われた鍵は、保有者の DID 文書で認証（authentication）に使える鍵とされていないため、プレゼンテーションの署名として認められません。',
  'Unsupported presentation JWT': '対応していない形式の JWT のため、プレゼンテーションの署名を確認できませんでした（確認できるのは typ が vp+jwt、alg が EdDSA で、保有者の鍵が did:key の JWT だけです）。',
  'Presentation not in force': 'プレゼンテーションの有効期間外です。JWT の有効期限（exp）が過ぎているか、有効期間の開始日時（nbf）がまだ来ていません。',
  'Credential not verifiable': 'クレデンシャルの署名を確認できませんでした（内容を署名の対象として読み取れません。未定義の語彙や不正な値がないか確認してください）。',
  'Presentation not verifiable': 'プレゼンテーションの署名を確認できませんでした（内容を署名の対象として読み取れません。未定義の語彙や不正な値がないか確認してください）。',
  'Invalid challenge': 'プレゼンテーションのチャレンジ（challenge）が、検証者の指定した値と一致しません。',
  'Invalid domain': 'プレゼンテーションのドメイン（domain）が、検証者の指定した値と一致しません。',
  'Holder mismatch': 'プレゼンテーションの署名者が、その保有者（holder）ではありません。',
} as const;

/** Every title a verification problem can have. */
export type VerificationProblemTitle = keyof typeof JA_BY_ADAPTER_TITLE | RevocationBitTitle;

// A set revocation bit, as the registry's record explains it ('Credential revoked' and 'Credential expired' included).
const JA_BY_TITLE: ReadonlyMap<string, string> = new Map([
  ...Object.entries(JA_BY_ADAPTER_TITLE),
  ...Object.values(REVOCATION_BIT_PROBLEMS).map((p) => [p.title, p.ja] as const),
]);

/** The Japanese of a problem title; undefined for a title no verification reports. */
export function japaneseOfProblemTitle(title: string): string | undefined {
  return JA_BY_TITLE.get(title);
}

export interface ProblemMessages {
  ja: string;
  en: string;
}

/** A problem as people read it: Japanese from its title (generic when unknown), English its title and detail. */
export function problemMessages(problem: { title: string; detail: string }): ProblemMessages {
  return {
    ja: JA_BY_TITLE.get(problem.title) ?? '確認できない点がありました。',
    en: `${problem.title}: ${problem.detail}`,
  };
}

/**
 * The problems, each with its `messages`. A verification that succeeded has none: the same
 * (empty) list comes back, so its answer costs nothing more.
 */
export function withMessages<P extends { title: string; detail: string }>(problems: readonly P[]): (P & { messages: ProblemMessages })[] {
  if (problems.length === 0) return problems as (P & { messages: ProblemMessages })[];
  return problems.map((p) => ({ ...p, messages: problemMessages(p) }));
}
