import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AllowedOriginsList } from '@/components/AllowedOriginsList';
import { CaptureSettingsForm } from '@/components/CaptureSettingsForm';
import { describeJob } from '@/components/delivery/DeliveryProgress';
import { DeliveryResult } from '@/components/delivery/DeliveryResult';
import { interleave, plural, t } from '@/utils/i18n';
import type { JobView } from '@/utils/outbox/job';
import { formatMessage, LOCALES, setLocale } from './messages';

afterEach(cleanup);

const delivered = {
  id: 'job-1',
  status: 'delivered',
  step: 'done',
  summary: 'Saving fails',
  captureReference: 'SC-7F3K9Q',
  createdAt: 0,
  nextAttemptAt: null,
  waitMs: 0,
  attempts: 1,
  lastError: null,
  cancellable: false,
  progress: { bytesUploaded: 0, bytesTotal: 0 },
  files: 0,
  issueKey: 'SUP-12',
  webUrl: 'https://vendor.example/servicedesk/customer/portal/1/SUP-12',
  skipped: [],
  participantsAdded: [],
  participantsRejected: [],
  sharingNotPermitted: false,
  checking: false,
  withdrawn: [],
} satisfies JobView;

describe('Chrome’s message substitution, as the unit tests’ browser does it', () => {
  const messages = {
    named: {
      message: 'Line $line$: $Problem$ costs $$5',
      placeholders: { line: { content: '$1' }, problem: { content: '$2' } },
    },
    numbered: { message: '$1 of $2$3' },
  };

  it('fills named placeholders and $1…$9, turns $$ into $, leaves missing ones empty', () => {
    expect(formatMessage(messages, 'named', ['3', 'bad $1'])).toBe('Line 3: bad $1 costs $5');
    expect(formatMessage(messages, 'numbered', '1')).toBe('1 of ');
    expect(formatMessage(messages, 'NUMBERED', ['1', '2'])).toBe('1 of 2');
    expect(formatMessage(messages, 'missing')).toBe('');
  });
});

describe('t, plural and interleave (English)', () => {
  it('reads the English messages', () => {
    expect(t('capture_alwaysCapture')).toBe('Always capture on this site');
    expect(t('common_removeNamed', 'https://a.example')).toBe('Remove https://a.example');
    expect(plural('capture_errorTotal', 1)).toBe('1 error captured');
    expect(plural('capture_errorTotal', 3)).toBe('3 errors captured');
    expect(plural('captureSettings_previewText', 2, '[email]')).toBe('[email] (2 redactions)');
  });

  it('puts parts where the message has placeholders', () => {
    expect(interleave('delivery_filedAs', [{ link: 'SUP-12' }])).toEqual([
      'Filed as ',
      { link: 'SUP-12' },
      '.',
    ]);
  });

  it('renders a link inside a sentence', () => {
    render(<DeliveryResult job={delivered} onCopyLink={async () => {}} />);
    const region = screen.getByRole('region', { name: 'Request filed' });
    expect(region.querySelector('p')?.textContent).toBe('Filed as SUP-12.');
    expect(screen.getByRole('link', { name: 'SUP-12' }).getAttribute('href')).toBe(
      delivered.webUrl,
    );
  });
});

describe('the second language (German)', () => {
  beforeEach(() => setLocale('de'));
  afterEach(() => setLocale('en'));

  it('shows components in German', () => {
    render(<AllowedOriginsList origins={['https://console.example']} onRemove={() => {}} />);
    expect(
      screen.getByRole('heading', { name: 'Websites mit dauerhafter Erfassung' }),
    ).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'https://console.example entfernen' }).textContent,
    ).toBe('Entfernen');
  });

  it('counts and fills in placeholders in German', () => {
    render(
      <CaptureSettingsForm
        settings={{ captureWarnings: false, maskEmails: true, customPatterns: [] }}
        onSave={() => {}}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Erfassung und Datenschutz' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Erfassungseinstellungen speichern' })).toBeTruthy();
    expect(plural('capture_redactions', 1)).toBe('1 Schwärzung vorgenommen');
    expect(plural('capture_redactions', 4)).toBe('4 Schwärzungen vorgenommen');
    expect(describeJob(delivered)).toBe('Eingereicht als SUP-12.');
  });

  it('has a German text for every English one (not just a copy of the English file)', () => {
    const same = Object.keys(LOCALES.en).filter(
      (key) => LOCALES.de[key]?.message === LOCALES.en[key]?.message,
    );
    // Brand names, units and technical words may stay as they are; sentences may not.
    expect(same.length).toBeLessThan(Object.keys(LOCALES.en).length / 10);
  });
});
