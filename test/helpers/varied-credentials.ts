/**
 * Credentials of varied shapes, for POST /credentials/issue in the bench and the node-fragment
 * tests: standard OB 3.0 fields added to or left out of a template credential.
 */
type Json = Record<string, any>;

/**
 * Unsigned credentials of varied shapes for POST /credentials/issue: the registry's own OB 3.0
 * declaration credential with standard OB 3.0 fields added or left out by the bits of i, so that
 * consecutive credentials rarely share a field set (a shape template would otherwise favour us).
 */
export function variedCredentials(template: Json, count: number): Json[] {
  const { id: _id, proof: _proof, credentialStatus: _status, ...content } = template;
  const out: Json[] = [];
  for (let i = 0; i < count; i++) {
    const bits = (i * 2654435761) >>> 0; // scattered bits: neighbours differ in many fields
    const on = (k: number) => (bits >>> k) & 1;
    const subject: Json = { ...content.credentialSubject, name: `株式会社ベンチ${i}` };
    const achievement: Json = { ...subject.achievement };
    if (on(0)) subject.activityEndDate = '2028-03-31T00:00:00+09:00';
    if (on(1)) subject.role = ['代表取締役', '人事部長', '情報システム部'][i % 3];
    if (on(2)) subject.term = `2025年度 第${1 + (i % 4)}四半期`;
    if (on(3)) subject.creditsEarned = 1 + (i % 10);
    if (on(4)) subject.licenseNumber = `L-${i}`;
    if (on(5)) subject.narrative = `テレワーク推進の取組 ${i}`;
    if (on(6) && Array.isArray(subject.result)) subject.result = subject.result.slice(0, 1 + (i % subject.result.length));
    else if (on(7)) delete subject.result;
    if (on(8)) achievement.tag = ['テレワーク', '地方創生', '働き方改革'].slice(0, 1 + (i % 3));
    if (on(9)) achievement.fieldOfStudy = '人事労務';
    if (on(10)) achievement.humanCode = `TW-${i % 97}`;
    if (on(11)) achievement.inLanguage = 'ja';
    if (on(12)) achievement.version = `${1 + (i % 5)}.0`;
    if (on(13)) achievement.specialization = 'サテライトオフィス';
    subject.achievement = achievement;
    const credential: Json = { ...content, credentialSubject: subject };
    if (on(14)) credential.description = `宣言 ${i} の説明`;
    if (on(15)) credential.awardedDate = '2025-04-01T00:00:00Z';
    if (on(16)) delete credential.evidence;
    out.push(credential);
  }
  return out;
}
