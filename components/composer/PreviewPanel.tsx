import { useId } from 'preact/hooks';
import type { Preview } from '@/utils/ticket/preview';

interface Props {
  preview: Preview;
  sending?: boolean;
  /** Shown as "Send request" when given. */
  onConfirm?: () => void;
  /** Shown as "Back to editing" when given. */
  onBack?: () => void;
}

/** Exactly what will be sent and who will see it, before anything leaves the machine. */
export function PreviewPanel({ preview, sending, onConfirm, onBack }: Props) {
  const id = useId();
  return (
    <section class="composer composer-preview" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>What will be sent</h2>

      <h3>Summary</h3>
      <p>{preview.summary}</p>

      <h3 id={`${id}-description`}>Description</h3>
      {/* A read-only text area: focusable, scrollable and selectable by keyboard. */}
      <textarea
        class="composer-description"
        aria-labelledby={`${id}-description`}
        readOnly
        rows={12}
        value={preview.description}
      />

      <h3>Attachments</h3>
      {preview.attachments.length === 0 ? (
        <p>No attachments.</p>
      ) : (
        <>
          <ul aria-label="Attachments">
            {preview.attachments.map((a) => (
              <li key={a.name}>
                {a.name} <span class="composer-size">({a.sizeLabel})</span>
              </li>
            ))}
          </ul>
          <p>Total: {preview.totalSizeLabel}</p>
        </>
      )}

      <h3>Who will see it</h3>
      <ul aria-label="Who will see it">
        {preview.audience.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>

      <h3>Privacy</h3>
      <p>{preview.redactionNote}</p>

      {(onBack || onConfirm) && (
        <div class="composer-actions">
          {onBack && (
            <button type="button" onClick={onBack}>
              Back to editing
            </button>
          )}
          {onConfirm && (
            <button type="button" class="composer-submit" disabled={sending} onClick={onConfirm}>
              Send request
            </button>
          )}
        </div>
      )}
    </section>
  );
}
