// jsonld and rdf-canonize (the versions @digitalbazaar/eddsa-rdfc-2022-cryptosuite uses) ship no
// type declarations; only shape-canonize.ts imports them directly.
declare module 'jsonld';
declare module 'rdf-canonize';
