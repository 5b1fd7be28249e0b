/** The attachment field: which of the report's files go with the request when it is created. */
import { interleave, t } from '@/utils/i18n';
import { type FieldProps, list } from './types';

export function AttachmentField({ value, onChange, aria, label, files = [] }: FieldProps) {
  const chosen = list(value);
  return (
    <fieldset aria-invalid={aria['aria-invalid']} aria-describedby={aria['aria-describedby']}>
      <legend>{label}</legend>
      {files.length === 0 && <p>{t('field_attachmentNone')}</p>}
      {files.map((file) => (
        <label key={file.blobId} class="composer-choice">
          <input
            type="checkbox"
            checked={chosen.includes(file.blobId)}
            onChange={(e) => {
              const next = e.currentTarget.checked
                ? [...chosen, file.blobId]
                : chosen.filter((id) => id !== file.blobId);
              onChange(next);
            }}
          />
          {file.name}
        </label>
      ))}
      <p class="composer-hint">{t('field_attachmentHint')}</p>
    </fieldset>
  );
}

/** A field no control here can fill: said plainly, with the portal's own form linked. */
export function PortalOnlyField({ label, portalFormUrl }: FieldProps) {
  return (
    <p>
      {interleave('field_portalOnly', [<strong key="name">{label}</strong>])}{' '}
      {portalFormUrl && (
        <a href={portalFormUrl} target="_blank" rel="noreferrer">
          {t('field_openPortalForm')}
        </a>
      )}
    </p>
  );
}
