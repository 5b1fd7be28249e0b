import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureSummary } from '@/components/composer/CaptureSummary';
import { Disclosure } from '@/components/ui/Disclosure';
import { draft, event } from '../ticket/fixtures';

afterEach(cleanup);

const withCaptured = draft(
  {},
  {
    events: [event('TypeError: x is undefined', { count: 3 }), event('Second error')],
    failedRequests: [
      {
        id: 'r1',
        method: 'GET',
        url: 'https://api.example.com/x',
        status: 500,
        requestIds: [
          { name: 'x-request-id', value: 'abc' },
          { name: 'traceparent', value: '00-1' },
        ],
      },
    ],
  },
);

describe('CaptureSummary', () => {
  it('says what was captured as counts, with environment, product and the portal', () => {
    render(
      <CaptureSummary
        context={withCaptured.context}
        environment="Staging"
        product="OpenShift"
        portalName="support.example.com"
        allowState="idle"
        onAllowSite={vi.fn()}
      />,
    );

    const region = screen.getByRole('region', { name: 'Captured page' });
    expect(within(region).getByTestId('event-total').textContent).toBe('4 errors captured');
    expect(region.textContent).toContain('1 failed request');
    expect(region.textContent).toContain('2 request IDs');
    expect(region.textContent).toContain('Staging');
    expect(region.textContent).toContain('OpenShift');
    expect(region.textContent).toContain('support.example.com');
    // The errors themselves are listed once, in the composer's "Errors and logs", not here.
    expect(region.textContent).not.toContain('TypeError: x is undefined');
  });

  it('says when no portal is connected and shows no thumbnail without a screenshot', () => {
    render(
      <CaptureSummary context={withCaptured.context} allowState="idle" onAllowSite={vi.fn()} />,
    );

    expect(screen.getByRole('region', { name: 'Captured page' }).textContent).toContain(
      'No portal connected',
    );
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('Disclosure', () => {
  it('is a native details element whose summary says in one line what it holds', () => {
    render(
      <Disclosure title="Errors and logs" line="3 of 4 included">
        <p>inside</p>
      </Disclosure>,
    );

    const summary = screen.getByText('Errors and logs').closest('summary') as HTMLElement;
    expect(summary.textContent).toBe('Errors and logs3 of 4 included');
    const details = summary.parentElement as HTMLDetailsElement;
    expect(details.tagName).toBe('DETAILS');
    expect(details.open).toBe(false);
    expect(details.contains(screen.getByText('inside'))).toBe(true);
  });

  it('opens at first render when asked, and marks a section that needs the user', () => {
    render(
      <Disclosure title="Portal fields" open attention>
        <p>field</p>
      </Disclosure>,
    );

    const details = screen.getByText('Portal fields').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(true);
    expect(details.classList.contains('disclosure-attention')).toBe(true);
  });
});
