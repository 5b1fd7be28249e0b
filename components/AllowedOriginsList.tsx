interface Props {
  origins: readonly string[];
  onRemove: (origin: string) => void;
}

export function AllowedOriginsList({ origins, onRemove }: Props) {
  return (
    <section aria-labelledby="allowed-origins-heading">
      <h2 id="allowed-origins-heading">Sites with always-on capture</h2>
      {origins.length === 0 ? (
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
