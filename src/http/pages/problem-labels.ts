// Japanese for the verification problems, which the crypto adapters report in English (RFC 9457
// titles meant for machines and developers); a Japanese page must say what went wrong in Japanese.
import type { Bilingual } from './i18n.js';
import { REVOCATION_BIT_PROBLEMS } from '../../domain/credentials/revocation-bit.js';

const JA_BY_TITLE: Record<string, string> = {
  'Verification failed': 'クレデンシャルを検証できませんでした。',
  'Invalid proof': '署名が正しくありません。内容が書き換えられたか、別の鍵で署名されています。',
  // The signature was never checked: neither "correct" nor "wrong" may be said of it.
  'Verification method not retrievable': '発行者の公開鍵を取得できなかったため、署名を確認できませんでした（正しいとも誤りとも判断していません）。',
  'Invalid verification method URL': '署名に使われた鍵の指定（verificationMethod）が URL ではないため、鍵を取得できず、署名を確認できませんでした。',
  'Malformed validFrom': '有効期間の開始日時（validFrom）の形式が正しくありません。',
  'Malformed validUntil': '有効期間の終了日時（validUntil）の形式が正しくありません。',
  'Credential not yet valid': 'まだ有効期間が始まっていません。',
  'Schema validation failed': 'クレデンシャルの項目が Open Badges 3.0 の形式に合っていません。',
  'Key does not belong to the issuer': '署名に使われた鍵が発行者のものではありません。',
  'Signing key retired': '署名に使われた鍵は廃止されています。',
  'Not issued by this registry': 'この登録簿（または登録簿が信頼する発行者）が発行したものではありません。',
  'Malformed credentialStatus': 'ステータス情報（credentialStatus）の形式が正しくありません。',
  'Unsupported status entry': '対応していないステータス情報の形式です。',
  'Unsupported status purpose': '対応していないステータス情報の目的です。',
  'Malformed status index': 'ステータスリストの番号が正しくありません。',
  'Status list not retrievable': 'ステータスリストを取得できませんでした。',
  'No status source': 'ステータスリストの取得先がありません。',
  'Status list not readable': 'ステータスリストを読み取れませんでした。',
  'Unparseable credential': 'クレデンシャルとして読み取れませんでした（JSON または JWT を貼り付けてください）。',
  'Malformed credential': 'クレデンシャルの形式が正しくありません。',
  'Malformed EnvelopedVerifiableCredential': '包まれたクレデンシャル（EnvelopedVerifiableCredential）の形式が正しくありません。',
  'Check not run': '一部の確認が行われていません。',
  'Credential suspended': 'このクレデンシャルは一時停止されています。',
  // A set revocation bit, as the registry's record explains it ('Credential expired' included).
  ...Object.fromEntries(Object.values(REVOCATION_BIT_PROBLEMS).map((p) => [p.title, p.ja])),
};

/** A problem as people read it: Japanese from its title (generic when unknown), English as reported. */
export function problemLabel(problem: { title: string; detail: string }): Bilingual {
  return {
    ja: JA_BY_TITLE[problem.title] ?? '確認できない点がありました。',
    en: `${problem.title}: ${problem.detail}`,
  };
}
