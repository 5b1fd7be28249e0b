/**
 * JSM pages carry `start`, `limit`, `size` and `isLastPage` but no total (SPEC `PagedDTO*`), so
 * the only correct loop is "ask for the next `start` until `isLastPage` is true".
 */
import { AppError } from '../errors';
import type { Page } from './schemas';

type FetchPage<T> = (start: number, limit: number) => Promise<Page<T>>;

export interface WalkOptions {
  /** Items asked per page (JSM's default is 50). */
  limit?: number;
  /** Safety stop against a portal that never says `isLastPage` (default 50 pages). */
  maxPages?: number;
}

/** Yields each page in order, starting at 0. */
async function* walkPages<T>(
  fetchPage: FetchPage<T>,
  options: WalkOptions = {},
): AsyncGenerator<Page<T>> {
  const limit = options.limit ?? 50;
  const maxPages = options.maxPages ?? 50;
  let start = 0;
  for (let pageNumber = 0; pageNumber < maxPages; pageNumber += 1) {
    const page = await fetchPage(start, limit);
    yield page;
    if (page.isLastPage) return;
    // A page that is not the last but is empty would loop forever: stop instead.
    if (page.values.length === 0) return;
    // Trust what the portal says it served; it may cap `limit` below what was asked.
    start = page.start + page.values.length;
  }
  throw new AppError({
    code: 'unexpected-response',
    message: `The portal kept sending more pages (over ${maxPages}). Narrow the search and try again.`,
    messageKey: 'error_tooManyPages',
    values: [String(maxPages)],
  });
}

/** All items of every page. */
export async function collectPages<T>(
  fetchPage: FetchPage<T>,
  options?: WalkOptions,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of walkPages(fetchPage, options)) items.push(...page.values);
  return items;
}
