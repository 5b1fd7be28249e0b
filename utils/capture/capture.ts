import * as z from 'zod/mini';
import { FailedRequestSchema } from './failed-request-schema';
import { LIMITS, PageEventSchema, validItems } from './page-event';
import { BreadcrumbSchema } from './steps/breadcrumb';

/**
 * How much of the page's history the capture holds:
 * - `always-on`: the origin is allowed, capture ran from page load;
 * - `from-now`: capture was injected when the popup opened, earlier errors were not recorded;
 * - `unavailable`: the page cannot be captured (browser pages, extension stores).
 */
export const CaptureScopeSchema = z.enum(['always-on', 'from-now', 'unavailable']);
export type CaptureScope = z.infer<typeof CaptureScopeSchema>;

/** The message keys (public/_locales) of the scope notes, which the popup shows. */
export const ScopeNoteKeySchema = z.enum([
  'capture_scopeAlwaysOn',
  'capture_scopeAllowedLate',
  'capture_scopeOnOpen',
  'capture_scopeUnavailable',
]);
export type ScopeNoteKey = z.infer<typeof ScopeNoteKeySchema>;

/** What the ISOLATED script sees of the page itself (page globals are never read here). */
export const PageSideFactsSchema = z.object({
  title: z.string().check(z.maxLength(LIMITS.title)),
  language: z.string().check(z.maxLength(64)),
  viewport: z.object({ width: z.number(), height: z.number() }),
  screen: z.object({ width: z.number(), height: z.number() }),
  devicePixelRatio: z.number(),
  timeZone: z.string().check(z.maxLength(64)),
});
export type PageSideFacts = z.infer<typeof PageSideFactsSchema>;

export const TabEventsSchema = z.object({
  /** One id per page load, so a tab's history can keep several loads apart. */
  pageId: z._default(z.string().check(z.maxLength(64)), ''),
  /** The page URL when capture started in this load. */
  url: z._default(z.string().check(z.maxLength(LIMITS.url)), ''),
  events: validItems(PageEventSchema),
  /** Events dropped to stay within the buffer's bounds. */
  dropped: z.int().check(z.nonnegative()),
  /** Epoch milliseconds when capture started in this page. */
  since: z.number(),
  /** The early collector ran from `document_start`: the page's load is in the capture. */
  fromLoad: z.optional(z.boolean()),
  /** Failed requests the page's own fetch/XHR hook saw. */
  requests: z._default(validItems(FailedRequestSchema), []),
  /** The buffer's size in bytes (benchmarks, bounds). */
  bytes: z._default(z.int().check(z.nonnegative()), 0),
  page: z.optional(PageSideFactsSchema),
  /** The user's recent actions in this page, for drafted steps (allowed origins only). */
  breadcrumbs: z.optional(z.array(BreadcrumbSchema).check(z.maxLength(500))),
});
export type TabEvents = z.infer<typeof TabEventsSchema>;

/** Page facts a support engineer asks for first. */
export const PageFactsSchema = z.object({
  url: z.string(),
  title: z.string(),
  /** Local time with its offset, e.g. `2026-05-04T13:22:05+02:00`. */
  time: z.string(),
  timeZone: z.string(),
  browser: z.string(),
  browserVersion: z.string(),
  os: z.string(),
  language: z.string(),
  viewport: z.optional(z.object({ width: z.number(), height: z.number() })),
  screen: z.optional(z.object({ width: z.number(), height: z.number() })),
  devicePixelRatio: z.optional(z.number()),
  extensionVersion: z.string(),
});
export type PageFacts = z.infer<typeof PageFactsSchema>;

export const ENVIRONMENTS = ['Production', 'Staging', 'Development', 'Test'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** Which rule decided an inferred value, so the user can see why. */
export const RuleMatchSchema = z.object({
  source: z.enum(['policy', 'user', 'vendor', 'built-in', 'console', 'none']),
  ruleId: z.optional(z.string()),
  /** In English words, e.g. `Your rule #2 "*.stg.example.com"` (logs, older captures). */
  description: z.string(),
  /** The same in the user's words: a message key (public/_locales) and its values. */
  words: z.optional(
    z.object({
      key: z.enum([
        'ruleMatch_none',
        'ruleMatch_policy',
        'ruleMatch_user',
        'ruleMatch_vendor',
        'ruleMatch_console',
        'ruleMatch_builtIn',
      ]),
      values: z.array(z.string()),
    }),
  ),
});
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

export const InferredEnvironmentSchema = z.object({
  value: z.nullable(EnvironmentSchema),
  matched: RuleMatchSchema,
});
export type InferredEnvironment = z.infer<typeof InferredEnvironmentSchema>;

export const InferredProductSchema = z.object({
  value: z.nullable(z.string().check(z.maxLength(200))),
  matched: RuleMatchSchema,
});
export type InferredProduct = z.infer<typeof InferredProductSchema>;

/** One fact a console adapter read from a well-known console (OpenShift, Grafana…). */
export const ConsoleFactSchema = z.object({
  /** Adapter id, e.g. `openshift`. */
  adapter: z.string().check(z.maxLength(32)),
  /** e.g. `Cluster version`. */
  label: z.string().check(z.maxLength(64)),
  value: z.string().check(z.maxLength(500)),
});
export type ConsoleFact = z.infer<typeof ConsoleFactSchema>;

export const ConsoleFactsSchema = z.object({
  adapter: z.string().check(z.maxLength(32)),
  /** The console's product name, e.g. `OpenShift Container Platform`. */
  product: z.string().check(z.maxLength(200)),
  facts: z.array(ConsoleFactSchema).check(z.maxLength(20)),
});
export type ConsoleFacts = z.infer<typeof ConsoleFactsSchema>;

export const CaptureSchema = z.object({
  tabId: z.int(),
  url: z.string(),
  title: z.string(),
  origin: z.optional(z.string()),
  capturedAt: z.number(),
  scope: CaptureScopeSchema,
  /** Why the scope is what it is, in English (logs, older drafts). */
  scopeNote: z.string(),
  /** The same in the user's words: its message key, which the popup shows. */
  scopeNoteKey: z.optional(ScopeNoteKeySchema),
  /** The tab's events, oldest first, across its recent page loads (each says its page URL). */
  events: validItems(PageEventSchema),
  droppedEvents: z.int().check(z.nonnegative()),
  /** Requests that failed (status >= 400 or network error), each once, oldest first. */
  failedRequests: z._default(validItems(FailedRequestSchema), []),
  facts: z.optional(PageFactsSchema),
  environment: z._default(InferredEnvironmentSchema, {
    value: null,
    matched: {
      source: 'none',
      description: 'No rule matched.',
      words: { key: 'ruleMatch_none', values: [] },
    },
  }),
  product: z._default(InferredProductSchema, {
    value: null,
    matched: {
      source: 'none',
      description: 'No rule matched.',
      words: { key: 'ruleMatch_none', values: [] },
    },
  }),
  /** What a console adapter read from the page, when the page is a known console. */
  consoleFacts: z.optional(ConsoleFactsSchema),
  /** The user's recent actions in the page, oldest first: `draftSteps()` turns them into steps. */
  breadcrumbs: z.optional(z.array(BreadcrumbSchema).check(z.maxLength(500))),
  /** How many values `redact()` masked in this capture (the composer shows it). */
  redactionCount: z._default(z.int().check(z.nonnegative()), 0),
  /** The tab's history could not be stored lately (utils/storage-errors.ts): `quota` or `write`. */
  historyNotKept: z.optional(z.enum(['quota', 'write'])),
});
export type Capture = z.infer<typeof CaptureSchema>;

/** Pages no extension may script: the popup says so instead of failing. */
export function isCapturableUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'file:') {
    return false;
  }
  const storeHosts = [
    'chromewebstore.google.com',
    'chrome.google.com',
    'addons.mozilla.org',
    'microsoftedge.microsoft.com',
  ];
  return !storeHosts.includes(parsed.hostname);
}

/** The match pattern of an origin, for permissions and content-script registration. */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
