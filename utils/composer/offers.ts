/**
 * Before submit: the user's open requests that look like this report (by summary and by the
 * first error's signature) and knowledge-base articles that may answer it. Searches go
 * through an injected `send`; ranking is utils/ticket/duplicates.ts.
 */
import type * as z from 'zod/mini';
import type {
  KnowledgeSearchResultSchema,
  RequestSearchResultSchema,
  RequestSummary,
} from '../portal/protocol';
import type { Draft } from '../ticket/draft';
import {
  type DuplicateCandidate,
  draftSignature,
  findLikelyDuplicates,
  similarity,
} from '../ticket/duplicates';

export interface OffersSend {
  searchMyRequests(term: string): Promise<z.infer<typeof RequestSearchResultSchema>>;
  searchKnowledgeBase(
    query: string,
    serviceDeskId?: string,
  ): Promise<z.infer<typeof KnowledgeSearchResultSchema>>;
}

type Article = z.infer<typeof KnowledgeSearchResultSchema>['articles'][number];

export interface Offers {
  requests: DuplicateCandidate<RequestSummary & { link?: string }>[];
  articles: Article[];
}

/** Query words for the portal's searches: the summary's first words, without punctuation. */
function searchQuery(text: string, maxWords = 8): string {
  return text
    .replace(/[^\p{L}\p{N}\s'-]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1)
    .slice(0, maxWords)
    .join(' ');
}

/**
 * Open requests and articles like this draft. Each search may fail on its own (a portal
 * without a knowledge base answers 404): what was found is still offered.
 */
export async function findOffers(
  send: OffersSend,
  draft: Pick<Draft, 'summary' | 'context' | 'excludedEvents' | 'serviceDeskId'>,
): Promise<Offers> {
  const summary = draft.summary.trim();
  const signature = draftSignature(draft as Draft);
  // The portal matches its search term as a phrase; the recent open requests (no term) are
  // ranked here too, so a reworded summary still finds its twin.
  const terms = [...new Set([summary, ''])];
  const found = new Map<string, RequestSummary>();
  await Promise.all(
    terms.map(async (term) => {
      try {
        const { requests } = await send.searchMyRequests(term);
        for (const r of requests) found.set(r.issueKey, r);
      } catch {
        // Offers are a help, not a step: a failed search shows nothing.
      }
    }),
  );
  const open = [...found.values()].filter((r) => r.statusCategory !== 'DONE');
  const requests = findLikelyDuplicates(
    { summary, signature },
    open.map((r) => ({ ...r, link: r.webUrl })),
  );

  let articles: Article[] = [];
  const query = searchQuery(summary);
  if (query) {
    try {
      // The portal matches any word: keep the articles closest to the summary.
      const found = (await send.searchKnowledgeBase(query, draft.serviceDeskId)).articles;
      articles = found
        .map((a) => ({ a, score: similarity(summary, `${a.title} ${a.excerpt ?? ''}`) }))
        .filter((r) => r.score > 0)
        .sort((x, y) => y.score - x.score)
        .slice(0, 3)
        .map((r) => r.a);
    } catch {
      articles = [];
    }
  }
  return { requests, articles };
}
