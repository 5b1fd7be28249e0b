/**
 * Severity P1-P4 in the vendor's words: the guide's definitions, verbatim, and a vendor
 * profile's rewording of any level.
 */
import * as z from 'zod/mini';
import { type Severity, SeveritySchema } from './levels';

export interface SeverityDefinition {
  level: Severity;
  /** One word: "Critical". */
  name: string;
  /** The vendor's definition: "production outage, no viable workaround". */
  definition: string;
}

/** The vendor's guide, verbatim. */
export const DEFAULT_SEVERITY_DEFINITIONS: readonly SeverityDefinition[] = [
  { level: 'P1', name: 'Critical', definition: 'production outage, no viable workaround' },
  { level: 'P2', name: 'High', definition: 'major degradation with significant impact' },
  { level: 'P3', name: 'Medium', definition: 'limited impact, workaround available' },
  { level: 'P4', name: 'Low', definition: 'information request or minor issue' },
];

/** A vendor profile (e.g. from managed storage) may reword any level. */
export const SeverityProfileSchema = z.partialRecord(
  SeveritySchema,
  z.object({
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
    definition: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  }),
);
type SeverityProfile = z.infer<typeof SeverityProfileSchema>;

export function severityDefinitions(profile?: SeverityProfile): SeverityDefinition[] {
  return DEFAULT_SEVERITY_DEFINITIONS.map((d) => ({
    level: d.level,
    name: profile?.[d.level]?.name ?? d.name,
    definition: profile?.[d.level]?.definition ?? d.definition,
  }));
}

/** "P1 Critical: production outage, no viable workaround". */
export function severityLabel(level: Severity, definitions = DEFAULT_SEVERITY_DEFINITIONS): string {
  const d = definitions.find((x) => x.level === level);
  return d ? `${d.level} ${d.name}: ${d.definition}` : level;
}
