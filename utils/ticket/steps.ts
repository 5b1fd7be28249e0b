/**
 * Drafts "steps to reproduce" from what the user did (breadcrumbs) and what went wrong
 * (captured errors and failed requests): a numbered, human-readable list that ends at the error
 * that prompted the report, with times relative to it. The user edits the draft freely.
 *
 * Noise rules: scrolls are dropped; identical consecutive steps are folded with a count
 * ("(3 times)"); a route change right after a click is told as that click's result; a form
 * submitted by the click or Enter just before it is folded into that step; a field's change
 * replaces the click into it; redirects (route changes in quick succession) keep only the last.
 */
import type { Breadcrumb } from '../capture/breadcrumbs';
import { redact } from '../privacy/redact';

/** A captured page event (PageEvent fits). */
interface StepPageEvent {
  kind: string;
  message: string;
  time: number;
  lastTime?: number;
  count?: number;
}

/** A failed request as the capture reports it. */
interface StepFailedRequest {
  time: number;
  url: string;
  method?: string;
  status?: number;
  /** A network error such as `net::ERR_CONNECTION_REFUSED`. */
  error?: string;
  count?: number;
  lastTime?: number;
  /** The server's correlation headers (x-request-id, traceparent…); the first is shown. */
  requestIds?: readonly { name: string; value: string }[];
}

type StepEvent = StepPageEvent | StepFailedRequest;

interface DraftOptions {
  /** Time of the error the report is about (default: the most recent error). */
  errorTime?: number;
  /** Reference time when there is no error (default: the last step). */
  now?: number;
  /** Steps kept, the last ones (default 20). */
  maxSteps?: number;
}

interface DraftStep {
  text: string;
  /** Epoch milliseconds. */
  time: number;
  isError: boolean;
}

interface StepsDraft {
  steps: DraftStep[];
  /** The numbered list, one step a line. Empty when nothing was recorded. */
  text: string;
  /** Whether the list ends at an error (times are relative to it) or at the report. */
  endsAtError: boolean;
}

/** Gaps under which one step is taken as the direct result of the one before (ms). */
const RESULT_WITHIN_MS = 1_500;
const REDIRECT_WITHIN_MS = 2_000;
const MESSAGE_CHARS = 160;
/** A pause worth saying in the steps (ms). */
const PAUSE_MS = 60_000;

/** Event kinds that are errors; warnings are not steps. */
const ERROR_KINDS = new Set([
  'console-error',
  'uncaught-error',
  'unhandled-rejection',
  'resource-error',
  'failed-request',
  'network-error',
]);

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
const clean = (text: string, max = 120) => cut(redact(text.replace(/\s+/g, ' ').trim()), max);

interface Item {
  kind: Breadcrumb['kind'] | 'error';
  time: number;
  count: number;
  text: string;
  /** Where a route step went, kept apart so a redirect can replace it. */
  where?: string;
  /** For folding: what control it was about. */
  control?: string;
  role?: string;
  /** Order among items with the same time: actions before the errors they cause. */
  rank: number;
  /** Position in the inputs, for a stable order. */
  index: number;
}

function quoted(label: string): string {
  const text = clean(label);
  return text ? ` "${text}"` : '';
}

function controlText(role: string | undefined, label: string): string {
  const name = quoted(label);
  if (role) return `${name ? '' : 'a '}${role}${name}`;
  return name.trim() || 'an element';
}

function describeCrumb(crumb: Breadcrumb): string | undefined {
  switch (crumb.kind) {
    case 'load':
      if (crumb.navigation === 'reload') return 'Reloaded ';
      if (crumb.navigation === 'traverse') return 'Went back or forward to ';
      return 'Opened ';
    case 'route':
      return crumb.navigation === 'traverse' ? 'Went back or forward to ' : 'Went to ';
    case 'click':
      return `Clicked ${controlText(crumb.role, crumb.label)}`;
    case 'change':
      return `Changed ${controlText(crumb.role, crumb.label)}`;
    case 'submit':
      return `Submitted the form${quoted(crumb.label)}`;
    case 'key': {
      const field = crumb.label || crumb.role ? ` in ${controlText(crumb.role, crumb.label)}` : '';
      return `Pressed ${crumb.key ?? 'a key'}${field}`;
    }
    case 'dialog':
      return crumb.label ? `The dialog${quoted(crumb.label)} opened` : 'A dialog opened';
    case 'scroll':
      return undefined;
  }
}

function isFailedRequest(event: StepEvent): event is StepFailedRequest {
  return !('message' in event) && 'url' in event;
}

function describeEvent(event: StepEvent): string | undefined {
  if (isFailedRequest(event)) {
    let path = event.url;
    try {
      const url = new URL(event.url);
      path = `${url.origin}${url.pathname}`;
    } catch {
      // Keep it as given.
    }
    const outcome = event.status ? String(event.status) : clean(event.error ?? 'failed', 60);
    const id = event.requestIds?.[0];
    const idText = id ? ` (${clean(id.name, 40)} ${clean(id.value, 80)})` : '';
    return `Request failed: ${event.method ?? 'GET'} ${clean(path, 200)} → ${outcome}${idText}`;
  }
  if (!ERROR_KINDS.has(event.kind)) return undefined;
  const message = clean(event.message, MESSAGE_CHARS);
  switch (event.kind) {
    case 'console-error':
      return `Error in the console: ${message}`;
    case 'uncaught-error':
      return `Uncaught error: ${message}`;
    default:
      return message;
  }
}

/** "12 s", "1 min 5 s", "2 h 3 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** Applies the noise rules to items in time order. */
function collapse(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    if (item.kind === 'scroll') continue;
    const last = out[out.length - 1];
    const gap = last ? item.time - last.time : Number.POSITIVE_INFINITY;
    if (last && last.kind === item.kind && last.text === item.text && last.where === item.where) {
      last.count += item.count;
      continue;
    }
    // A click that changed the route: one step.
    if (item.kind === 'route' && last?.kind === 'click' && gap <= RESULT_WITHIN_MS) {
      last.text = `${last.text} and went to `;
      last.where = item.where;
      last.kind = 'route';
      last.time = item.time;
      continue;
    }
    // A redirect: keep where it ended.
    if (item.kind === 'route' && last?.kind === 'route' && gap <= REDIRECT_WITHIN_MS) {
      last.where = item.where;
      last.time = item.time;
      continue;
    }
    if (
      item.kind === 'submit' &&
      (last?.kind === 'click' || last?.kind === 'key') &&
      gap <= RESULT_WITHIN_MS
    ) {
      last.text = `${last.text}, which submitted the form${item.control ? ` "${item.control}"` : ''}`;
      last.kind = 'submit';
      continue;
    }
    // Clicking into a field and changing it: the change says both.
    if (
      item.kind === 'change' &&
      last?.kind === 'click' &&
      last.control === item.control &&
      last.role === item.role
    ) {
      if (!['checkbox', 'radio button', 'switch'].includes(item.role ?? '')) {
        last.text = item.text;
        last.kind = 'change';
      }
      continue;
    }
    out.push({ ...item });
  }
  return out;
}

/**
 * The draft from a breadcrumb trail and the page's events (errors and failed requests), merged
 * by time. Ends at the error the report is about; every label and message is redacted.
 */
export function draftSteps(
  breadcrumbs: readonly Breadcrumb[] | undefined,
  events: readonly StepEvent[] | undefined,
  options: DraftOptions = {},
): StepsDraft {
  const items: Item[] = [];
  let index = 0;
  for (const crumb of breadcrumbs ?? []) {
    const text = describeCrumb(crumb);
    index += 1;
    if (text === undefined && crumb.kind !== 'scroll') continue;
    items.push({
      kind: crumb.kind,
      time: crumb.time,
      count: crumb.count ?? 1,
      text: text ?? '',
      where:
        crumb.kind === 'load' || crumb.kind === 'route'
          ? clean(crumb.location, 200) || '/'
          : undefined,
      control: clean(crumb.label),
      role: crumb.role,
      rank: 0,
      index,
    });
  }

  // The error the report is about: the one asked for, else the most recent. At the same
  // millisecond, a failed request comes first and the page's error (which usually reports
  // it, in the app's words) last.
  const errors = (events ?? []).filter((event) => describeEvent(event) !== undefined);
  const latest = (event: StepEvent) => event.lastTime || event.time;
  const rankOf = (event: StepEvent) => (isFailedRequest(event) ? 1 : 2);
  let final: StepEvent | undefined;
  for (const event of errors) {
    if (options.errorTime !== undefined) {
      if (event.time === options.errorTime || latest(event) === options.errorTime) final = event;
    } else if (
      !final ||
      latest(event) > latest(final) ||
      (latest(event) === latest(final) && rankOf(event) >= rankOf(final))
    ) {
      final = event;
    }
  }
  for (const event of errors) {
    index += 1;
    // The final error stands where it last happened: that is what prompted the report.
    const time = event === final ? (options.errorTime ?? latest(event)) : event.time;
    items.push({
      kind: 'error',
      time,
      count: event.count ?? 1,
      text: describeEvent(event) ?? '',
      rank: rankOf(event),
      index,
    });
  }

  items.sort((a, b) => a.time - b.time || a.rank - b.rank || a.index - b.index);

  const endTime = final ? (options.errorTime ?? latest(final)) : undefined;
  let kept = items;
  if (endTime !== undefined && final) {
    const finalText = describeEvent(final);
    const end = items.findIndex(
      (item) => item.kind === 'error' && item.time === endTime && item.text === finalText,
    );
    kept = end >= 0 ? items.slice(0, end + 1) : items.filter((item) => item.time <= endTime);
  }

  let steps = collapse(kept);
  const maxSteps = options.maxSteps ?? 20;
  if (steps.length > maxSteps) steps = steps.slice(steps.length - maxSteps);
  if (steps.length === 0) return { steps: [], text: '', endsAtError: false };

  const endsAtError = final !== undefined && steps[steps.length - 1]?.kind === 'error';
  // One time where it helps: how long before the first error the trail starts (or before the
  // report, without an error), and a long pause where there is one; errors carry none.
  const firstError = steps.find((step) => step.kind === 'error');
  const reference = firstError
    ? firstError.time
    : (options.now ?? (steps[steps.length - 1] as Item).time);
  const what = firstError ? 'first error' : 'report';

  const draft: DraftStep[] = steps.map((step, position) => {
    const times = step.count > 1 ? ` (${step.count} times)` : '';
    let when = '';
    if (step.kind !== 'error') {
      const before = reference - step.time;
      const gap = position > 0 ? step.time - (steps[position - 1] as Item).time : 0;
      if (position === 0 && before >= 1000)
        when = ` (${formatDuration(before)} before the ${what})`;
      else if (gap >= PAUSE_MS) when = ` (after a pause of ${formatDuration(gap)})`;
    }
    return {
      text: `${step.text}${step.where ?? ''}${times}${when}`,
      time: step.time,
      isError: step.kind === 'error',
    };
  });
  return {
    steps: draft,
    text: draft.map((step, position) => `${position + 1}. ${step.text}`).join('\n'),
    endsAtError,
  };
}
