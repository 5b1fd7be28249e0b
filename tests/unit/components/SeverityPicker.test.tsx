import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeverityPicker } from '@/components/composer/SeverityPicker';
import type { SeverityAnswers } from '@/utils/severity/suggestion';

afterEach(cleanup);

function setup(props: Partial<Parameters<typeof SeverityPicker>[0]> = {}) {
  const onChange = vi.fn();
  const onAnswersChange = vi.fn();
  render(
    <SeverityPicker
      value={undefined}
      answers={{}}
      onChange={onChange}
      onAnswersChange={onAnswersChange}
      {...props}
    />,
  );
  return { onChange, onAnswersChange };
}

describe('SeverityPicker', () => {
  it('is a radio group named Severity with P1..P4 and their definitions', () => {
    setup();
    const group = screen.getByRole('radiogroup', { name: 'Severity' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(
      within(group).getByRole('radio', {
        name: 'P1 Critical: production outage, no viable workaround',
      }),
    ).toBeTruthy();
    for (const level of ['P1', 'P2', 'P3', 'P4']) {
      expect(within(group).getByRole('radio', { name: new RegExp(`^${level} `) })).toBeTruthy();
    }
  });

  it('shows the chosen level and emits a new choice', () => {
    const { onChange } = setup({ value: 'P3' });
    expect((screen.getByRole('radio', { name: /^P3 / }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /^P2 / }));
    expect(onChange).toHaveBeenCalledWith('P2');
  });

  it('uses a vendor profile wording', () => {
    setup({ definitions: [{ level: 'P1', name: 'Urgent', definition: 'all down' }] });
    expect(screen.getByRole('radio', { name: 'P1 Urgent: all down' })).toBeTruthy();
  });

  it.each<[string, string, Partial<SeverityAnswers>]>([
    ['Is production affected?', 'Yes', { production: 'yes' }],
    ['Is there a workaround?', 'No', { workaround: 'no' }],
  ])('answers "%s" with %s', (question, answer, patch) => {
    const { onAnswersChange } = setup({ answers: { reach: 'all' } });
    const group = screen.getByRole('group', { name: question });
    fireEvent.click(within(group).getByRole('radio', { name: answer }));
    expect(onAnswersChange).toHaveBeenCalledWith({ reach: 'all', ...patch });
  });

  it('asks how many users and which business function are blocked', () => {
    const { onAnswersChange } = setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Users blocked' }), {
      target: { value: 'some' },
    });
    expect(onAnswersChange).toHaveBeenLastCalledWith({ reach: 'some' });
    fireEvent.input(screen.getByRole('textbox', { name: 'Business function blocked' }), {
      target: { value: 'Invoicing' },
    });
    expect(onAnswersChange).toHaveBeenLastCalledWith({ blockedFunction: 'Invoicing' });
  });

  it('suggests a level and applies it only when asked', () => {
    const { onChange } = setup({ answers: { production: 'yes', workaround: 'no' }, value: 'P3' });
    expect(screen.getByText(/Suggested:/).textContent).toContain('P1');
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Use P1' }));
    expect(onChange).toHaveBeenCalledWith('P1');
  });

  it('offers no button when the suggestion is already chosen', () => {
    setup({ answers: { production: 'yes', workaround: 'no' }, value: 'P1' });
    expect(screen.queryByRole('button', { name: /^Use/ })).toBeNull();
  });

  it('announces a mismatch as an alert and keeps the choice', () => {
    const { onChange } = setup({
      value: 'P1',
      answers: { workaround: 'yes' },
      environment: 'Staging',
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('outside production');
    expect(alert.textContent).toContain('no viable workaround');
    expect(onChange).not.toHaveBeenCalled();
    expect((screen.getByRole('radio', { name: /^P1 / }) as HTMLInputElement).checked).toBe(true);
  });

  it('has no alert without a mismatch', () => {
    setup({ value: 'P2', answers: { production: 'yes' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
