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
        Use recorded steps
      </button>{' '}
      <button type="button" aria-controls={controls} onClick={onClear}>
        Clear
      </button>
      <p id="steps-recording-note" class="hint">
        {hasRecording
          ? `${recordedSteps} recorded ${recordedSteps === 1 ? 'step' : 'steps'}: check and edit them before sending.`
          : (unavailableNote ?? 'No steps were recorded on this page.')}
      </p>
    </div>
  );
}
