import { t } from '@/utils/i18n';

interface Props {
  /** Origins with always-on capture: the only ones where steps can be recorded. */
  allowedOrigins: readonly string[];
  /** Origins where the user turned step recording off. */
  offOrigins: readonly string[];
  onChange: (origin: string, record: boolean) => void;
}

/** Per-site switch for recording the user's steps (clicks, route changes) for drafted steps. */
export function StepRecordingSettings({ allowedOrigins, offOrigins, onChange }: Props) {
  return (
    <section aria-labelledby="step-recording-heading">
      <h2 id="step-recording-heading">{t('steps_heading')}</h2>
      <p>{t('steps_intro')}</p>
      {allowedOrigins.length === 0 ? (
        <p>{t('steps_none')}</p>
      ) : (
        <ul aria-label={t('steps_listLabel')}>
          {allowedOrigins.map((origin) => (
            <li key={origin}>
              <label>
                <input
                  type="checkbox"
                  checked={!offOrigins.includes(origin)}
                  onChange={(event) => onChange(origin, event.currentTarget.checked)}
                />{' '}
                {t('steps_recordOn', origin)}
              </label>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
