import { useEffect, useState } from 'preact/hooks';
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

/**
 * Likely duplicates and articles, searched once the portal is ready and again when the
 * summary settles after an edit (a second apart, not on every key).
 */
export function useOffers(ready: boolean, draft: Draft | undefined) {
  const [offers, setOffers] = useState<Offers>(NONE);
  const summary = draft?.summary.trim() ?? '';
  const deskId = draft?.serviceDeskId;
  useEffect(() => {
    if (!ready || !draft || !summary) return;
    let live = true;
    const timer = setTimeout(
      () => void findOffers(offersSend, draft).then((found) => live && setOffers(found)),
      offers === NONE ? 0 : 1000,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ready, summary, deskId, draft?.captureRef]);
  return offers;
}
