/**
 * What one step of the user looks like (a breadcrumb). The schema validates crumbs where they
 * cross contexts (content script -> background -> popup); the page-side recorder uses the
 * type only, and its bounds from limits.ts.
 */
import * as z from 'zod/mini';
import { BREADCRUMB_LIMITS } from './limits';

export { BREADCRUMB_LIMITS } from './limits';

export const BreadcrumbKindSchema = z.enum([
  /** The page (re)loaded: a full navigation. */
  'load',
  /** An in-app route change (history API, hash) or a traversal. */
  'route',
  'click',
  /** A field was changed (never its value). */
  'change',
  'submit',
  /** Enter or Escape. */
  'key',
  'dialog',
  'scroll',
]);
export type BreadcrumbKind = z.infer<typeof BreadcrumbKindSchema>;

const shortText = z.string().check(z.maxLength(BREADCRUMB_LIMITS.storedChars));

/**
 * One user action. Crosses content script -> background -> popup, so it is validated at each
 * hop; a page can forge DOM events, so it is only ever shown as text.
 */
export const BreadcrumbSchema = z.object({
  kind: BreadcrumbKindSchema,
  /** Epoch milliseconds of the first occurrence. */
  time: z.number(),
  /** Epoch milliseconds of the last occurrence, when folded. */
  lastTime: z.optional(z.number()),
  count: z._default(z.int().check(z.minimum(1)), 1),
  /** Accessible name or visible text of the control (redacted), or a dialog's title. */
  label: z._default(shortText, ''),
  /** Human role word: "button", "link", "text field"... */
  role: z.optional(z.string().check(z.maxLength(40))),
  /** `Enter` or `Escape` for key crumbs. */
  key: z.optional(z.enum(['Enter', 'Escape'])),
  /** Path and hash of the page (query values removed, redacted): the new one for routes. */
  location: shortText,
  /** How a route or load happened. */
  navigation: z.optional(z.enum(['navigate', 'push', 'replace', 'traverse', 'reload', 'unknown'])),
});
export type Breadcrumb = z.infer<typeof BreadcrumbSchema>;
