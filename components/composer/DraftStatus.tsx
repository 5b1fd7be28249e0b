import { type MessageKey, t } from '@/utils/i18n';
import { Icon } from '../ui/Icon';

interface Props {
  saveState: 'idle' | 'saving' | 'saved' | 'failed';
  onDiscard: () => void;
}

const SAVE_TEXT: Record<Props['saveState'], MessageKey | undefined> = {
  idle: undefined,
  saving: 'draft_saving',
  saved: 'draft_saved',
  failed: 'draft_notSaved',
};

/**
 * Whether the draft is kept, and "Discard draft": at the end of the composer, out of the way of
 * the first decisions (the "draft is back" note shows at the top, see Composer).
 */
export function DraftStatus({ saveState, onDiscard }: Props) {
  const saveText = SAVE_TEXT[saveState];
  return (
    <div class="composer-draft">
      {/* aria-live without role="status": the screenshot section owns the popup's status line. */}
      <p aria-live="polite" class={saveState === 'failed' ? 'notice-error' : 'notice'}>
        {saveText ? t(saveText) : ''}
      </p>
      <button type="button" class="btn-danger btn-ghost" onClick={onDiscard}>
        <Icon name="trash" />
        {t('draft_discard')}
      </button>
    </div>
  );
}
