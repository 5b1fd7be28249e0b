import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TicketForm } from '@/components/composer/TicketForm';
import type { Draft } from '@/utils/ticket/draft';
import type { PortalFieldMeta } from '@/utils/ticket/portal-fields';
import { LOCALES, setLocale } from '../i18n/messages';
import { DESCRIPTION, draft, event, field, options, priority, SUMMARY } from '../ticket/fixtures';

afterEach(cleanup);

/** Holds the draft like the popup does, and records what the form emitted. */
function setup(
  initial: Draft,
  fields: PortalFieldMeta[] = [],
  refusedFields?: Record<string, string>,
) {
  const changes: Draft[] = [];
  const onSubmit = vi.fn();
  function Host() {
    const [d, setD] = useState(initial);
    return (
      <TicketForm
        draft={d}
        fields={fields}
        onChange={(next) => {
          changes.push(next);
          setD(next);
        }}
        onSubmit={onSubmit}
        refusedFields={refusedFields}
      />
    );
  }
  render(<Host />);
  return { changes, onSubmit, last: () => changes[changes.length - 1] };
}

const base = draft(
  {},
  {
    events: [
      event('TypeError: x is undefined'),
      event('Deprecated API', { kind: 'console-warn', count: 2 }),
    ],
    failedRequests: [
      {
        id: 'r1',
        method: 'GET',
        url: 'https://api.example.com/x',
        status: 500,
        requestIds: [{ name: 'x-request-id', value: 'abc' }],
      },
    ],
    environment: { value: 'Production' },
  },
);

describe('TicketForm', () => {
  it.each([
    ['Summary', 'TypeError: x is undefined'],
    ['Environment', 'Production'],
    ['Product or service', ''],
    ['Steps to reproduce', base.steps],
    ['Impact', ''],
    ['Recent configuration changes', ''],
  ])('has a "%s" box, pre-filled', (name, value) => {
    setup(base);
    expect((screen.getByRole('textbox', { name }) as HTMLInputElement).value).toBe(value);
  });

  it.each([
    ['Summary', 'summary', 'Invoices fail'],
    ['Environment', 'environment', 'Staging'],
    ['Product or service', 'product', 'Billing'],
    ['Steps to reproduce', 'steps', '1. Open\n2. Click Pay'],
    ['Impact', 'impact', 'Nobody can pay'],
    ['Recent configuration changes', 'recentChanges', 'none'],
  ] as const)('emits the draft when "%s" changes', (name, key, value) => {
    const { last } = setup(base);
    fireEvent.input(screen.getByRole('textbox', { name }), { target: { value } });
    expect(last()?.[key]).toBe(value);
  });

  it('has the severity radio group and emits the choice', () => {
    const { last } = setup(base);
    fireEvent.click(
      within(screen.getByRole('radiogroup', { name: 'Severity' })).getByRole('radio', {
        name: /^P2 /,
      }),
    );
    expect(last()?.severity).toBe('P2');
  });

  it('warns about P1 on staging through the severity picker', () => {
    setup({ ...base, environment: 'Staging', severity: 'P1' });
    expect(
      screen.getAllByRole('alert').some((a) => a.textContent?.includes('outside production')),
    ).toBe(true);
  });

  it('lists errors and failed requests the user can trim', () => {
    const { last } = setup(base);
    const list = screen.getByRole('group', { name: 'Errors and failed requests' });
    const boxes = within(list).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, true, true]);
    expect(
      within(list).getByRole('checkbox', { name: 'Console warning ×2: Deprecated API' }),
    ).toBeTruthy();
    fireEvent.click(
      within(list).getByRole('checkbox', { name: 'Uncaught error: TypeError: x is undefined' }),
    );
    expect(last()?.excludedEvents).toEqual([0]);
    fireEvent.click(
      within(list).getByRole('checkbox', {
        name: /^Failed request: GET https:\/\/api.example.com\/x -> 500 \[x-request-id: abc\]/,
      }),
    );
    expect(last()?.excludedRequests).toEqual(['r1']);
    fireEvent.click(within(list).getByRole('checkbox', { name: /^Uncaught error/ }));
    expect(last()?.excludedEvents).toEqual([]);
  });

  it('lists what is still missing and updates it', () => {
    setup(base);
    const missing = screen.getByRole('region', { name: 'Still missing' });
    const items = () =>
      within(missing)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.split(':')[0]);
    expect(items()).toEqual([
      'Product or service',
      'Steps to reproduce',
      'Impact',
      'Recent configuration changes',
      'Severity',
    ]);
    fireEvent.input(screen.getByRole('textbox', { name: 'Impact' }), {
      target: { value: 'All users' },
    });
    expect(items()).not.toContain('Impact');
  });

  it('submits the draft with the "Submit request" button', () => {
    const { onSubmit } = setup(base, [SUMMARY, DESCRIPTION]);
    fireEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    expect(onSubmit).toHaveBeenCalledWith(base);
  });

  it('blocks submit without a summary, with a message at the field', async () => {
    const { onSubmit } = setup({ ...base, summary: ' ' });
    fireEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const summary = screen.getByRole('textbox', { name: 'Summary' });
    expect(summary.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(
        (summary.getAttribute('aria-describedby') ?? '').split(' ').pop() ?? '',
      )?.textContent,
    ).toContain('Enter a summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
  });

  it('shows portal fields the draft does not fill, and blocks submit on an empty required one', async () => {
    const fields = [
      SUMMARY,
      DESCRIPTION,
      field('cf_env', 'Environment', 'select', { validValues: options('Production', 'Staging') }),
      field('cf_acct', 'Account number', 'text', { required: true }),
    ];
    const { onSubmit, last } = setup(base, fields);
    // Environment maps from the draft, so only the account number is asked for.
    expect(screen.queryByRole('combobox', { name: 'Environment' })).toBeNull();
    const account = screen.getByRole('textbox', { name: 'Account number' });
    fireEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(account.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('"Account number" is required: fill it in.')).toBeTruthy();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain(
      '1 field needs attention before the request can be submitted.',
    );
    await waitFor(() => expect(document.activeElement).toBe(account));

    fireEvent.input(account, { target: { value: '42' } });
    expect(last()?.fieldValues).toEqual({ cf_acct: '42' });
    expect(account.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('opens the section of a field the portal refused and focuses it, once', async () => {
    const fields = [SUMMARY, DESCRIPTION, field('cf_acct', 'Account number', 'text')];
    setup({ ...base, fieldValues: { cf_acct: 'x' } }, fields, {
      cf_acct: 'Enter a number of 8 digits.',
    });
    const account = screen.getByRole('textbox', { name: 'Account number' });
    await waitFor(() => expect(document.activeElement).toBe(account));
    expect(account.closest('details')?.open).toBe(true);
    expect(account.getAttribute('aria-invalid')).toBe('true');
    // The user moves on (types elsewhere): focus is not taken back.
    const impact = screen.getByRole('textbox', { name: 'Impact' });
    impact.focus();
    fireEvent.input(account, { target: { value: '12345678' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.activeElement).toBe(impact);
  });

  it('asks for a required priority until a severity is chosen', () => {
    const { onSubmit } = setup(base, [
      SUMMARY,
      { ...priority('Highest', 'High', 'Medium', 'Low', 'Lowest'), required: true },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('combobox', { name: 'Priority' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    fireEvent.click(screen.getByRole('radio', { name: /^P1 / }));
    expect(screen.queryByRole('combobox', { name: 'Priority' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Submit request' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('shows a select whose options match nothing so the user can choose', () => {
    const fields = [
      field('cf_env', 'Environment', 'select', { validValues: options('EU-1', 'US-1') }),
    ];
    const { last } = setup(base, fields);
    const select = screen.getByRole('combobox', { name: 'Environment' });
    fireEvent.change(select, { target: { value: '11' } });
    expect(last()?.fieldValues).toEqual({ cf_env: '11' });
  });

  it('disables the button while submitting', () => {
    render(<TicketForm draft={base} submitting onChange={vi.fn()} onSubmit={vi.fn()} />);
    expect(
      (screen.getByRole('button', { name: 'Submit request' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('places extra content (screenshots, participants) inside the form', () => {
    render(
      <TicketForm draft={base} onChange={vi.fn()} onSubmit={vi.fn()}>
        <p>Screenshot slot</p>
      </TicketForm>,
    );
    expect(screen.getByText('Screenshot slot').closest('form')).toBeTruthy();
  });
});

describe('TicketForm in German', () => {
  afterEach(() => setLocale('en'));

  it('says what a portal field needs in German: required, or a value that does not fit', () => {
    setLocale('de');
    const fields = [
      SUMMARY,
      DESCRIPTION,
      field('cf_acct', 'Account number', 'text', { required: true }),
      field('cf_users', 'Users', 'float'),
    ];
    const { onSubmit } = setup({ ...base, fieldValues: { cf_users: 'viele' } }, fields);
    fireEvent.click(screen.getByRole('button', { name: LOCALES.de.form_submit?.message }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(
      screen.getByText('„Account number“ ist erforderlich: Füllen Sie das Feld aus.'),
    ).toBeTruthy();
    expect(screen.getByText('Geben Sie für „Users“ eine Zahl ein.')).toBeTruthy();
  });
});
