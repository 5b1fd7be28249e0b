import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Capture } from '@/utils/capture/capture';
import { newDraftRecord } from '@/utils/composer/draft-record';
import {
  createAutosave,
  discardDraft,
  loadDraftRecord,
  readDraftRecords,
  saveDraftRecord,
} from '@/utils/composer/drafts';
import { composerChoiceItem } from '@/utils/composer/items';
import type { ErrorInfo } from '@/utils/errors';
import { storageWriteError } from '@/utils/storage-errors';
import { createDraftFromCapture, type Draft, touchDraft } from '@/utils/ticket/draft';
import { draftSteps } from '@/utils/ticket/steps';

/**
 * What a draft is made from besides the capture: the last request type chosen, and the stored
 * drafts with the open tabs (a draft of a closed tab is adopted, after a browser restart).
 */
const readDraftSources = () => ({
  choice: composerChoiceItem.get(),
  tabs: browser.tabs.query({}),
  records: readDraftRecords(),
});

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The draft of the captured tab: restored from storage (also after a browser restart), else
 * pre-filled from the capture; saved 300 ms after every change and when the popup is hidden.
 */
export function useDraft(tabId: number | undefined, capture: Capture | undefined) {
  const [draft, setDraft] = useState<Draft>();
  const [restored, setRestored] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [saveState, setSaveState] = useState<SaveState>('idle');
  // Why the last save failed, in the user's words (a full or refusing storage).
  const [saveError, setSaveError] = useState<ErrorInfo>();
  const where = useRef<{ tabId: number; url: string } | undefined>(undefined);
  const jobRef = useRef<string | undefined>(undefined);
  // Whether the draft is worth keeping: the user changed it, or it was kept before. A draft
  // nobody touched is not stored, so reopening after a reload pre-fills from the new capture.
  const kept = useRef(false);

  const recorded = useMemo(
    () =>
      capture
        ? draftSteps(capture.breadcrumbs, [...capture.events, ...capture.failedRequests])
        : undefined,
    [capture],
  );

  const autosave = useMemo(
    () =>
      createAutosave(async (next) => {
        const at = where.current;
        if (!at) return;
        setSaveState('saving');
        try {
          const record = newDraftRecord(at.tabId, at.url, next, Date.now());
          await saveDraftRecord(jobRef.current ? { ...record, jobId: jobRef.current } : record);
          setSaveState('saved');
          setSaveError(undefined);
        } catch (cause) {
          // i18n-ignore: a log line for developers; the user sees the notice.
          console.warn('The draft could not be saved', cause);
          setSaveState('failed');
          setSaveError(storageWriteError('draft', cause).info);
        }
      }),
    [],
  );

  const fresh = async (from: Capture, choiceRead = composerChoiceItem.get()): Promise<Draft> => {
    const choice = await choiceRead;
    return createDraftFromCapture(from, {
      recordedSteps: recorded?.text,
      serviceDeskId: choice.serviceDeskId,
      requestTypeId: choice.requestTypeId,
    });
  };

  // What the draft is made from besides the capture is read as soon as the tab is known: the
  // capture takes longer, and the form waits for whichever comes last. Used once; a later
  // capture of the same tab reads again.
  const early = useMemo(() => (tabId === undefined ? undefined : readDraftSources()), [tabId]);
  const earlyUsed = useRef(false);

  useEffect(() => {
    if (tabId === undefined || !capture) return;
    let live = true;
    where.current = { tabId, url: capture.url };
    const reads = early && !earlyUsed.current ? early : readDraftSources();
    earlyUsed.current = true;
    void (async () => {
      const open = new Set((await reads.tabs).map((tab) => tab.id));
      const record = await loadDraftRecord(tabId, capture.url, (id) => open.has(id), reads.records);
      const next = record?.draft ?? (await fresh(capture, reads.choice));
      if (!live) return;
      jobRef.current = record?.jobId;
      kept.current = record !== undefined;
      setJobId(record?.jobId);
      setRestored(record !== undefined);
      setDraft(next);
      // A draft adopted from a closed tab (browser restart) moves to this tab at once.
      if (record && record.tabId !== tabId) autosave.schedule(next);
    })();
    return () => {
      live = false;
    };
  }, [tabId, capture]);

  // The popup closes on blur: save what is pending before it goes.
  useEffect(() => {
    const flush = () => void autosave.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [autosave]);

  const update = (next: Draft) => {
    kept.current = true;
    const touched = touchDraft(next);
    setDraft(touched);
    autosave.schedule(touched);
  };
  /** A change the popup made on its own (the portal's first choice): saved only if kept. */
  const adjust = (next: Draft) => {
    setDraft(next);
    if (kept.current) autosave.schedule(next);
  };

  /** "Discard draft": forget the edits and start again from the capture. */
  const discard = async () => {
    autosave.cancel();
    if (draft) await discardDraft(draft.captureRef);
    jobRef.current = undefined;
    kept.current = false;
    setJobId(undefined);
    setRestored(false);
    setSaveState('idle');
    setSaveError(undefined);
    if (capture) setDraft(await fresh(capture));
  };

  /** The draft was handed to the outbox: keep it (and the job) until it is delivered. */
  const markSent = async (id: string) => {
    jobRef.current = id;
    setJobId(id);
    if (draft) autosave.schedule(draft);
    await autosave.flush();
  };

  /** The report went elsewhere (added to an existing request): the draft is done. */
  const finish = async () => {
    autosave.cancel();
    if (draft) await discardDraft(draft.captureRef);
  };

  return {
    draft,
    update,
    adjust,
    restored,
    jobId,
    saveState,
    saveError,
    recorded,
    discard,
    markSent,
    finish,
  };
}
