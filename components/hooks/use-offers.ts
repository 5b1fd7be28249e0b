import { useState } from 'preact/hooks';
import { findOffers, type Offers, type OffersSend } from '@/utils/composer/offers';
import { sendMessage } from '@/utils/messages/background';
import type { Draft } from '@/utils/ticket/draft';

const offersSend: OffersSend = {
  searchMyRequests: (term) =>
    sendMessage('searchMyRequests', { term, requestStatus: 'OPEN_REQUESTS' }),
  searchKnowledgeBase: (query, serviceDeskId) =>
    sendMessage('searchKnowledgeBase', { query, serviceDeskId }),
};

const NONE: Offers = { requests: [], articles: [] };

type OffersState = 'idle' | 'searching' | 'done';

/**
 * Likely duplicates and articles, searched only when the user presses "Find similar
 * requests": the search sends the summary to the portal, and nothing may leave before the
 * user asks (README, Privacy).
 */
export function useOffers(ready: boolean, draft: Draft | undefined) {
  const [offers, setOffers] = useState<Offers>(NONE);
  const [state, setState] = useState<OffersState>('idle');
  const canSearch = ready && !!draft && draft.summary.trim() !== '' && state !== 'searching';
  const find = () => {
    if (!canSearch || !draft) return;
    setState('searching');
    void findOffers(offersSend, draft).then((found) => {
      setOffers(found);
      setState('done');
    });
  };
  return { offers, state, canSearch, find };
}
