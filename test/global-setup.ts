import { buildBundle } from './helpers/start-command.js';

/** Once per run: the tests that start the server as `npm start` does run the bundle it builds. */
export default function setup() {
  buildBundle();
}
