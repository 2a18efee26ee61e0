/** Settings of the partner API and webhook delivery, parsed from the same environment as Config. */
export interface PartnerSettings {
  /** WEBHOOK_ALLOW_INSECURE_LOCALHOST=true: accept http://127.0.0.1 / localhost endpoints (development, tests). */
  webhookAllowInsecureLocalhost: boolean;
  /** WEBHOOK_RETRY_BASE_MS: first retry delay, doubled each time (default 1000). */
  webhookRetryBaseMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts before a delivery is marked failed (default 12, ≈ 1 h of backoff at 1 s). */
  webhookMaxAttempts: number;
  /** WEBHOOK_TIMEOUT_MS: how long one POST may take (default 10000). */
  webhookTimeoutMs: number;
  /**
   * WEBHOOK_DISPATCH_INTERVAL_MS: how often Node looks for due deliveries (default 1000); 0 turns
   * automatic dispatch off (Node interval and the Worker's after-change kick; cron still runs).
   */
  webhookDispatchIntervalMs: number;
}

export const DEFAULT_PARTNER_SETTINGS: PartnerSettings = {
  webhookAllowInsecureLocalhost: false,
  webhookRetryBaseMs: 1000,
  webhookMaxAttempts: 12,
  webhookTimeoutMs: 10_000,
  webhookDispatchIntervalMs: 1000,
};

export function parsePartnerSettings(env: Record<string, string | undefined>, problems: string[]): PartnerSettings {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return value;
  };
  const flag = env.WEBHOOK_ALLOW_INSECURE_LOCALHOST;
  if (flag !== undefined && flag !== '' && flag !== 'true' && flag !== 'false') problems.push('WEBHOOK_ALLOW_INSECURE_LOCALHOST must be true or false');
  return {
    webhookAllowInsecureLocalhost: flag === 'true',
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', DEFAULT_PARTNER_SETTINGS.webhookRetryBaseMs, 10, 3_600_000),
    webhookMaxAttempts: int('WEBHOOK_MAX_ATTEMPTS', DEFAULT_PARTNER_SETTINGS.webhookMaxAttempts, 1, 50),
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', DEFAULT_PARTNER_SETTINGS.webhookTimeoutMs, 100, 60_000),
    webhookDispatchIntervalMs: int('WEBHOOK_DISPATCH_INTERVAL_MS', DEFAULT_PARTNER_SETTINGS.webhookDispatchIntervalMs, 0, 3_600_000),
  };
}
