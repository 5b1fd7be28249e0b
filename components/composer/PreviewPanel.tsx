import { useId } from 'preact/hooks';
import { say, t } from '@/utils/i18n';
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
      <h2 id={`${id}-title`}>{t('preview_heading')}</h2>

      <h3>{t('form_summary')}</h3>
      <p>{preview.summary}</p>

      <h3 id={`${id}-description`}>{t('preview_description')}</h3>
      {/* A read-only text area: focusable, scrollable and selectable by keyboard. */}
      <textarea
        class="composer-description"
        aria-labelledby={`${id}-description`}
        readOnly
        rows={12}
        value={preview.description}
      />

      {preview.fields.length > 0 && (
        <>
          <h3 id={`${id}-fields`}>{t('preview_fields')}</h3>
          <dl aria-labelledby={`${id}-fields`} class="composer-preview-fields">
            {preview.fields.map((f) => (
              <div key={f.fieldId} data-field-id={f.fieldId}>
                <dt>{f.name}</dt>
                <dd>
                  {f.multiline ? (
                    <textarea
                      aria-label={f.name}
                      class="composer-description"
                      readOnly
                      rows={6}
                      value={f.value}
                    />
                  ) : (
                    f.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
          <p class="composer-hint">{t('preview_hiddenNote')}</p>
        </>
      )}

      <h3>{t('preview_attachments')}</h3>
      {preview.attachments.length === 0 ? (
        <p>{t('preview_noAttachments')}</p>
      ) : (
        <>
          <ul aria-label={t('preview_attachments')}>
            {preview.attachments.map((a) => (
              <li key={a.name}>
                {a.name} <span class="composer-size">({a.sizeLabel})</span>
              </li>
            ))}
          </ul>
          <p>{t('preview_total', preview.totalSizeLabel)}</p>
        </>
      )}

      <h3>{t('preview_audience')}</h3>
      <ul aria-label={t('preview_audience')}>
        {preview.audienceWords.map((words) => (
          <li key={words.key}>{say(words)}</li>
        ))}
      </ul>

      <h3>{t('preview_privacy')}</h3>
      <p>{say(preview.redactionWords)}</p>

      {(onBack || onConfirm) && (
        <div class="composer-actions">
          {onBack && (
            <button type="button" onClick={onBack}>
              {t('preview_back')}
            </button>
          )}
          {onConfirm && (
            <button type="button" class="composer-submit" disabled={sending} onClick={onConfirm}>
              {t('preview_send')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
