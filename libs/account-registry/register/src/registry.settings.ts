// The registry's own settings (from the service config, see registry.module.ts).
export interface RegistrySettings {
  // Banking days from activation until a change applies to payments (0 = the same day; BEK
  // 788/2025 § 10 stk. 3 allows at most 5).
  readonly effectiveAfterBankingDays: number;
  // How long an activation code is valid.
  readonly activationDays: number;
}

export const REGISTRY_SETTINGS = Symbol('REGISTRY_SETTINGS');

// NK_REGISTRY_EFFECTIVE_BANKING_DAYS (0-5, default 0) and NK_REGISTRY_ACTIVATION_DAYS (1-365,
// default 60); a bad value stops the service at boot with the variable's name.
export function registrySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RegistrySettings {
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be a whole number ${min}-${max}`);
    return n;
  };
  return {
    effectiveAfterBankingDays: int('NK_REGISTRY_EFFECTIVE_BANKING_DAYS', 0, 5, 0),
    activationDays: int('NK_REGISTRY_ACTIVATION_DAYS', 1, 365, 60),
  };
}
