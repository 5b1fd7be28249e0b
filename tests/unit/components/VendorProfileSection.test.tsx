import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm } from '@/components/ConnectionForm';
import { EnvironmentRulesEditor } from '@/components/EnvironmentRulesEditor';
import { VendorProfileSection } from '@/components/VendorProfileSection';
import { STAKATER_PROFILE, type VendorProfile } from '@/utils/profile/vendor-profiles';

afterEach(cleanup);

const ACME: VendorProfile = {
  ...STAKATER_PROFILE,
  id: 'acme',
  vendorName: 'Acme Cloud',
  portalUrl: 'https://acme.atlassian.net',
  escalationChannels: [{ kind: 'phone', label: 'Hotline', number: '+1 555 0100' }],
};

function setup(props: Partial<Parameters<typeof VendorProfileSection>[0]> = {}) {
  const handlers = { onSelect: vi.fn(), onImport: vi.fn(), onExport: vi.fn() };
  render(
    <VendorProfileSection
      profiles={[STAKATER_PROFILE, ACME]}
      active={ACME}
      source="imported"
      locked={false}
      {...handlers}
      {...props}
    />,
  );
  return handlers;
}

describe('VendorProfileSection', () => {
  it('chooses, imports and exports profiles', async () => {
    const { onSelect, onImport, onExport } = setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Active profile' }), {
      target: { value: 'stakater' },
    });
    expect(onSelect).toHaveBeenCalledWith('stakater');
    const input = screen.getByLabelText('Import profile') as HTMLInputElement;
    const file = new File(['{"id":"x"}'], 'x.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    await waitFor(() => expect(onImport).toHaveBeenCalledWith('{"id":"x"}'));
    fireEvent.click(screen.getByRole('button', { name: 'Export profile' }));
    expect(onExport).toHaveBeenCalled();
    expect(screen.getByRole('list', { name: 'Escalation channels' }).textContent).toContain(
      'Hotline: +1 555 0100',
    );
  });

  it('names each bad field of a rejected file', () => {
    setup({
      problems: [
        {
          path: 'escalationChannels.0.number',
          message: 'Must be a phone number such as +1 555 0100.',
        },
        { path: '', message: 'Unknown field "severites": check the spelling or remove it.' },
      ],
    });
    const list = screen.getByRole('list', { name: 'Problems in the profile file' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toContain('escalationChannels.0.number');
    expect(items[0]).toContain('phone number');
    expect(items[1]).toContain('severites');
    expect(screen.getByRole('alert').textContent).toContain('nothing was changed');
  });

  it('is locked when the organisation sets the profile', () => {
    setup({ locked: true, source: 'policy' });
    const select = screen.getByRole('combobox', { name: 'Active profile' });
    expect(select).toHaveProperty('disabled', true);
    expect(select.getAttribute('aria-describedby')).toBe('profile-managed-note');
    expect(document.getElementById('profile-managed-note')?.textContent).toBe(
      'Set by your organisation',
    );
    expect(screen.getByLabelText('Import profile')).toHaveProperty('disabled', true);
    // Exporting what the organisation set stays possible.
    expect(screen.getByRole('button', { name: 'Export profile' })).toHaveProperty(
      'disabled',
      false,
    );
  });
});

describe('locked organisation settings', () => {
  it('the portal URL and sign-in method are shown but not editable', () => {
    render(
      <ConnectionForm
        connection={{
          portalUrl: 'https://org.atlassian.net',
          authMethod: 'portal-session',
          originGranted: false,
        }}
        profiles={[STAKATER_PROFILE]}
        onSave={vi.fn()}
        onTest={vi.fn()}
        locked={{ portalUrl: true, authMethod: true }}
      />,
    );
    const url = screen.getByRole('textbox', { name: 'Portal URL' });
    expect(url).toHaveProperty('value', 'https://org.atlassian.net');
    expect(url).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: /Fill in from/ })).toBeNull();
    // The radios are disabled through their fieldset.
    expect(screen.getByRole('group', { name: 'Sign-in method' })).toHaveProperty('disabled', true);
  });

  it('organisation rules are listed read-only before the user rules, and try-a-URL uses them', () => {
    render(
      <EnvironmentRulesEditor
        rules={[{ id: 'u', pattern: 'app.example.com', environment: 'Staging', product: '' }]}
        onSave={vi.fn()}
        policyRules={[
          { id: 'policy:1', pattern: '*.example.com', environment: 'Production', product: 'Org' },
        ]}
      />,
    );
    const pattern = screen.getByRole('textbox', { name: 'Pattern of organisation rule 1' });
    expect(pattern).toHaveProperty('value', '*.example.com');
    expect(pattern).toHaveProperty('disabled', true);
    expect(screen.getByRole('textbox', { name: 'Pattern of rule 1' })).toHaveProperty(
      'disabled',
      false,
    );
    fireEvent.input(screen.getByLabelText('Try a page address'), {
      target: { value: 'https://app.example.com/x' },
    });
    expect(screen.getByRole('status').textContent).toContain("Your organisation's rule #1");
  });
});
