import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StepsControls } from '@/components/composer/StepsControls';
import { StepRecordingSettings } from '@/components/StepRecordingSettings';

afterEach(cleanup);

describe('StepsControls', () => {
  it('offers the recorded steps and clearing', () => {
    const onUse = vi.fn();
    const onClear = vi.fn();
    render(<StepsControls recordedSteps={4} onUse={onUse} onClear={onClear} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use recorded steps' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onUse).toHaveBeenCalledOnce();
    expect(onClear).toHaveBeenCalledOnce();
    expect(screen.getByText(/4 recorded steps/)).toBeTruthy();
  });

  it('says why nothing was recorded', () => {
    render(
      <StepsControls
        recordedSteps={0}
        unavailableNote="Step recording is off for this site."
        onUse={() => {}}
        onClear={() => {}}
      />,
    );
    const use = screen.getByRole('button', { name: 'Use recorded steps' }) as HTMLButtonElement;
    expect(use.disabled).toBe(true);
    expect(screen.getByText('Step recording is off for this site.')).toBeTruthy();
  });
});

describe('StepRecordingSettings', () => {
  it('switches recording per allowed site', () => {
    const onChange = vi.fn();
    render(
      <StepRecordingSettings
        allowedOrigins={['https://a.example', 'https://b.example']}
        offOrigins={['https://b.example']}
        onChange={onChange}
      />,
    );
    const a = screen.getByRole('checkbox', { name: 'Record steps on https://a.example' });
    const b = screen.getByRole('checkbox', { name: 'Record steps on https://b.example' });
    expect((a as HTMLInputElement).checked).toBe(true);
    expect((b as HTMLInputElement).checked).toBe(false);
    fireEvent.click(a);
    expect(onChange).toHaveBeenCalledWith('https://a.example', false);
  });
});
