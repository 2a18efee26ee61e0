import type { Context } from 'hono';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { checkCsrf } from '../auth/session.js';

/** Forms of the signed-in pages are small: a declaration's longest texts are a few thousand characters. */
const MAX_FORM_BYTES = 256 * 1024;

/**
 * Reads an application/x-www-form-urlencoded post (size-limited while reading) and checks its
 * CSRF token before anything else looks at it.
 */
export async function readCheckedForm(c: Context<AppEnv>, publicBaseUrl: string): Promise<URLSearchParams> {
  const bytes = await readBodyBytes(c, MAX_FORM_BYTES);
  const form = new URLSearchParams(new TextDecoder().decode(bytes));
  checkCsrf(c, publicBaseUrl, form.get('csrf'));
  return form;
}
