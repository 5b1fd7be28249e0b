import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AllowedOriginsList } from '@/components/AllowedOriginsList';
import { CaptureSettingsForm } from '@/components/CaptureSettingsForm';
import { ConnectionForm } from '@/components/ConnectionForm';
import { CaptureSummary } from '@/components/composer/CaptureSummary';
import { MappingTable } from '@/components/composer/MappingTable';
import { SeverityPicker } from '@/components/composer/SeverityPicker';
import { describeJob } from '@/components/delivery/DeliveryProgress';
import { DeliveryResult } from '@/components/delivery/DeliveryResult';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ScreenshotList } from '@/components/screenshot/ScreenshotList';
import { CaptureSchema } from '@/utils/capture/capture';
import { AppError } from '@/utils/errors';
import { interleave, plural, t } from '@/utils/i18n';
import type { JobView } from '@/utils/outbox/job';
import { errorFromResponse, networkError } from '@/utils/portal/errors';
import { EMPTY_DOC } from '@/utils/screenshot/annotations';
import { planFullPage } from '@/utils/screenshot/full-page-plan';
import type { Screenshot } from '@/utils/screenshot/model';
import { draft, field, options, priority, SUMMARY } from '../ticket/fixtures';
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

  it('says in German why a redaction pattern cannot be used', () => {
    render(
      <CaptureSettingsForm
        settings={{
          captureWarnings: false,
          maskEmails: false,
          customPatterns: ['(a+)+b', 'x{201}'],
        }}
        onSave={() => {}}
      />,
    );
    const field = screen.getByRole('textbox', { name: /^Ihre Schwärzungsmuster/ });
    fireEvent.input(field, { target: { value: `(a+)+b\n${'x'.repeat(201)}` } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const problems = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(problems).toEqual([
      expect.stringMatching(/^Zeile 1: Eine wiederholte Gruppe enthält/),
      'Zeile 2: Das Muster ist länger als 200 Zeichen; bitte kürzen.',
    ]);
  });

  it('shows portal errors, severity warnings and mapping reasons in German', () => {
    const refused = errorFromResponse(
      { status: 401, body: '', contentType: 'application/json' },
      { authKind: 'api-token' },
    );
    render(<ErrorNotice error={refused.info} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Das Portal hat E-Mail-Adresse und API-Token nicht akzeptiert. Prüfen Sie die E-Mail-Adresse, erstellen Sie ein neues API-Token, falls dieses abgelaufen ist oder widerrufen wurde, und speichern Sie erneut.',
    );
    cleanup();
    render(<ErrorNotice error={networkError('https://vendor.example', new Error('x')).info} />);
    expect(screen.getByRole('alert').textContent).toContain(
      'https://vendor.example war nicht erreichbar.',
    );
    cleanup();

    render(
      <SeverityPicker
        value="P1"
        answers={{ production: 'no' }}
        onChange={() => {}}
        onAnswersChange={() => {}}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      LOCALES.de.severityWarning_p1NotProduction?.message,
    );
    expect(screen.getByText(/Außerhalb der Produktion: begrenzte Auswirkung\./)).toBeTruthy();
    cleanup();

    render(
      <MappingTable
        draft={draft({ severity: 'P2', environment: 'Prod' })}
        fields={[
          SUMMARY,
          priority('Highest', 'High', 'Medium', 'Low', 'Lowest'),
          field('cf_env', 'Environment', 'select', { validValues: options('Production') }),
        ]}
        onChange={() => {}}
      />,
    );
    expect(
      screen.getByText(
        'Schweregrad P2 entspricht der Option „High“ (Stufe 2 von 5 auf der Skala des Portals).',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Umgebung „Prod“ entspricht der Option „Production“.')).toBeTruthy();
  });

  it('shows the background’s errors and notes in German, with their values', () => {
    render(<ErrorNotice error={AppError.from(new Error('boom')).info} />);
    expect(screen.getByRole('alert').textContent).toBe(
      'In der Erweiterung ist ein Fehler aufgetreten: boom',
    );
    cleanup();
    const tooLarge = new AppError({
      code: 'validation',
      message: '"trace.har" is larger than 10 MB. Trim or compress it, then attach it again.',
      messageKey: 'error_fileTooLarge',
      values: ['trace.har', '10'],
    });
    render(<ErrorNotice error={tooLarge.info} />);
    expect(screen.getByRole('alert').textContent).toBe(
      '„trace.har“ ist größer als 10 MB. Kürzen oder komprimieren Sie die Datei und hängen Sie sie dann erneut an.',
    );
    cleanup();

    // The scope note the background sends with the capture.
    const capture = CaptureSchema.parse({
      tabId: 3,
      url: 'chrome://settings',
      title: 'Settings',
      capturedAt: 1,
      scope: 'unavailable',
      scopeNote:
        'This page belongs to the browser or a store and cannot be captured. Open the page with the problem and try again.',
      scopeNoteKey: 'capture_scopeUnavailable',
      events: [],
      droppedEvents: 0,
    });
    const summary = (c: typeof capture) => (
      <CaptureSummary
        context={draft().context}
        capture={c}
        allowState="idle"
        onAllowSite={() => {}}
      />
    );
    render(summary(capture));
    expect(screen.getByText(/Diese Seite gehört zum Browser oder zu einem Store/)).toBeTruthy();
    // Which rule decided the environment and product (here: none).
    expect(screen.getAllByText(/Keine Regel hat gepasst\./)).toHaveLength(2);
    cleanup();
    // A capture kept from before the key existed shows its note as it was.
    render(summary({ ...capture, scopeNoteKey: undefined }));
    expect(screen.getByText(/This page belongs to the browser/)).toBeTruthy();
    cleanup();

    // How a full-page screenshot was taken, with its sizes.
    const plan = planFullPage({
      pageHeight: 600,
      pageWidth: 1200,
      viewportHeight: 700,
      viewportWidth: 1200,
      devicePixelRatio: 1,
      elements: 10,
      foreignFrames: 0,
      drawnMedia: 0,
    });
    expect(plan).toMatchObject({ method: 'visible', noteKey: 'screenshot_notePageFits' });
    const shot: Screenshot = {
      id: 's1',
      name: 'full-page.png',
      source: 'stitched',
      note: 'The page is 40000 px tall; its first 20000 px were taken.',
      noteWords: [
        { key: 'screenshot_noteTooLargeStitched' },
        { key: 'screenshot_notePartTaken', values: ['40000', '20000'] },
      ],
      width: 1200,
      height: 20000,
      originalBlobId: 'b1',
      uploadBlobId: 'b1',
      uploadType: 'image/png',
      uploadBytes: 2048,
      annotations: EMPTY_DOC,
      createdAt: 1,
    };
    render(<ScreenshotList items={[shot]} thumbnails={{}} onEdit={() => {}} onRemove={() => {}} />);
    expect(
      screen.getByText(
        'Die Seite ist zu groß, um sie schnell zu zeichnen, daher wurde sie Bildschirm für Bildschirm aufgenommen. Die Seite ist 40000 px hoch; die ersten 20000 px wurden aufgenommen.',
      ),
    ).toBeTruthy();
    cleanup();

    // The Portal URL check, in the options page.
    render(
      <ConnectionForm connection={undefined} profiles={[]} onSave={vi.fn()} onTest={vi.fn()} />,
    );
    fireEvent.input(screen.getByRole('textbox', { name: 'Portal-URL' }), {
      target: { value: 'http://vendor.example' },
    });
    fireEvent.click(screen.getByRole('button', { name: LOCALES.de.common_save?.message }));
    expect(
      screen.getByText(
        'Die Portal-URL muss mit https:// beginnen (einfaches http ist nur für localhost und 127.0.0.1 erlaubt).',
      ),
    ).toBeTruthy();
  });

  it('has a German text for every English one (not just a copy of the English file)', () => {
    const same = Object.keys(LOCALES.en).filter(
      (key) => LOCALES.de[key]?.message === LOCALES.en[key]?.message,
    );
    // Brand names, units and technical words may stay as they are; sentences may not.
    expect(same.length).toBeLessThan(Object.keys(LOCALES.en).length / 10);
  });
});
