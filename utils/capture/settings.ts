import * as z from 'zod/mini';
import { MAX_CUSTOM_PATTERN_LENGTH } from '../privacy/redact';
import { EnvironmentSchema } from './capture';

/** The user's capture and privacy settings (options page). */
export const CaptureSettingsSchema = z.object({
  /** Capture `console.warn` as well as `console.error`. */
  captureWarnings: z._default(z.boolean(), true),
  /** Replace e-mail addresses with `[redacted:email]`. */
  maskEmails: z._default(z.boolean(), false),
  /** The user's own redaction patterns (regular expressions). */
  customPatterns: z._default(
    z.array(z.string().check(z.maxLength(MAX_CUSTOM_PATTERN_LENGTH))).check(z.maxLength(50)),
    [],
  ),
});
export type CaptureSettings = z.infer<typeof CaptureSettingsSchema>;

export const DEFAULT_CAPTURE_SETTINGS: CaptureSettings = {
  captureWarnings: true,
  maskEmails: false,
  customPatterns: [],
};

/**
 * One environment rule: a host/path pattern (`*` matches anything; no `/` means any path) to
 * an environment and/or a product or service name. Rules are tried in order.
 */
export const EnvironmentRuleSchema = z.object({
  id: z.string().check(z.maxLength(64)),
  pattern: z.string().check(z.minLength(1), z.maxLength(300)),
  environment: z.nullable(EnvironmentSchema),
  product: z._default(z.string().check(z.maxLength(200)), ''),
});
export type EnvironmentRule = z.infer<typeof EnvironmentRuleSchema>;
