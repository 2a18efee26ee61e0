import { parseConfig } from '../config.js';
import { createKeyFile, readKeyFiles, retireKeyFile } from '../adapters/node/key-files.js';

/**
 * Issuer key management (npm run keys:new | keys:rotate | keys -- retire <keyId> | keys -- list).
 * The newest unretired key signs; older keys keep verifying until retired. Restart the server
 * after a change so it loads the new set.
 */
const [command, argument] = process.argv.slice(2);
const { keysDir } = parseConfig(process.env);

function list() {
  for (const key of readKeyFiles(keysDir).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    console.log(`${key.keyId}  created ${key.createdAt}  ${key.retiredAt ? `retired ${key.retiredAt}` : 'live'}  ${key.publicKeyMultibase}`);
  }
}

/** An operator's slip (a key id left out or mistyped): one plain line and exit 1, not a stack trace. */
function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

switch (command) {
  case 'new':
  case 'rotate': {
    const key = await createKeyFile(keysDir);
    console.log(`${command === 'rotate' ? 'Rotated: new credentials are signed by' : 'Created'} ${key.keyId} (${keysDir}/${key.keyId}.json, mode 0600).`);
    console.log('Older keys keep verifying until you retire them. Restart the server to load the change.');
    list();
    break;
  }
  case 'retire': {
    if (!argument) refuse('Usage: npm run keys -- retire <keyId> (npm run keys -- list shows the key ids).');
    if (!readKeyFiles(keysDir).some((key) => key.keyId === argument)) refuse(`No key "${argument}" in ${keysDir}/ (npm run keys -- list shows the key ids).`);
    retireKeyFile(keysDir, argument);
    console.log(`Retired ${argument}: credentials it signed no longer verify.`);
    list();
    break;
  }
  case 'list':
    list();
    break;
  default:
    console.error('Usage: npm run keys:new | npm run keys:rotate | npm run keys -- retire <keyId> | npm run keys -- list');
    process.exit(2);
}
