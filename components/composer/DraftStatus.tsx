interface Props {
  /** The draft came back from an earlier visit. */
  restored: boolean;
  saveState: 'idle' | 'saving' | 'saved' | 'failed';
  onDiscard: () => void;
}

const SAVE_TEXT: Record<Props['saveState'], string> = {
  idle: '',
  saving: 'Saving the draft…',
  saved: 'Draft saved on this computer.',
  failed: 'The draft could not be saved; keep this window open until you submit.',
};

/** Whether the draft is kept, and "Discard draft". */
export function DraftStatus({ restored, saveState, onDiscard }: Props) {
  return (
    <div class="composer-draft">
      {restored && <p class="notice">Your draft from before is back, as you left it.</p>}
      {/* aria-live without role="status": the screenshot section owns the popup's status line. */}
      <p aria-live="polite" class={saveState === 'failed' ? 'notice-error' : 'notice'}>
        {SAVE_TEXT[saveState]}
      </p>
      <button type="button" onClick={onDiscard}>
        Discard draft
      </button>
    </div>
  );
}
