import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MappingTable } from '@/components/composer/MappingTable';
import type { Draft } from '@/utils/ticket/draft';
import { DESCRIPTION, draft, field, options, priority, SUMMARY } from '../ticket/fixtures';

afterEach(cleanup);

const FIELDS = [
  SUMMARY,
  DESCRIPTION,
  priority('Highest', 'High', 'Medium', 'Low', 'Lowest'),
  field('cf_env', 'Environment', 'select', { validValues: options('Production', 'Staging') }),
  field('cf_notes', 'Notes', 'textarea'),
];

function setup(
  d: Draft = draft({ severity: 'P2', environment: 'Prod' }),
  onSave?: () => void,
  status?: string,
) {
  const onChange = vi.fn();
  render(
    <MappingTable draft={d} fields={FIELDS} onChange={onChange} onSave={onSave} status={status} />,
  );
  return { onChange };
}

const row = (name: string) => {
  const header = screen.getByRole('rowheader', { name: new RegExp(`^${name}`) });
  return header.closest('tr') as HTMLElement;
};

describe('MappingTable', () => {
  it('shows each field, its value and why', () => {
    setup();
    expect(
      screen.getByRole('table', { name: "How the request fills the portal's fields" }),
    ).toBeTruthy();
    const priorityRow = within(row('Priority'));
    expect(
      (priorityRow.getByRole('combobox', { name: /^Option of "Priority"/ }) as HTMLSelectElement)
        .value,
    ).toBe('2');
    expect(priorityRow.getByText(/Severity P2 matches option "High"/)).toBeTruthy();
    expect(
      within(row('Environment')).getByText('Environment "Prod" matches option "Production".'),
    ).toBeTruthy();
    expect(within(row('Why do you need this?')).getByText(/composed description/)).toBeTruthy();
    expect(within(row('What do you need?')).getByText('(required)')).toBeTruthy();
  });

  it('changes where a field is filled from', () => {
    const { onChange } = setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Fill "Notes" from' }), {
      target: { value: 'impact' },
    });
    expect(onChange).toHaveBeenCalledWith({ cf_notes: { source: 'impact' } });
  });

  it('returns a field to automatic', () => {
    const { onChange } = setup(
      draft({ mappingOverrides: { cf_notes: { source: 'impact' }, cf_env: { source: 'none' } } }),
    );
    const select = screen.getByRole('combobox', { name: 'Fill "Notes" from' }) as HTMLSelectElement;
    expect(select.value).toBe('impact');
    expect(select.options[0]?.textContent).toBe('Automatic (Nothing (leave as entered))');
    const env = screen.getByRole('combobox', {
      name: 'Fill "Environment" from',
    }) as HTMLSelectElement;
    expect(env.options[0]?.textContent).toBe('Automatic (Environment)');
    fireEvent.change(select, { target: { value: '' } });
    expect(onChange).toHaveBeenCalledWith({ cf_env: { source: 'none' } });
  });

  it('pins the option for the current value', () => {
    const { onChange } = setup();
    fireEvent.change(
      screen.getByRole('combobox', { name: 'Option of "Priority" for severity "P2"' }),
      { target: { value: '1' } },
    );
    expect(onChange).toHaveBeenCalledWith({
      priority: { source: 'severity', options: { P2: '1' } },
    });
  });

  it('shows a problem when no option matches', () => {
    setup(draft({ environment: 'Moon' }));
    expect(
      within(row('Environment')).getByText(
        'No option of "Environment" matches environment "Moon": choose one.',
      ),
    ).toBeTruthy();
  });

  it('saves the overrides for the request type and announces it', () => {
    const onSave = vi.fn();
    const overrides = { cf_notes: { source: 'impact' as const } };
    setup(draft({ mappingOverrides: overrides }), onSave, 'Saved for this request type.');
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping for this request type' }));
    expect(onSave).toHaveBeenCalledWith(overrides);
    expect(screen.getByText('Saved for this request type.').getAttribute('aria-live')).toBe(
      'polite',
    );
  });

  it('renders nothing without fields', () => {
    const { container } = render(<MappingTable draft={draft()} fields={[]} onChange={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });
});
