import { type MessageKey, t } from '@/utils/i18n';

interface Props {
  /** The draft came back from an earlier visit. */
  restored: boolean;
  saveState: 'idle' | 'saving' | 'saved' | 'failed';
  onDiscard: () => void;
}

const SAVE_TEXT: Record<Props['saveState'], MessageKey | undefined> = {
  idle: undefined,
  saving: 'draft_saving',
  saved: 'draft_saved',
  failed: 'draft_notSaved',
};

/** Whether the draft is kept, and "Discard draft". */
export function DraftStatus({ restored, saveState, onDiscard }: Props) {
  const saveText = SAVE_TEXT[saveState];
  return (
    <div class="composer-draft">
      {restored && <p class="notice">{t('draft_restored')}</p>}
      {/* aria-live without role="status": the screenshot section owns the popup's status line. */}
      <p aria-live="polite" class={saveState === 'failed' ? 'notice-error' : 'notice'}>
        {saveText ? t(saveText) : ''}
      </p>
      <button type="button" onClick={onDiscard}>
        {t('draft_discard')}
      </button>
    </div>
  );
}
