// The registry's own settings (from the service config, see registry.module.ts).
export interface RegistrySettings {
  // Banking days from activation until a change applies to payments (0 = the same day; BEK
  // 788/2025 § 10 stk. 3 allows at most 5).
  readonly effectiveAfterBankingDays: number;
  // How long an activation code is valid.
  readonly activationDays: number;
  // Wrong code entries before a pending account is blocked (a new assignment is then needed).
  readonly activationMaxAttempts: number;
  // Key of the HMAC that activation codes are kept as (NK_REGISTRY_CODE_SECRET).
  readonly codeSecret: string;
}

// Development only: NODE_ENV=production refuses to start with it.
export const DEV_CODE_SECRET = 'development-only-activation-code-secret';

export const REGISTRY_SETTINGS = Symbol('REGISTRY_SETTINGS');

// NK_REGISTRY_EFFECTIVE_BANKING_DAYS (0-5, default 0), NK_REGISTRY_ACTIVATION_DAYS (1-365, default
// 60), NK_REGISTRY_ACTIVATION_MAX_ATTEMPTS (1-20, default 5), NK_REGISTRY_CODE_SECRET; a bad value
// stops the service at boot with the variable's name.
export function registrySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RegistrySettings {
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be a whole number ${min}-${max}`);
    return n;
  };
  const codeSecret = env['NK_REGISTRY_CODE_SECRET'] || DEV_CODE_SECRET;
  if (codeSecret.length < 32) throw new Error('NK_REGISTRY_CODE_SECRET must be at least 32 characters');
  if (codeSecret === DEV_CODE_SECRET && env['NODE_ENV'] === 'production')
    throw new Error('NK_REGISTRY_CODE_SECRET must be set in production');
  return {
    effectiveAfterBankingDays: int('NK_REGISTRY_EFFECTIVE_BANKING_DAYS', 0, 5, 0),
    activationDays: int('NK_REGISTRY_ACTIVATION_DAYS', 1, 365, 60),
    activationMaxAttempts: int('NK_REGISTRY_ACTIVATION_MAX_ATTEMPTS', 1, 20, 5),
    codeSecret,
  };
}
