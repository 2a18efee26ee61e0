/**
 * The registry's first JSON-LD context, served at `${baseUrl}/contexts/registry/v1` and held by
 * the document loader. Only credentials issued before the embedded context name it (new ones
 * carry REGISTRY_TERMS_CONTEXT in domain/credentials/open-badge.ts and need no context of the
 * registry's own); it stays, unchanged, so those keep verifying (test/fixtures/credentials/legacy-*).
 * Its vocabulary is deployment-specific (`${baseUrl}/vocab#`), which is why it was replaced.
 */

export { registryContextUrl } from '../../../domain/credentials/open-badge.js';

export function registryVocabulary(baseUrl: string): string {
  return `${baseUrl}/vocab#`;
}

const XSD = 'http://www.w3.org/2001/XMLSchema#';

export function registryContext(baseUrl: string): { '@context': Record<string, unknown> } {
  const v = registryVocabulary(baseUrl);
  return {
    '@context': {
      '@protected': true,
      // English alternatives of OB's Japanese `name` / `description`: the same schema.org
      // properties, tagged @en, so RDF consumers see one name in two languages.
      nameEn: { '@id': 'https://schema.org/name', '@language': 'en' },
      descriptionEn: { '@id': 'https://schema.org/description', '@language': 'en' },
      narrativeEn: { '@id': 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative', '@language': 'en' },
      organizationKind: { '@id': `${v}organizationKind` },
      prefectureCode: { '@id': `${v}prefectureCode` },
      teleworkDeclaration: { '@id': `${v}teleworkDeclaration`, '@type': '@id' },
      teleworkAward: { '@id': `${v}teleworkAward`, '@type': '@id' },
      declarationVersion: { '@id': `${v}declarationVersion`, '@type': `${XSD}integer` },
      committedOn: { '@id': `${v}committedOn`, '@type': `${XSD}date` },
      guidelineAreas: { '@id': `${v}guidelineAreas`, '@container': '@set' },
      policy: { '@id': `${v}policy` },
      fiscalYear: { '@id': `${v}fiscalYear`, '@type': `${XSD}integer` },
      awardCategory: { '@id': `${v}awardCategory` },
      awardCategoryName: { '@id': `${v}awardCategoryName` },
      awardCategoryNameEn: { '@id': `${v}awardCategoryName`, '@language': 'en' },
      awardDivision: { '@id': `${v}awardDivision` },
      awardDivisionEn: { '@id': `${v}awardDivision`, '@language': 'en' },
      overview: { '@id': `${v}overview` },
      awardedOn: { '@id': `${v}awardedOn`, '@type': `${XSD}date` },
    },
  };
}
