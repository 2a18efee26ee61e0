import { REVOCATION_REASONS, SUSPENSION_REASON_LABELS } from '../codes.js';

type Label = { ja: string; en: string };

/** The label of a suspension or revocation reason code; an unknown code is shown as it is. */
export function reasonLabel(action: 'suspend' | 'revoke', code: string | null): Label | null {
  if (!code) return null;
  const table: Record<string, Label> = action === 'revoke' ? REVOCATION_REASONS : SUSPENSION_REASON_LABELS;
  return table[code] ?? { ja: code, en: code };
}
