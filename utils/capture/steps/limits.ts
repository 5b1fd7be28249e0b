/** The step recorder's bounds (zod-free: the page-side recorder bundles no schema). */
export const BREADCRUMB_LIMITS = {
  /** Entries kept. */
  maxCrumbs: 100,
  /** Entries older than this are dropped (ms). */
  maxAgeMs: 5 * 60_000,
  /** Characters of a label before redaction. */
  labelChars: 60,
  /** Characters of a stored label or location (after redaction, which may lengthen it). */
  storedChars: 200,
  /** Identical consecutive actions closer than this are folded into one entry (ms). */
  foldWithinMs: 5_000,
} as const;
