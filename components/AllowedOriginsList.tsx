import { t } from '@/utils/i18n';
import { ManagedNote } from './ManagedNote';

interface Props {
  origins: readonly string[];
  onRemove: (origin: string) => void;
  /** Sites the organisation's policy sets, and whether the browser granted access to each. */
  policyOrigins?: readonly { origin: string; granted: boolean }[];
  /** Asks the browser for access to an organisation's site (called from the click). */
  onGrant?: (origin: string) => void;
  /** The organisation decides every site: users add none. */
  locked?: boolean;
}

export function AllowedOriginsList({
  origins,
  onRemove,
  policyOrigins = [],
  onGrant,
  locked = false,
}: Props) {
  return (
    <section aria-labelledby="allowed-origins-heading">
      <h2 id="allowed-origins-heading">{t('origins_heading')}</h2>
      {policyOrigins.length > 0 && (
        <ul aria-label={t('origins_policyLabel')}>
          {policyOrigins.map(({ origin, granted }, index) => (
            <li key={origin}>
              <span>{origin}</span> <ManagedNote id={`policy-origin-${index}`} />
              {granted ? (
                ''
              ) : (
                <>
                  {' '}
                  <span class="notice">{t('origins_notGranted')}</span>{' '}
                  <button
                    type="button"
                    aria-label={t('origins_allowAccessTo', origin)}
                    onClick={() => onGrant?.(origin)}
                  >
                    {t('origins_allowAccess')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {locked ? (
        <p class="notice">{t('origins_locked')}</p>
      ) : origins.length === 0 ? (
        <p>{t('origins_none')}</p>
      ) : (
        <ul aria-label={t('origins_heading')}>
          {origins.map((origin) => (
            <li key={origin}>
              <span>{origin}</span>{' '}
              <button
                type="button"
                aria-label={t('common_removeNamed', origin)}
                onClick={() => onRemove(origin)}
              >
                {t('common_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
