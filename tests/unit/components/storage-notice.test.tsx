/**
 * A draft the browser refuses to store is not lost silently: the composer's wiring
 * (useDraft, then ErrorNotice at the top of the form, as in entrypoints/popup/Composer.tsx)
 * shows the user what happened and what to do.
 */
import { act, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ErrorNotice } from '@/components/ErrorNotice';
import { useDraft } from '@/components/hooks/use-draft';
import { type Capture, CaptureSchema } from '@/utils/capture/capture';
import { storageErrorInfo } from '@/utils/storage-errors';

const capture: Capture = CaptureSchema.parse({
  tabId: 3,
  url: 'https://console.example.com/apps/billing',
  title: 'Billing',
  capturedAt: 1,
  scope: 'always-on',
  scopeNote: 'Capturing on this site since the page loaded.',
  events: [],
  droppedEvents: 0,
});

let edit: (() => void) | undefined;
function Harness() {
  const drafts = useDraft(3, capture);
  const { draft, update } = drafts;
  edit = draft ? () => update({ ...draft, impact: 'Nobody can pay.' }) : undefined;
  return <>{drafts.saveError && <ErrorNotice error={drafts.saveError} />}</>;
}

beforeEach(() => {
  fakeBrowser.reset();
  edit = undefined;
});

describe('the storage notice', () => {
  it('shows when the draft cannot be saved because storage is full, and goes once it saves', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const set = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    render(<Harness />);
    await waitFor(() => expect(edit).toBeDefined());
    expect(screen.queryByRole('alert')).toBeNull();

    act(() => edit?.());
    const alert = await screen.findByRole('alert', {}, { timeout: 2000 });
    expect(alert).toHaveProperty(
      'textContent',
      'The browser’s storage is full, so the draft was not saved. Keep this window open and submit now, or free some disk space.',
    );
    expect(alert.dataset.code).toBe('storage');

    act(() => edit?.());
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), { timeout: 2000 });
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('says so for a tab whose history was not kept', () => {
    render(<ErrorNotice error={storageErrorInfo('capture', 'write')} />);
    expect(screen.getByRole('alert').textContent).toMatch(
      /^The browser refused to keep this tab’s newest errors\. Reload the page/,
    );
  });
});
