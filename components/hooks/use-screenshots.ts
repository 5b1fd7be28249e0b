/**
 * Wiring between the screenshot components and the extension: the tab's list from storage
 * (kept live), images from IndexedDB as object URLs, and the capture/annotation messages.
 * Used by the popup and by the editor page.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type {
  ScreenshotsEvents,
  ScreenshotsState,
} from '@/components/screenshot/ScreenshotsSection';
import { getBlob, putBlob } from '@/utils/blob-store';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import { onPageMessages } from '@/utils/messages/pages';
import { redact } from '@/utils/privacy/redact';
import type { AnnotationDoc } from '@/utils/screenshot/annotations';
import { tabScreenshotsItem } from '@/utils/screenshot/items';
import { isImage, type Screenshot, tabOwner } from '@/utils/screenshot/model';
import type { CaptureProgress } from '@/utils/screenshot/protocol';

interface UseScreenshotsOptions {
  /** Take a visible screenshot at once when the tab has none yet (the popup opening). */
  autoCapture?: boolean;
  /** Open the editor on this screenshot (the editor page). */
  editId?: string;
  /** Set where a larger editor page exists (the popup). */
  largeEditor?: boolean;
}

const SAVE_DELAY_MS = 250;

function versionOf(item: Screenshot): string {
  return `${item.uploadBlobId}:${item.uploadBytes}:${JSON.stringify(item.annotations).length}`;
}

export function useScreenshots(
  tabId: number | undefined,
  options: UseScreenshotsOptions = {},
): ScreenshotsState & ScreenshotsEvents {
  const [items, setItems] = useState<Screenshot[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [thumbnails, setThumbnails] = useState<Record<string, string>>({});
  const [editingId, setEditingId] = useState<string | undefined>(options.editId);
  const [editing, setEditing] = useState<ScreenshotsState['editing']>();
  const [pendingVisible, setPendingVisible] = useState(0);
  const [job, setJob] = useState<{ id: string; progress?: CaptureProgress }>();
  const [saveState, setSaveState] = useState<ScreenshotsState['saveState']>('idle');
  const [error, setError] = useState<ErrorInfo>();
  const [status, setStatus] = useState<string>();
  const urls = useRef(new Map<string, { version: string; url: string }>());
  const saves = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const pendingDocs = useRef(new Map<string, AnnotationDoc>());
  const autoCaptured = useRef(false);

  const fail = useCallback((cause: unknown) => setError(AppError.from(cause).info), []);

  // The list: read once, then follow the background's writes.
  useEffect(() => {
    if (tabId === undefined) return;
    const item = tabScreenshotsItem(tabId);
    let live = true;
    void item.get().then((list) => {
      if (!live) return;
      setItems(list);
      setLoaded(true);
    });
    const stop = item.watch((list) => setItems(list));
    return () => {
      live = false;
      stop();
    };
  }, [tabId]);

  // Thumbnails: object URLs of what will be uploaded, refreshed when that changes.
  useEffect(() => {
    let live = true;
    const cache = urls.current;
    void (async () => {
      for (const item of items.filter(isImage)) {
        const version = versionOf(item);
        if (cache.get(item.id)?.version === version) continue;
        const stored = await getBlob(item.uploadBlobId);
        if (!live || !stored) continue;
        const old = cache.get(item.id);
        if (old) URL.revokeObjectURL(old.url);
        cache.set(item.id, { version, url: URL.createObjectURL(stored.blob) });
      }
      for (const id of [...cache.keys()]) {
        if (!items.some((item) => item.id === id)) {
          URL.revokeObjectURL(cache.get(id)?.url ?? '');
          cache.delete(id);
        }
      }
      if (live) {
        setThumbnails(Object.fromEntries([...cache].map(([id, entry]) => [id, entry.url])));
      }
    })();
    return () => {
      live = false;
    };
  }, [items]);

  // The editor shows the original; annotations are drawn over it.
  const editingItem = items.find((item) => item.id === editingId);
  const editingBlobId = editingItem?.originalBlobId;
  useEffect(() => {
    if (!editingItem || !editingBlobId) {
      setEditing(undefined);
      return;
    }
    let url: string | undefined;
    let live = true;
    void getBlob(editingBlobId).then((stored) => {
      if (!live || !stored) return;
      url = URL.createObjectURL(stored.blob);
      setEditing({ item: editingItem, imageUrl: url });
    }, fail);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
    // Only a different image needs a new URL; annotation saves must not reload the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editingBlobId]);

  const captureVisible = useCallback(async () => {
    if (tabId === undefined) return;
    setError(undefined);
    setPendingVisible((count) => count + 1);
    try {
      await sendMessage('captureVisible', { tabId });
      setStatus(t('shots_added'));
    } catch (cause) {
      fail(cause);
    } finally {
      setPendingVisible((count) => count - 1);
    }
  }, [tabId, fail]);

  useEffect(() => {
    if (!options.autoCapture || !loaded || autoCaptured.current) return;
    autoCaptured.current = true;
    if (items.length === 0) void captureVisible();
  }, [options.autoCapture, loaded, items.length, captureVisible]);

  // Progress of our full-page job, sent by the background.
  const jobId = job?.id;
  useEffect(() => {
    if (!jobId) return;
    return onPageMessages({
      captureProgress: (progress) => {
        if (progress.jobId === jobId) {
          setJob((current) => (current?.id === jobId ? { id: jobId, progress } : current));
        }
        return {};
      },
    });
  }, [jobId]);

  const captureFullPage = useCallback(async () => {
    if (tabId === undefined) return;
    setError(undefined);
    const id = crypto.randomUUID();
    setJob({ id });
    try {
      const shot = await sendMessage('captureFullPage', { tabId, jobId: id });
      setStatus(shot.note ? `${t('shots_fullPageAdded')} ${shot.note}` : t('shots_fullPageAdded'));
    } catch (cause) {
      const info = AppError.from(cause).info;
      if (info.code === 'cancelled') setStatus('Full-page capture cancelled.');
      else setError(info);
    } finally {
      setJob(undefined);
    }
  }, [tabId]);

  const cancel = useCallback(() => {
    if (jobId) void sendMessage('cancelCapture', { jobId }).catch(fail);
  }, [jobId, fail]);

  const attachFiles = useCallback(
    async (files: File[]) => {
      if (tabId === undefined) return;
      setError(undefined);
      for (const file of files) {
        try {
          // The bytes go to IndexedDB here; the message carries only their id.
          const stored = await putBlob({
            owner: tabOwner(tabId),
            blob: file,
            name: redact(file.name).slice(0, 255),
          });
          await sendMessage('addFile', { tabId, blobId: stored.id });
          setStatus(`Attached ${stored.name}.`);
        } catch (cause) {
          fail(cause);
        }
      }
    },
    [tabId, fail],
  );

  const flush = useCallback(
    async (id: string) => {
      const doc = pendingDocs.current.get(id);
      if (tabId === undefined || !doc) return;
      pendingDocs.current.delete(id);
      try {
        await sendMessage('saveAnnotations', { tabId, id, annotations: doc });
        if (pendingDocs.current.size === 0) setSaveState('saved');
      } catch (cause) {
        setSaveState('idle');
        fail(cause);
      }
    },
    [tabId, fail],
  );

  const annotate = useCallback(
    (id: string, doc: AnnotationDoc) => {
      setSaveState('saving');
      pendingDocs.current.set(id, doc);
      clearTimeout(saves.current.get(id));
      saves.current.set(
        id,
        setTimeout(() => void flush(id), SAVE_DELAY_MS),
      );
    },
    [flush],
  );

  // The popup closes whenever it loses focus: send what is pending right away.
  useEffect(() => {
    const onHide = () => {
      for (const id of [...pendingDocs.current.keys()]) void flush(id);
    };
    addEventListener('pagehide', onHide);
    return () => removeEventListener('pagehide', onHide);
  }, [flush]);

  const remove = useCallback(
    async (id: string) => {
      if (tabId === undefined) return;
      if (editingId === id) setEditingId(undefined);
      try {
        await sendMessage('removeScreenshot', { tabId, id });
        setStatus('Removed.');
      } catch (cause) {
        fail(cause);
      }
    },
    [tabId, editingId, fail],
  );

  const openLarge = useCallback(
    (id: string) => {
      if (tabId === undefined) return;
      const url = `${browser.runtime.getURL('/editor.html')}?tabId=${tabId}&id=${encodeURIComponent(id)}`;
      void browser.tabs.create({ url }).catch(fail);
    },
    [tabId, fail],
  );

  return useMemo(
    () => ({
      items,
      thumbnails,
      editing: editing && editingItem ? { ...editing, item: editingItem } : undefined,
      busy: job ? 'full-page' : pendingVisible > 0 ? 'visible' : 'idle',
      progress: job?.progress,
      saveState,
      error,
      status,
      onCaptureVisible: () => void captureVisible(),
      onCaptureFullPage: () => void captureFullPage(),
      onCancel: cancel,
      onAttachFiles: (files: File[]) => void attachFiles(files),
      onEdit: setEditingId,
      onRemove: (id: string) => void remove(id),
      onAnnotate: annotate,
      onCloseEditor: () => setEditingId(undefined),
      onOpenLargeEditor: options.largeEditor ? openLarge : undefined,
    }),
    [
      items,
      thumbnails,
      editing,
      editingItem,
      job,
      pendingVisible,
      saveState,
      error,
      status,
      captureVisible,
      captureFullPage,
      cancel,
      attachFiles,
      remove,
      annotate,
      openLarge,
      options.largeEditor,
    ],
  );
}
