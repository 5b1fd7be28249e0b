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
      <h2 id="step-recording-heading">Recorded steps</h2>
      <p>
        On sites with always-on capture, the extension keeps the last few minutes of what you did
        (pages opened, buttons clicked, never what you typed) to draft "Steps to reproduce". It
        stays on your computer until you send a request.
      </p>
      {allowedOrigins.length === 0 ? (
        <p>No site has always-on capture yet, so no steps are recorded.</p>
      ) : (
        <ul aria-label="Record steps on these sites">
          {allowedOrigins.map((origin) => (
            <li key={origin}>
              <label>
                <input
                  type="checkbox"
                  checked={!offOrigins.includes(origin)}
                  onChange={(event) => onChange(origin, event.currentTarget.checked)}
                />{' '}
                Record steps on {origin}
              </label>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
