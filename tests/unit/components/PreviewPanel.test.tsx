import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreviewPanel } from '@/components/composer/PreviewPanel';
import { composeDescription } from '@/utils/ticket/description';
import { buildPreview } from '@/utils/ticket/preview';
import { draft } from '../ticket/fixtures';

afterEach(cleanup);

const d = draft({ participants: [{ accountId: 'a1', displayName: 'Ann' }] });
const preview = buildPreview({
  draft: { ...d, context: { ...d.context, redactions: 2 } },
  attachments: [{ name: 'screenshot.png', size: 250_000, type: 'image/png' }],
  organisation: 'Acme Ops',
});

describe('PreviewPanel', () => {
  it('shows the description exactly as it will be sent', () => {
    render(<PreviewPanel preview={preview} />);
    const region = screen.getByRole('region', { name: 'What will be sent' });
    expect(
      (within(region).getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement).value,
    ).toBe(composeDescription(d));
    expect(within(region).getByText(`${d.summary} [SC-7F3K9Q]`)).toBeTruthy();
  });

  it('lists attachments with sizes, who will see it and the redactions', () => {
    render(<PreviewPanel preview={preview} />);
    expect(
      within(screen.getByRole('list', { name: 'Attachments' })).getByRole('listitem').textContent,
    ).toBe('screenshot.png (244\u00a0kB)');
    const audience = within(screen.getByRole('list', { name: 'Who will see it' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(audience).toContain(
      'Everyone on the request: Ann. Participants get the same notifications as you.',
    );
    expect(audience).toContain(
      'Everyone in the organisation "Acme Ops", because the request is shared with it.',
    );
    expect(audience).toContain(
      'Attachments may be sent by e-mail with notifications to everyone on the request.',
    );
    expect(screen.getByText(/^2 secrets were redacted/)).toBeTruthy();
  });

  it('says when there are no attachments', () => {
    render(<PreviewPanel preview={{ ...preview, attachments: [] }} />);
    expect(screen.getByText('No attachments.')).toBeTruthy();
  });

  it('emits confirm and back, and disables sending while it runs', () => {
    const onConfirm = vi.fn();
    const onBack = vi.fn();
    const { rerender } = render(
      <PreviewPanel preview={preview} onConfirm={onConfirm} onBack={onBack} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to editing' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(onBack).toHaveBeenCalledOnce();
    rerender(<PreviewPanel preview={preview} onConfirm={onConfirm} sending />);
    expect(
      (screen.getByRole('button', { name: 'Send request' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('has no buttons without handlers', () => {
    render(<PreviewPanel preview={preview} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
