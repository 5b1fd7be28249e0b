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
      <h2 id="allowed-origins-heading">Sites with always-on capture</h2>
      {policyOrigins.length > 0 && (
        <ul aria-label="Sites set by your organisation">
          {policyOrigins.map(({ origin, granted }, index) => (
            <li key={origin}>
              <span>{origin}</span> <ManagedNote id={`policy-origin-${index}`} />
              {granted ? (
                ''
              ) : (
                <>
                  {' '}
                  <span class="notice">Not capturing yet: the browser needs your approval.</span>{' '}
                  <button
                    type="button"
                    aria-label={`Allow access to ${origin}`}
                    onClick={() => onGrant?.(origin)}
                  >
                    Allow access
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {locked ? (
        <p class="notice">Your organisation decides which sites have always-on capture.</p>
      ) : origins.length === 0 ? (
        <p>None yet. Open the popup on a console and choose "Always capture on this site".</p>
      ) : (
        <ul aria-label="Sites with always-on capture">
          {origins.map((origin) => (
            <li key={origin}>
              <span>{origin}</span>{' '}
              <button
                type="button"
                aria-label={`Remove ${origin}`}
                onClick={() => onRemove(origin)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
