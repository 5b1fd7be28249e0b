import { describe, expect, it, vi } from 'vitest';
import { findOffers, type OffersSend } from '@/utils/composer/offers';
import { draft, event } from '../ticket/fixtures';

const req = (issueKey: string, summary: string, statusCategory = 'NEW') => ({
  issueKey,
  summary,
  statusCategory,
  webUrl: `https://portal.example/${issueKey}`,
});

describe('duplicates and answers', () => {
  it('offers open requests alike by summary or error, and the closest articles', async () => {
    const send: OffersSend = {
      searchMyRequests: vi.fn(async (term: string) => ({
        requests: term
          ? [req('SUP-1', "TypeError: Cannot read properties of undefined (reading 'total')")]
          : [
              req('SUP-1', "TypeError: Cannot read properties of undefined (reading 'total')"),
              req('SUP-2', 'Password rotation question'),
              req(
                'SUP-3',
                "TypeError: Cannot read properties of undefined (reading 'total')",
                'DONE',
              ),
            ],
      })),
      searchKnowledgeBase: vi.fn(async () => ({
        articles: [
          { title: 'Rotating passwords', excerpt: 'How to rotate.' },
          { title: 'TypeError reading total in billing', url: 'https://kb/1' },
        ],
      })),
    };
    const offers = await findOffers(send, draft());
    expect(offers.requests.map((c) => c.request.issueKey)).toEqual(['SUP-1']);
    expect(offers.articles.map((a) => a.title)).toEqual(['TypeError reading total in billing']);
  });

  it('a failing search offers nothing rather than failing', async () => {
    const send: OffersSend = {
      searchMyRequests: vi.fn(async () => {
        throw new Error('offline');
      }),
      searchKnowledgeBase: vi.fn(async () => {
        throw new Error('404');
      }),
    };
    expect(await findOffers(send, draft({}, { events: [event('boom')] }))).toEqual({
      requests: [],
      articles: [],
    });
  });

  it('searches the knowledge base with a plain query from the summary', async () => {
    const searchKnowledgeBase = vi.fn(async () => ({ articles: [] }));
    const send: OffersSend = {
      searchMyRequests: async () => ({ requests: [] }),
      searchKnowledgeBase,
    };
    await findOffers(send, draft({ summary: "TypeError: Cannot read (reading 'x') at /a/b" }));
    expect(searchKnowledgeBase).toHaveBeenCalledWith(
      "TypeError Cannot read reading 'x' at",
      undefined,
    );
  });
});
