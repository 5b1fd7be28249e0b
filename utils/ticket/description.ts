/**
 * The request's description in Jira wiki markup (the create call's default,
 * docs/jsm-portal.md#description-markup), as the vendor's guide asks: headed sections, logs
 * verbatim, the page URL, and the capture reference. Page text is untrusted and user text is
 * free: neither may inject markup, so captured text goes into `{noformat}` blocks and typed
 * text is escaped.
 */
import type { PageEvent } from '@/utils/capture/page-event';
import { QUICK_QUESTIONS, REACH_LABELS } from '../severity/suggestion';
import {
  DEFAULT_SEVERITY_DEFINITIONS,
  type SeverityDefinition,
  severityLabel,
} from '../severity/wording';
import { fitWiki, verbatimBlock, wikiText } from '../text/wiki-text';
import { captureReferenceLine } from './capture-reference';
import {
  type Draft,
  type Fact,
  type FailedRequest,
  formatCaptureTime,
  includedEvents,
  includedRequests,
  redactCounting,
} from './draft';

const DESCRIPTION_SECTIONS = [
  'Environment',
  'Product or service',
  'Errors and logs',
  'Steps to reproduce',
  'Impact',
  'Recent configuration changes',
  'Technical context',
] as const;
type DescriptionSection = (typeof DESCRIPTION_SECTIONS)[number];

/**
 * Jira rejects descriptions over 32,767 characters. Each block has its own budget (escaped
 * length) so the sum stays well below that and the reference line always survives.
 */
const BUDGET = {
  short: 1_000,
  steps: 5_000,
  long: 3_000,
  answer: 500,
  logs: 9_000,
  technical: 4_000,
} as const;
const MAX_EVENTS = 25;
const MAX_STACK_LINES = 12;
const NOT_PROVIDED = '_Not provided._';

/** Text that reads as typed in wiki markup (see wiki-text.ts). */
export function escapeWiki(text: string): string {
  return wikiText(text);
}

/** A verbatim block, cut at `max` characters of text. */
export function noformat(text: string, max = Number.POSITIVE_INFINITY): string {
  let body = text.replace(/\r\n?/g, '\n');
  if (body.length > max) body = `${body.slice(0, max)}\n… (shortened)`;
  return verbatimBlock(body);
}

/** The escaped text, cut so its escaped form fits `max`. */
export function escapeWikiWithin(text: string, max: number): string {
  const full = wikiText(text);
  if (full.length <= max) return full;
  const marker = ' … (shortened)';
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (wikiText(text.slice(0, mid)).length + marker.length <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${wikiText(text.slice(0, lo))}${marker}`;
}

const KIND_LABEL: Record<PageEvent['kind'], string> = {
  'console-error': 'Console error',
  'console-warn': 'Console warning',
  'uncaught-error': 'Uncaught error',
  'unhandled-rejection': 'Unhandled rejection',
  'resource-error': 'Failed to load',
};

/** A stack frame line (V8 `at f (…)`, Gecko/WebKit `f@…`), as opposed to the message. */
function isFrame(line: string): boolean {
  return /^at\s/.test(line) || /@\S+:\d+/.test(line);
}

function eventText(event: PageEvent): string {
  const count = event.count > 1 ? ` (×${event.count})` : '';
  const lines = [
    `[${KIND_LABEL[event.kind]}${count}, ${formatCaptureTime(event.time)}] ${event.message}`,
  ];
  if (event.source) lines.push(`  at ${event.source}`);
  if (event.stack) {
    // Each line once: engines repeat the message as the stack's top line ("TypeError: x"
    // for the message "x"), and some stacks repeat frames.
    const seen = new Set<string>(event.source ? [`at ${event.source}`] : []);
    const message = event.message.trim();
    const stack = event.stack
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => {
        if (!l || seen.has(l)) return false;
        seen.add(l);
        return true;
      });
    while (
      stack[0] &&
      !isFrame(stack[0]) &&
      (stack[0].includes(message) || message.includes(stack[0]))
    )
      stack.shift();
    for (const line of stack.slice(0, MAX_STACK_LINES)) lines.push(`    ${line}`);
    if (stack.length > MAX_STACK_LINES)
      lines.push(`    … ${stack.length - MAX_STACK_LINES} more lines`);
  }
  return lines.join('\n');
}

/** `GET https://… -> 500 Internal Server Error [x-request-id: abc]`. */
export function failedRequestText(request: FailedRequest): string {
  const outcome =
    request.status !== undefined && request.status > 0
      ? `${request.status}${request.statusText ? ` ${request.statusText}` : ''}`
      : (request.error ?? 'no response');
  const ids = request.requestIds.length
    ? ` [${request.requestIds.map((f) => `${f.name}: ${f.value}`).join('; ')}]`
    : '';
  const count = request.count && request.count > 1 ? ` (×${request.count})` : '';
  return `${request.method} ${request.url} -> ${outcome}${count}${ids}`;
}

function factLines(title: string, facts: readonly Fact[]): string[] {
  if (facts.length === 0) return [];
  return [`${title}:`, ...facts.map((f) => `  ${f.name}: ${f.value}`)];
}

const SCOPE_TEXT: Record<Draft['context']['scope'], string> = {
  'always-on': 'errors recorded since the page loaded',
  'from-now': 'errors recorded only from when the report was started',
  unavailable: 'the page could not be captured',
};

export interface DescriptionOptions {
  definitions?: readonly SeverityDefinition[];
}

interface ComposedDescription {
  text: string;
  /** Secrets removed from the user's own text while composing (captured text was done earlier). */
  redactions: number;
}

/** The description and how many secrets were removed from typed text on the way. */
export function composeDescriptionWithStats(
  draft: Draft,
  options: DescriptionOptions = {},
): ComposedDescription {
  let redactions = 0;
  const typed = (text: string, max: number): string => {
    const r = redactCounting(text.trim());
    redactions += r.redactions;
    return r.text ? escapeWikiWithin(r.text, max) : NOT_PROVIDED;
  };
  const sections: string[] = [];
  const section = (title: DescriptionSection, body: string) =>
    sections.push(`h3. ${title}\n${body}`);

  section('Environment', typed(draft.environment, BUDGET.short));
  section('Product or service', typed(draft.product, BUDGET.short));

  const events = includedEvents(draft);
  const requests = includedRequests(draft);
  if (events.length === 0) {
    section(
      'Errors and logs',
      requests.length > 0
        ? 'No console errors were captured; failed requests are listed under Technical context.'
        : 'No errors were captured on the page.',
    );
  } else {
    const shown = events.slice(0, MAX_EVENTS).map(eventText);
    if (events.length > MAX_EVENTS) shown.push(`… and ${events.length - MAX_EVENTS} more`);
    section('Errors and logs', noformat(shown.join('\n\n'), BUDGET.logs));
  }

  // The pre-filled "2. " awaiting the next step is not a step.
  section('Steps to reproduce', typed(draft.steps.replace(/\n\s*\d+[.)]\s*$/, ''), BUDGET.steps));

  const impact = [typed(draft.impact, BUDGET.long)];
  const definitions = options.definitions ?? DEFAULT_SEVERITY_DEFINITIONS;
  impact.push(
    draft.severity
      ? `*Severity:* ${escapeWiki(severityLabel(draft.severity, definitions))}`
      : '*Severity:* not chosen',
  );
  const a = draft.severityAnswers;
  const answers: string[] = [];
  if (a.production) answers.push(`* ${escapeWiki(QUICK_QUESTIONS.production)} ${a.production}`);
  if (a.workaround) answers.push(`* ${escapeWiki(QUICK_QUESTIONS.workaround)} ${a.workaround}`);
  if (a.reach || a.blockedFunction?.trim()) {
    const parts = [
      a.reach ? escapeWiki(REACH_LABELS[a.reach]) : '',
      a.blockedFunction?.trim() ? typed(a.blockedFunction, BUDGET.answer) : '',
    ]
      .filter(Boolean)
      .join(': ');
    answers.push(`* ${escapeWiki(QUICK_QUESTIONS.reach)} ${parts}`);
  }
  if (answers.length) impact.push(answers.join('\n'));
  section('Impact', impact.join('\n\n'));

  section('Recent configuration changes', typed(draft.recentChanges, BUDGET.long));

  const c = draft.context;
  // The page's address outside the block, so it is a link the engineer can open.
  const page = escapeWikiWithin(`Page URL: ${c.url}`, BUDGET.short);
  const technical = [
    `Page title: ${c.title || '(none)'}`,
    ...(c.browser ? [`Browser: ${c.browser}`] : []),
    `Captured: ${formatCaptureTime(c.capturedAt)} (${SCOPE_TEXT[c.scope]})`,
    ...(requests.length
      ? ['Failed requests:', ...requests.map((r) => `  ${failedRequestText(r)}`)]
      : []),
    ...factLines('Facts', c.facts),
    ...factLines('Console facts', c.consoleFacts),
  ];
  section('Technical context', `${page}\n${noformat(technical.join('\n'), BUDGET.technical)}`);

  const text = fitWiki(`${sections.join('\n\n')}\n\n${captureReferenceLine(draft.captureRef)}`);
  return { text, redactions };
}

export function composeDescription(draft: Draft, options: DescriptionOptions = {}): string {
  return composeDescriptionWithStats(draft, options).text;
}
