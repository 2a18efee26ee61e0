import type { Bilingual } from '../pages/i18n.js';
import { stateChangeRefusal } from '../web/row-version.js';

/**
 * Why a state change posted from a record's page cannot go ahead, said before its form is read
 * (null: go on to the form's checks): the record changed after the page showed it (`posted`, the
 * form's rowVersion, is not the current one), or its state does not allow the action (`checkState`
 * throws the use case's 409, e.g. suspending what is already suspended). Without this, a post the
 * page would not offer (a second tab, a hand-made request) met the form's own checks first, and
 * their 400 named fields of a form the page no longer shows. The use case checks both again when it acts.
 */
export function refusalBeforeForm(posted: number | null, current: { rowVersion: number }, changed: Bilingual, checkState: () => void): Bilingual | null {
  if (posted !== null && posted !== current.rowVersion) return changed;
  try {
    checkState();
    return null;
  } catch (error) {
    const refusal = stateChangeRefusal(error, changed);
    if (!refusal) throw error;
    return refusal;
  }
}
