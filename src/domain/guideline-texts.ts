/**
 * The texts the declaration form shows beside its fields, so a person at a small company can
 * declare without reading the policy papers first. The seed (内閣官房「地方創生テレワーク」資料,
 * 2021) names the five areas of the 社内制度整備ガイドライン (労務制度, 人事制度, 給与制度, 通信環境,
 * 情報セキュリティ) as the answer to 「社内外の労務環境等の制度の未整備」, and says the declaration
 * rests on the top's commitment and on values shared inside the company; the one-line
 * explanations below spell out what each area covers in that sense. Kept in the domain (not read
 * from the seed at run time) so the Worker carries them too.
 */
/** A text in both languages (the domain's own, as codes.ts writes them). */
type Bilingual = { ja: string; en: string };

/** What each guideline area (keys of GUIDELINE_AREAS in codes.ts) asks the organization to put in place. */
export const GUIDELINE_TEXTS: Record<string, Bilingual> = {
  labor: {
    ja: 'テレワークや移住先からの勤務を就業規則などに定め、労働時間の管理、中抜け・移動時間、労働災害の扱いなど、場所にとらわれない働き方の労務ルールを整えます。',
    en: 'Work rules that allow telework and working from the regions: working-time records, breaks and travel time, and how work accidents are handled wherever people work.',
  },
  personnel: {
    ja: '働く場所にかかわらず公正に評価・育成・登用される人事制度（転居を伴わない配置、兼業・副業の扱いを含む）を整えます。',
    en: 'A personnel system that assesses, trains and promotes people fairly wherever they work, including postings without relocation and side jobs.',
  },
  compensation: {
    ja: '通勤手当・テレワーク手当、地方に住む社員の給与、通信費などテレワークに伴う費用の負担を明確にします。',
    en: 'Clear rules for commuting and telework allowances, the pay of staff living in the regions, and who bears telework costs such as connectivity.',
  },
  connectivity: {
    ja: '自宅やサテライトオフィスからも社内と同じように働ける通信回線・端末・コミュニケーションツール（バーチャルオフィス等）を用意します。',
    en: 'Network access, devices and communication tools (virtual offices and the like) that let people work from home or a satellite office as they would in the office.',
  },
  security: {
    ja: '社外で働くときの情報漏えい対策（端末の管理、アクセス制御、ルールの策定と社員教育）を定め、実施します。',
    en: 'Measures against data leaks when working outside the office: device management, access control, rules and staff training.',
  },
};

/** The form's section introductions, after the seed's description of the self-declaration (自己宣言制度). */
export const DECLARATION_FORM_TEXTS = {
  commitment: {
    ja: '地方創生テレワークは「経営者の強いコミットメント」の下で進めるものです。宣言は代表者（トップ）の名前で行います。',
    en: "Regional revitalization telework is carried by the top management's commitment: the declaration is made in the name of the representative.",
  },
  sharedOn: {
    ja: '経営理念や地域貢献などの価値観を社内で共有した日（社内への周知日）です。',
    en: 'The day the values behind it (management philosophy, contribution to the regions) were shared inside the organization.',
  },
  /** A municipality's: its top is the 首長 (mayor or governor), and it shares the values within its administration (庁内). */
  commitmentMunicipality: {
    ja: '地方創生テレワークは「トップの強いコミットメント」の下で進めるものです。宣言は首長の名前で行います。',
    en: "Regional revitalization telework is carried by the top's commitment: the declaration is made in the name of the mayor or governor.",
  },
  sharedOnMunicipality: {
    ja: '地域貢献などの価値観を庁内で共有した日（職員への周知日）です。',
    en: 'The day the values behind it (such as contribution to the region) were shared within the administration.',
  },
  guidelines: {
    ja: '社内制度整備ガイドラインの5つの分野のうち、遵守を宣言する分野を選んでください（1つ以上）。',
    en: 'Choose the areas of the guidelines for internal rules that you declare to follow (at least one).',
  },
  purposes: {
    ja: '地方創生テレワークに取り組む目的を選んでください（宣言様式の番号です。任意）。',
    en: 'Why you take up regional revitalization telework (numbered as on the declaration form; optional).',
  },
  consent: {
    ja: '「公表する」に印を付けた項目だけが、ポータルと公開データで公表されます。印のない項目は事務局だけが見ます。',
    en: 'Only the fields marked "Publish" appear on the portal and in the open data; the others are seen by the secretariat only.',
  },
} satisfies Record<string, Bilingual>;
