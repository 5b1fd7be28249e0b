/**
 * The request being composed: what the user edits in the popup, autosaved on every change and
 * restored on reopen (also after a browser restart, so it carries a redacted snapshot of what
 * was captured rather than pointing at a tab that may be gone).
 */
import * as z from 'zod/mini';
import { type CaptureScope, CaptureScopeSchema } from '@/utils/capture/capture';
import { type PageEvent, PageEventSchema } from '@/utils/capture/page-event';
import { redact, redactCounted } from '@/utils/privacy/redact';
import { SeveritySchema } from '../severity/levels';
import { SeverityAnswersSchema } from '../severity/suggestion';
import { newCaptureReference } from './capture-reference';
import { FieldInputSchema } from './portal-fields';

const FactSchema = z.object({ name: z.string(), value: z.string() });
export type Fact = z.infer<typeof FactSchema>;

const FailedRequestSchema = z.object({
  id: z.string(),
  method: z.string(),
  url: z.string(),
  /** HTTP status; absent when the request failed without a response (network error). */
  status: z.optional(z.int()),
  statusText: z.optional(z.string()),
  /** The browser's error text for a failed load ("net::ERR_CONNECTION_REFUSED"). */
  error: z.optional(z.string()),
  time: z.optional(z.number()),
  /** Identical failures are folded into one with a count. */
  count: z.optional(z.int().check(z.minimum(1))),
  /** Server correlation ids lifted from the response (`x-request-id`, `traceparent`). */
  requestIds: z.array(FactSchema),
});
export type FailedRequest = z.infer<typeof FailedRequestSchema>;

/** What was captured, redacted, as the request will describe it. */
const TicketContextSchema = z.object({
  url: z.string(),
  title: z.string(),
  capturedAt: z.number(),
  scope: CaptureScopeSchema,
  events: z.array(PageEventSchema),
  failedRequests: z.array(FailedRequestSchema),
  facts: z.array(FactSchema),
  consoleFacts: z.array(FactSchema),
  browser: z.optional(z.string()),
  /** Secrets removed from captured text before it was stored. */
  redactions: z.int().check(z.nonnegative()),
});
export type TicketContext = z.infer<typeof TicketContextSchema>;

/** Where a portal field's value comes from. */
const MappingSourceSchema = z.enum([
  'summary',
  'description',
  'severity',
  'environment',
  'product',
  'steps',
  'impact',
  'recentChanges',
  'none',
]);
export type MappingSource = z.infer<typeof MappingSourceSchema>;

/**
 * The user's correction of one field's mapping: another source, and/or a fixed option per
 * source value (e.g. `{P1: '10001'}`, `{Production: '20'}`). Serialisable, saved per request type.
 */
export const MappingOverrideSchema = z.object({
  source: MappingSourceSchema,
  options: z.optional(z.record(z.string(), z.string())),
});
export type MappingOverride = z.infer<typeof MappingOverrideSchema>;
const MappingOverridesSchema = z.record(z.string(), MappingOverrideSchema);
export type MappingOverrides = z.infer<typeof MappingOverridesSchema>;

/** Saved overrides, keyed by {@link mappingKey}. */
export const SavedMappingsSchema = z.record(z.string(), MappingOverridesSchema);
export type SavedMappings = z.infer<typeof SavedMappingsSchema>;

export function mappingKey(serviceDeskId: string, requestTypeId: string): string {
  return `${serviceDeskId}/${requestTypeId}`;
}

const ParticipantSchema = z.object({
  accountId: z.string(),
  displayName: z.optional(z.string()),
});

const Text = z.string().check(z.maxLength(32_000));

export const DraftSchema = z.object({
  /** `SC-XXXXXX`, written into the description (see capture-reference.ts). */
  captureRef: z.string(),
  summary: z.string().check(z.maxLength(255)),
  environment: Text,
  product: Text,
  steps: Text,
  impact: Text,
  recentChanges: Text,
  severity: z.optional(SeveritySchema),
  severityAnswers: SeverityAnswersSchema,
  /** Indexes into `context.events` the user removed from the request. */
  excludedEvents: z.array(z.int().check(z.nonnegative())),
  /** Ids of `context.failedRequests` the user removed from the request. */
  excludedRequests: z.array(z.string()),
  serviceDeskId: z.optional(z.string()),
  requestTypeId: z.optional(z.string()),
  /** What the user entered in the portal's own fields, by field id. */
  fieldValues: z.record(z.string(), FieldInputSchema),
  mappingOverrides: MappingOverridesSchema,
  /** Screenshots and other files (ids in the attachment store). */
  attachmentIds: z.array(z.string()),
  participants: z.array(ParticipantSchema),
  context: TicketContextSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** Facts as the capture may hand them over: a map (values may be `{width, height}`) or pairs. */
type FactsInput =
  | Readonly<Record<string, unknown>>
  | ReadonlyArray<{ name?: string; label?: string; key?: string; value: unknown }>;

/** Console facts: a list, or an adapter's `{product, facts: [{label, value}]}`. */
type ConsoleFactsInput = FactsInput | { product?: string; facts: FactsInput };

/** A value the capture's rules inferred: plain text or `{value}` with the rule's details. */
type InferredInput = string | { value: string | null } | null;

interface FailedRequestInput {
  id?: string;
  method?: string;
  url: string;
  /** 0 or absent when the request failed without a response. */
  status?: number | null;
  statusText?: string | null;
  error?: string | null;
  time?: number;
  count?: number;
  requestIds?: FactsInput;
}

/**
 * The capture fields the ticket needs. Only `url`..`scope` exist on every capture today; the
 * others arrive as the capture grows and are optional here.
 */
interface CaptureInput {
  url: string;
  title: string;
  capturedAt: number;
  scope: CaptureScope;
  events: readonly PageEvent[];
  failedRequests?: readonly FailedRequestInput[];
  /** Page facts (`browser`, `browserVersion`, `os`, `language`, `viewport`…). */
  facts?: FactsInput | null;
  consoleFacts?: ConsoleFactsInput | null;
  environment?: InferredInput;
  product?: InferredInput;
  redactions?: number;
  redactionCount?: number;
  browser?: string;
}

interface CreateDraftOptions {
  now?: number;
  captureRef?: string;
  /** e.g. `navigator.userAgent`, or a friendlier "Chromium 140 on Linux". */
  browser?: string;
  serviceDeskId?: string;
  requestTypeId?: string;
  mappingOverrides?: MappingOverrides;
  /** Steps drafted from the user's recorded actions (`draftSteps(...).text`): they follow the opening line. */
  recordedSteps?: string;
}

/** Redacts and counts (idempotent: text the capture already redacted counts nothing again). */
export function redactCounting(text: string): { text: string; redactions: number } {
  const result = redactCounted(text);
  return { text: result.text, redactions: result.count };
}

function factValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'object') {
    const size = value as { width?: unknown; height?: unknown };
    if (typeof size.width === 'number' && typeof size.height === 'number')
      return `${size.width}×${size.height}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** Page facts the description states elsewhere (URL, title) or that identify the browser. */
const SKIPPED_FACTS = new Set(['url', 'title', 'browser', 'browserVersion', 'os']);

function isFactList(
  input: FactsInput,
): input is ReadonlyArray<{ name?: string; label?: string; key?: string; value: unknown }> {
  return Array.isArray(input);
}

function factList(input: FactsInput | null | undefined, skip = new Set<string>()): Fact[] {
  if (!input) return [];
  const pairs: Array<[string, unknown]> = isFactList(input)
    ? input.map((f) => [f.name ?? f.label ?? f.key ?? '', f.value])
    : Object.entries(input).filter(([name]) => !skip.has(name));
  const out: Fact[] = [];
  for (const [name, raw] of pairs) {
    const value = factValue(raw);
    if (value !== undefined) out.push({ name, value });
  }
  return out;
}

function consoleFactList(input: ConsoleFactsInput | null | undefined): Fact[] {
  if (!input) return [];
  if (!isFactList(input as FactsInput) && 'facts' in input && typeof input.facts === 'object') {
    const adapter = input as { product?: string; facts: FactsInput };
    const product = adapter.product ? [{ name: 'Console', value: adapter.product }] : [];
    return [...product, ...factList(adapter.facts)];
  }
  return factList(input as FactsInput);
}

/** "Chrome 140 on Linux", from the page facts when the caller gave no browser text. */
function browserFrom(facts: FactsInput | null | undefined): string | undefined {
  if (!facts || isFactList(facts)) return undefined;
  const { browser, browserVersion, os } = facts as Record<string, unknown>;
  if (typeof browser !== 'string' || !browser) return undefined;
  const version = typeof browserVersion === 'string' && browserVersion ? ` ${browserVersion}` : '';
  const system = typeof os === 'string' && os ? ` on ${os}` : '';
  return `${browser}${version}${system}`;
}

function inferred(input: InferredInput | undefined): string {
  if (!input) return '';
  return typeof input === 'string' ? input : (input.value ?? '');
}

/** The summary line: the first error's first line, else the page title, else the host. */
function summaryFromCapture(capture: Pick<CaptureInput, 'events' | 'title' | 'url'>): string {
  const firstError = capture.events.find((e) => e.kind !== 'console-warn');
  const line = firstError?.message
    .split('\n')
    .find((l) => l.trim())
    ?.trim();
  let summary = line || capture.title.trim();
  if (!summary) {
    try {
      summary = `Problem on ${new URL(capture.url).host}`;
    } catch {
      summary = 'Problem on a web page';
    }
  }
  return summary.length > 200 ? `${summary.slice(0, 199)}…` : summary;
}

/** `2025-05-01 14:03:22 UTC`: unambiguous for a support engineer in another time zone. */
export function formatCaptureTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The first step, written for the user: where and when it happened. */
export function openingStep(url: string, capturedAt: number): string {
  return `1. Open ${url} (captured ${formatCaptureTime(capturedAt)})`;
}

/**
 * The steps in the order they happened: where the user started, what they did, the error,
 * then an empty next step. A recorded trail that opens a page starts where the user started;
 * otherwise the user stayed on the captured page, which opens the list.
 */
export function initialSteps(url: string, capturedAt: number, recorded = ''): string {
  const steps = recorded
    .split('\n')
    .map((line) => line.replace(/^\s*\d+[.)]\s*/, '').trim())
    .filter(Boolean)
    .map(redact);
  const startsSomewhere = steps.some((line) => /^(?:Opened|Reloaded|Went to) /.test(line));
  const all = startsSomewhere
    ? steps
    : [openingStep(url, capturedAt).replace(/^1\. /, ''), ...steps];
  return [...all.map((line, i) => `${i + 1}. ${line}`), `${all.length + 1}. `].join('\n');
}

/** A redacted, self-contained snapshot of the capture for the draft. */
function contextFromCapture(capture: CaptureInput, browser?: string): TicketContext {
  let redactions = capture.redactions ?? capture.redactionCount ?? 0;
  const clean = (text: string): string => {
    const r = redactCounting(text);
    redactions += r.redactions;
    return r.text;
  };
  const cleanOpt = (text: string | null | undefined) => (text == null ? undefined : clean(text));
  const cleanFacts = (facts: Fact[]) =>
    facts.map((f) => ({ name: clean(f.name), value: clean(f.value) }));

  const events = capture.events.map((e) => ({
    ...e,
    message: clean(e.message),
    stack: cleanOpt(e.stack),
    source: cleanOpt(e.source),
    url: clean(e.url),
  }));
  const failedRequests = (capture.failedRequests ?? []).map((r, index) => ({
    id: r.id ?? String(index),
    method: (r.method ?? 'GET').toUpperCase(),
    url: clean(r.url),
    status: r.status ? r.status : undefined,
    statusText: cleanOpt(r.statusText),
    error: cleanOpt(r.error),
    time: r.time,
    count: r.count,
    requestIds: cleanFacts(factList(r.requestIds)),
  }));
  const context: TicketContext = {
    url: clean(capture.url),
    title: clean(capture.title),
    capturedAt: capture.capturedAt,
    scope: capture.scope,
    events,
    failedRequests,
    facts: cleanFacts(factList(capture.facts, SKIPPED_FACTS)),
    consoleFacts: cleanFacts(consoleFactList(capture.consoleFacts)),
    browser: cleanOpt(browser ?? capture.browser ?? browserFrom(capture.facts)),
    redactions: 0,
  };
  context.redactions = redactions;
  return context;
}

/** A draft pre-filled from a capture: the user reviews and completes it. */
export function createDraftFromCapture(
  capture: CaptureInput,
  options: CreateDraftOptions = {},
): Draft {
  const now = options.now ?? Date.now();
  const context = contextFromCapture(capture, options.browser);
  return {
    captureRef: options.captureRef ?? newCaptureReference(),
    summary: summaryFromCapture(context),
    environment: redact(inferred(capture.environment)),
    product: redact(inferred(capture.product)),
    steps: initialSteps(context.url, context.capturedAt, options.recordedSteps),
    impact: '',
    recentChanges: '',
    severity: undefined,
    severityAnswers: {},
    excludedEvents: [],
    excludedRequests: [],
    serviceDeskId: options.serviceDeskId,
    requestTypeId: options.requestTypeId,
    fieldValues: {},
    mappingOverrides: options.mappingOverrides ?? {},
    attachmentIds: [],
    participants: [],
    context,
    createdAt: now,
    updatedAt: now,
  };
}

/** The events still in the request after the user's trimming, with their indexes. */
export function includedEvents(draft: Pick<Draft, 'context' | 'excludedEvents'>): PageEvent[] {
  return draft.context.events.filter((_, i) => !draft.excludedEvents.includes(i));
}

export function includedRequests(
  draft: Pick<Draft, 'context' | 'excludedRequests'>,
): FailedRequest[] {
  return draft.context.failedRequests.filter((r) => !draft.excludedRequests.includes(r.id));
}

/** Include or remove one event; returns a new draft. */
export function toggleEvent(draft: Draft, index: number, include: boolean): Draft {
  const rest = draft.excludedEvents.filter((i) => i !== index);
  return { ...draft, excludedEvents: include ? rest : [...rest, index].sort((a, b) => a - b) };
}

export function toggleRequest(draft: Draft, id: string, include: boolean): Draft {
  const rest = draft.excludedRequests.filter((i) => i !== id);
  return { ...draft, excludedRequests: include ? rest : [...rest, id] };
}

/** Marks a draft as changed now (the autosave's clock). */
export function touchDraft(draft: Draft, now = Date.now()): Draft {
  return { ...draft, updatedAt: now };
}
