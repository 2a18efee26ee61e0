/**
 * https://www.w3.org/ns/credentials/examples/v2, embedded because no installed package ships it
 * (the W3C VC Working Group's published context, as in w3c/vc-data-model contexts/credentials/examples/v2).
 * Its @vocab gives every otherwise undefined term an IRI, so the spec's example credentials can be
 * canonicalized offline and judged on their proofs rather than refused for an unknown context.
 */
export const CREDENTIALS_EXAMPLES_V2_URL = 'https://www.w3.org/ns/credentials/examples/v2';

export const CREDENTIALS_EXAMPLES_V2_CONTEXT = {
  '@context': {
    '@vocab': 'https://www.w3.org/ns/credentials/examples#',
  },
};
