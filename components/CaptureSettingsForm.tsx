import { useState } from 'preact/hooks';
import type { CaptureSettings } from '@/utils/capture/settings';
import { checkCustomPattern, redactWith } from '@/utils/privacy/redact';

interface Props {
  settings: CaptureSettings;
  onSave: (settings: CaptureSettings) => void;
}

/** What is captured and how it is redacted. */
export function CaptureSettingsForm({ settings, onSave }: Props) {
  const [captureWarnings, setCaptureWarnings] = useState(settings.captureWarnings);
  const [maskEmails, setMaskEmails] = useState(settings.maskEmails);
  const [patterns, setPatterns] = useState(settings.customPatterns.join('\n'));
  const [sample, setSample] = useState('');
  const lines = patterns
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const problems = lines
    .map((line, index) => {
      const problem = checkCustomPattern(line);
      return problem ? `Line ${index + 1}: ${problem}` : undefined;
    })
    .filter((problem): problem is string => problem !== undefined);
  const preview = sample ? redactWith(sample, { maskEmails, customPatterns: lines }) : undefined;

  return (
    <section aria-labelledby="capture-settings-heading">
      <h2 id="capture-settings-heading">Capture and privacy</h2>
      <label>
        <input
          type="checkbox"
          checked={captureWarnings}
          onChange={(event) => setCaptureWarnings(event.currentTarget.checked)}
        />{' '}
        Capture console warnings
      </label>
      <label>
        <input
          type="checkbox"
          checked={maskEmails}
          onChange={(event) => setMaskEmails(event.currentTarget.checked)}
        />{' '}
        Mask e-mail addresses
      </label>
      <label>
        Your redaction patterns (one regular expression per line)
        <textarea
          rows={4}
          value={patterns}
          aria-invalid={problems.length > 0 ? 'true' : undefined}
          aria-describedby={problems.length > 0 ? 'pattern-problems' : undefined}
          onInput={(event) => setPatterns(event.currentTarget.value)}
        />
      </label>
      {problems.length > 0 && (
        <ul id="pattern-problems" class="field-error">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <label>
        Try redaction on a sample
        <input
          type="text"
          value={sample}
          onInput={(event) => setSample(event.currentTarget.value)}
        />
      </label>
      {preview && (
        <p role="status" aria-label="Redaction preview">
          {preview.text} ({preview.count} {preview.count === 1 ? 'redaction' : 'redactions'})
        </p>
      )}
      <button
        type="button"
        disabled={problems.length > 0}
        onClick={() => onSave({ captureWarnings, maskEmails, customPatterns: lines })}
      >
        Save capture settings
      </button>
    </section>
  );
}
