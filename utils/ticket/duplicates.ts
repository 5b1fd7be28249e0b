/**
 * Finds existing requests that look like this one, to offer before submit: by the summary's
 * words and by an error signature (the first error with its variable parts removed, so the same
 * failure on another request id or tenant still matches).
 */

import { tokens } from '../text/text-match';
import { type Draft, includedEvents } from './draft';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Long hex runs with at least one digit: hashes, trace and request ids.
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<hex>'],
  // Ids mixing letters and digits ("req_8f3k2", "abc123def").
  [/\b(?=\w*\d)(?=\w*[a-z])\w{6,}\b/gi, '<id>'],
  [/\d+(?:\.\d+)*/g, '<n>'],
];

/** The first error's message with numbers, ids, hex, uuids and URLs replaced. */
export function errorSignature(message: string): string {
  let text = (message.split('\n').find((line) => line.trim()) ?? '').trim();
  text = text.replace(/^uncaught\s+(\(in promise\)\s*)?/i, '');
  for (const [pattern, replacement] of PATTERNS) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 200);
}

/** The signature of the draft's first included error, if it has one. */
export function draftSignature(draft: Draft): string | undefined {
  const first = includedEvents(draft).find((e) => e.kind !== 'console-warn');
  return first ? errorSignature(first.message) : undefined;
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'at',
  'be',
  'by',
  'can',
  'cannot',
  'for',
  'from',
  'in',
  'is',
  'it',
  'not',
  'of',
  'on',
  'or',
  'the',
  'this',
  'to',
  'when',
  'with',
  'error',
  'n',
  'id',
  'hex',
  'url',
  'uuid',
]);

function words(text: string): Set<string> {
  return new Set(
    tokens(text).filter((t) => t.length > 1 && !STOP_WORDS.has(t) && !/^\d+$/.test(t)),
  );
}

/** Dice coefficient of two texts' significant words, 0..1. */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  return (2 * shared) / (wa.size + wb.size);
}

interface ExistingRequest {
  issueKey: string;
  summary: string;
  /** Extra text to compare signatures against, when known. */
  description?: string;
  status?: string;
  link?: string;
}

export interface DuplicateCandidate<R extends ExistingRequest = ExistingRequest> {
  request: R;
  score: number;
  /** Why it was offered. */
  reason: 'summary' | 'error';
}

interface DuplicateQuery {
  summary: string;
  signature?: string;
}

/** How alike a request is to the draft, 0..1, and which part matched best. */
function scoreRequest(query: DuplicateQuery, request: ExistingRequest): DuplicateCandidate {
  const bySummary = similarity(query.summary, request.summary);
  let byError = 0;
  if (query.signature) {
    const theirs = `${request.summary}\n${request.description ?? ''}`;
    const theirSignatures = theirs.split('\n').map(errorSignature).filter(Boolean);
    byError = theirSignatures.some((s) => s.includes(query.signature ?? '\u0000'))
      ? 1
      : Math.max(0, ...theirSignatures.map((s) => similarity(query.signature ?? '', s)));
  }
  return byError > bySummary
    ? { request, score: byError, reason: 'error' }
    : { request, score: bySummary, reason: 'summary' };
}

/** Requests that look like this one, best first. */
export function findLikelyDuplicates<R extends ExistingRequest>(
  query: DuplicateQuery,
  requests: readonly R[],
  options: { threshold?: number; limit?: number } = {},
): DuplicateCandidate<R>[] {
  const threshold = options.threshold ?? 0.5;
  return requests
    .map((request) => ({ ...scoreRequest(query, request), request }))
    .filter((c) => c.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.limit ?? 5);
}
