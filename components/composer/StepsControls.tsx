import { plural, t } from '@/utils/i18n';

interface Props {
  /** How many steps the recorded draft has (0: nothing recorded). */
  recordedSteps: number;
  /** Why there is nothing recorded, in words for the user (recording off, site not allowed…). */
  unavailableNote?: string;
  /** Put the recorded draft into "Steps to reproduce" (replacing what is there). */
  onUse: () => void;
  /** Empty "Steps to reproduce". */
  onClear: () => void;
  /** The id of the "Steps to reproduce" field, which these buttons change. */
  controls?: string;
}

/** "Use recorded steps" / "Clear" next to the composer's "Steps to reproduce". */
export function StepsControls({ recordedSteps, unavailableNote, onUse, onClear, controls }: Props) {
  const hasRecording = recordedSteps > 0;
  return (
    <div class="steps-controls">
      <button
        type="button"
        aria-controls={controls}
        disabled={!hasRecording}
        aria-describedby="steps-recording-note"
        onClick={onUse}
      >
        {t('form_useRecordedSteps')}
      </button>{' '}
      <button type="button" aria-controls={controls} onClick={onClear}>
        {t('form_clearSteps')}
      </button>
      <p id="steps-recording-note" class="hint">
        {hasRecording
          ? plural('form_recordedSteps', recordedSteps)
          : (unavailableNote ?? t('form_noRecordedSteps'))}
      </p>
    </div>
  );
}
