// payment-intake's own settings (from the environment, see intake.module.ts).
export interface IntakeSettings {
  // A bundle stream (HTTP upload or AMQP message) larger than this is refused with answer 0
  // (DOCUMENT_TOO_LARGE) as soon as the limit is passed, never read further.
  readonly maxBundleBytes: number;
}

export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

// 2 GiB: a payday bundle of a million payments is about 700 MB.
export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = { maxBundleBytes: 2 * 1024 * 1024 * 1024 };

// NK_INTAKE_MAX_BUNDLE_BYTES (64 KiB-4 GiB, default 2 GiB); a bad value stops the service at boot.
export function intakeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): IntakeSettings {
  const raw = env['NK_INTAKE_MAX_BUNDLE_BYTES'];
  if (raw === undefined || raw === '') return DEFAULT_INTAKE_SETTINGS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 65_536 || n > 4 * 1024 * 1024 * 1024)
    throw new Error('NK_INTAKE_MAX_BUNDLE_BYTES must be a whole number of bytes, 65536-4294967296');
  return { maxBundleBytes: n };
}
