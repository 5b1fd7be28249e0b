import { useState } from 'preact/hooks';
import type { CaptureSettings } from '@/utils/capture/settings';
import { plural, say, t } from '@/utils/i18n';
import { checkCustomPattern, createRedactor } from '@/utils/privacy/redact';

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
      return problem
        ? t('captureSettings_patternProblem', [String(index + 1), say(problem)])
        : undefined;
    })
    .filter((problem): problem is string => problem !== undefined);
  const preview = sample
    ? createRedactor({ maskEmails, customPatterns: lines }).redact(sample)
    : undefined;

  return (
    <section aria-labelledby="capture-settings-heading">
      <h2 id="capture-settings-heading">{t('captureSettings_heading')}</h2>
      <label>
        <input
          type="checkbox"
          checked={captureWarnings}
          onChange={(event) => setCaptureWarnings(event.currentTarget.checked)}
        />{' '}
        {t('captureSettings_warnings')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={maskEmails}
          onChange={(event) => setMaskEmails(event.currentTarget.checked)}
        />{' '}
        {t('captureSettings_maskEmails')}
      </label>
      <label>
        {t('captureSettings_patterns')}
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
        {t('captureSettings_sample')}
        <input
          type="text"
          value={sample}
          onInput={(event) => setSample(event.currentTarget.value)}
        />
      </label>
      {preview && (
        <p role="status" aria-label={t('captureSettings_preview')}>
          {plural('captureSettings_previewText', preview.count, preview.text)}
        </p>
      )}
      <button
        type="button"
        disabled={problems.length > 0}
        onClick={() => onSave({ captureWarnings, maskEmails, customPatterns: lines })}
      >
        {t('captureSettings_save')}
      </button>
    </section>
  );
}
