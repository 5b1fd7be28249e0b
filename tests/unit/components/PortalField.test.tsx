import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortalField } from '@/components/composer/PortalField';
import type { FieldInput, PortalFieldMeta } from '@/utils/ticket/portal-fields';
import { field, options } from '../ticket/fixtures';

afterEach(cleanup);

function setup(f: PortalFieldMeta, value?: FieldInput, error?: string) {
  const onChange = vi.fn();
  const view = render(<PortalField field={f} value={value} error={error} onChange={onChange} />);
  return { onChange, view };
}

describe('PortalField', () => {
  it.each<[string, PortalFieldMeta, string]>([
    ['text', field('t', 'Account', 'text'), 'textbox'],
    ['paragraph', field('t', 'Details', 'textarea'), 'textbox'],
    ['select', field('s', 'Region', 'select', { validValues: options('EU', 'US') }), 'combobox'],
    [
      'multi-select',
      field('m', 'Modules', 'multiselect', { validValues: options('A', 'B') }),
      'listbox',
    ],
    [
      'radio',
      field('r', 'Reachable', 'radiobuttons', { validValues: options('Yes', 'No') }),
      'radiogroup',
    ],
    [
      'checkbox',
      field('c', 'Areas', 'multicheckboxes', { validValues: options('UI', 'API') }),
      'group',
    ],
    ['number', field('n', 'Users affected', 'float'), 'spinbutton'],
    ['labels', field('l', 'Tags', 'labels'), 'textbox'],
  ])('renders a %s field labelled by its name', (_kind, f, role) => {
    setup(f);
    expect(screen.getByRole(role, { name: f.name })).toBeTruthy();
  });

  it('renders a date field labelled by its name', () => {
    const { view } = setup(field('d', 'Started on', 'datepicker'), '2026-05-04');
    const input = screen.getByLabelText('Started on') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.value).toBe('2026-05-04');
    expect(view.container.querySelector('[data-kind="date"]')).toBeTruthy();
  });

  it.each<[string, PortalFieldMeta, (f: PortalFieldMeta) => void, FieldInput | undefined]>([
    [
      'text',
      field('t', 'Account', 'text'),
      () => fireEvent.input(screen.getByRole('textbox'), { target: { value: 'acme' } }),
      'acme',
    ],
    [
      'text cleared',
      field('t', 'Account', 'text'),
      () => fireEvent.input(screen.getByRole('textbox'), { target: { value: '' } }),
      undefined,
    ],
    [
      'number',
      field('n', 'Users', 'float'),
      () => fireEvent.input(screen.getByRole('spinbutton'), { target: { value: '12' } }),
      '12',
    ],
    [
      'labels',
      field('l', 'Tags', 'labels'),
      () => fireEvent.input(screen.getByRole('textbox'), { target: { value: 'a, b c' } }),
      ['a', 'b', 'c'],
    ],
    [
      'select',
      field('s', 'Region', 'select', { validValues: options('EU', 'US') }),
      () => fireEvent.change(screen.getByRole('combobox'), { target: { value: '11' } }),
      '11',
    ],
    [
      'radio',
      field('r', 'Reachable', 'radiobuttons', { validValues: options('Yes', 'No') }),
      () => fireEvent.click(screen.getByRole('radio', { name: 'No' })),
      '11',
    ],
    [
      'checkbox',
      field('c', 'Areas', 'multicheckboxes', { validValues: options('UI', 'API') }),
      () => fireEvent.click(screen.getByRole('checkbox', { name: 'API' })),
      ['11'],
    ],
  ])('emits the %s value', (_name, f, act, expected) => {
    const { onChange } = setup(f);
    act(f);
    expect(onChange).toHaveBeenLastCalledWith(expected);
  });

  it('emits the chosen options of a multi-select', () => {
    const { onChange } = setup(
      field('m', 'Modules', 'multiselect', { validValues: options('A', 'B', 'C') }),
    );
    const list = screen.getByRole('listbox', { name: 'Modules' }) as HTMLSelectElement;
    for (const option of Array.from(list.options)) option.selected = option.value !== '11';
    fireEvent.change(list);
    expect(onChange).toHaveBeenLastCalledWith(['10', '12']);
  });

  it('unchecks a checkbox option', () => {
    const { onChange } = setup(
      field('c', 'Areas', 'multicheckboxes', { validValues: options('UI', 'API') }),
      ['10', '11'],
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'UI' }));
    expect(onChange).toHaveBeenLastCalledWith(['11']);
  });

  it('shows current values', () => {
    setup(field('s', 'Region', 'select', { validValues: options('EU', 'US') }), '11');
    expect((screen.getByRole('combobox', { name: 'Region' }) as HTMLSelectElement).value).toBe(
      '11',
    );
  });

  it('marks a required field and shows its message at the field', () => {
    setup(
      field('t', 'Account', 'text', { required: true, description: 'Your customer number' }),
      undefined,
      '"Account" is required: fill it in.',
    );
    const input = screen.getByRole('textbox', { name: 'Account' });
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Your customer number', '"Account" is required: fill it in.']);
  });

  it('marks a required radio group invalid with its message', () => {
    setup(
      field('r', 'Reachable', 'radiobuttons', { required: true, validValues: options('Yes') }),
      undefined,
      'Choose one',
    );
    const group = screen.getByRole('radiogroup', { name: 'Reachable' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(group.getAttribute('aria-required')).toBe('true');
    expect(document.getElementById(group.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Choose one',
    );
  });

  it('is not invalid without an error', () => {
    setup(field('t', 'Account', 'text', { required: true }));
    expect(
      screen.getByRole('textbox', { name: 'Account' }).getAttribute('aria-invalid'),
    ).toBeNull();
  });

  it('says when a field can only be filled on the portal, and links to its form', () => {
    const sla = {
      fieldId: 'u',
      name: 'Nominee',
      required: false,
      validValues: [],
      jiraSchema: { type: 'sd-sla', custom: 'com.vendor:sla' },
    };
    const view = render(
      <PortalField
        field={sla}
        value={undefined}
        onChange={() => {}}
        portalFormUrl="http://127.0.0.1/servicedesk/customer/portal/1/create/13"
      />,
    );
    expect(
      within(view.container as HTMLElement).getByText(/can only be filled on the portal/),
    ).toBeTruthy();
    expect(
      within(view.container as HTMLElement)
        .getByRole('link', { name: "Open the portal's form" })
        .getAttribute('href'),
    ).toBe('http://127.0.0.1/servicedesk/customer/portal/1/create/13');
  });

  it('a cascade offers the second level of the chosen option', () => {
    const onChange = vi.fn();
    const cascade = {
      fieldId: 'r',
      name: 'Region',
      required: true,
      validValues: [
        { value: 'eu', label: 'Europe', children: [{ value: 'par', label: 'Paris' }] },
        { value: 'us', label: 'Americas', children: [{ value: 'va', label: 'Virginia' }] },
      ],
      jiraSchema: { type: 'option-with-child', custom: 'x:cascadingselect' },
    };
    const view = render(<PortalField field={cascade} value={['eu']} onChange={onChange} />);
    const second = within(view.container as HTMLElement).getByRole('combobox', {
      name: 'Region, second level',
    });
    expect(Array.from((second as HTMLSelectElement).options, (o) => o.textContent)).toEqual([
      'Choose…',
      'Paris',
    ]);
    fireEvent.change(second, { target: { value: 'par' } });
    expect(onChange).toHaveBeenCalledWith(['eu', 'par']);
  });

  it('a user picker searches people and chooses one', async () => {
    const onChange = vi.fn();
    const searchPeople = vi.fn(async () => [{ accountId: 'acc-1', displayName: 'Sam' }]);
    const view = render(
      <PortalField
        field={field('u', 'Approver', 'user')}
        value={undefined}
        onChange={onChange}
        searchPeople={searchPeople}
      />,
    );
    const box = within(view.container as HTMLElement);
    fireEvent.input(box.getByRole('searchbox', { name: 'Approver' }), { target: { value: 'sa' } });
    fireEvent.click(box.getByRole('button', { name: 'Search people' }));
    fireEvent.click(await box.findByRole('button', { name: 'Sam' }));
    expect(searchPeople).toHaveBeenCalledWith('sa');
    expect(onChange).toHaveBeenCalledWith(['acc-1 Sam']);
  });
});
