/**
 * Severity levels P1-P4: the one list every part of the extension uses (draft, picker,
 * description, mapping onto the portal's options).
 */
import * as z from 'zod/mini';

export const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
