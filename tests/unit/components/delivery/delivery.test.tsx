import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryProgress, describeJob } from '@/components/delivery/DeliveryProgress';
import { DeliveryResult } from '@/components/delivery/DeliveryResult';
import { DownloadReportButton } from '@/components/delivery/DownloadReportButton';
import { EscalationChannels } from '@/components/delivery/EscalationChannels';
import { MyRequestsList } from '@/components/delivery/MyRequestsList';
import { ShareWithColleagues } from '@/components/delivery/ShareWithColleagues';
import { type JobView, JobViewSchema } from '@/utils/outbox/job';
import { storageErrorInfo } from '@/utils/storage-errors';

afterEach(cleanup);

function view(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'job-1',
    status: 'running',
    step: 'upload',
    summary: 'Saving fails',
    captureReference: 'SC-7F3K9Q',
    createdAt: 0,
    nextAttemptAt: null,
    waitMs: 0,
    attempts: 0,
    lastError: null,
    cancellable: false,
    progress: { bytesUploaded: 512, bytesTotal: 2048 },
    files: 2,
    issueKey: null,
    webUrl: null,
    skipped: [],
    participantsAdded: [],
    participantsRejected: [],
    sharingNotPermitted: false,
    checking: false,
    withdrawn: [],
    ...overrides,
  };
}

function progress(job: JobView) {
  const handlers = { onCancel: vi.fn(), onRetryNow: vi.fn(), onSignIn: vi.fn() };
  render(<DeliveryProgress job={job} {...handlers} />);
  return handlers;
}

describe('DeliveryProgress', () => {
  it('shows the step and the bytes uploaded', () => {
    progress(view());
    expect(screen.getByRole('status').textContent).toBe('Uploading files…');
    const bar = screen.getByRole('progressbar', { name: 'Files uploaded' });
    expect(bar.getAttribute('aria-valuetext')).toBe('512\u00a0bytes of 2.0\u00a0kB');
  });

  it('a waiting job says when it tries again and can be retried now', () => {
    const { onRetryNow } = progress(
      view({
        status: 'waiting-retry',
        waitMs: 2000,
        lastError: { code: 'network', message: 'Could not reach the portal.' },
      }),
    );
    expect(screen.getByRole('status').textContent).toBe(
      'The portal could not be reached. Trying again in 2\u00a0s; you can close this window, nothing is lost.',
    );
    // The cause is in the status; the portal's own "try again" is not repeated.
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(onRetryNow).toHaveBeenCalledWith('job-1');
    expect(screen.queryByRole('button', { name: 'Cancel sending' })).toBeNull();
  });

  it('a wait the user can help keeps its message (a full disk)', () => {
    progress(
      view({
        status: 'waiting-retry',
        waitMs: 60_000,
        lastError: storageErrorInfo('delivery', 'quota'),
      }),
    );
    expect(screen.getByRole('status').textContent).toContain('Trying again in 60\u00a0s');
    expect(screen.getByRole('alert').textContent).toContain('Free some disk space');
  });

  it.each([
    ['rate-limited', 'The portal is limiting requests right now.'],
    ['server', 'The portal answered with an error of its own.'],
    ['timeout', 'The portal could not be reached.'],
  ] as const)('a wait after %s says so in the status', (code, start) => {
    progress(view({ status: 'waiting-retry', waitMs: 5000, lastError: { code, message: 'x' } }));
    expect(screen.getByRole('status').textContent).toMatch(
      new RegExp(`^${start.replace('.', '\\.')} Trying again in 5\u00a0s`),
    );
  });

  it('an auth pause prompts sign-in', () => {
    const { onSignIn } = progress(
      view({ status: 'paused-auth', lastError: { code: 'auth', message: 'Sign in.' } }),
    );
    expect(screen.getByRole('status').textContent).toContain('sign in to the portal again');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to the portal' }));
    expect(onSignIn).toHaveBeenCalled();
  });

  it('a cancellable job offers "Cancel sending"', () => {
    const { onCancel } = progress(view({ status: 'queued', step: 'create', cancellable: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel sending' }));
    expect(onCancel).toHaveBeenCalledWith('job-1');
  });

  it('needs-edit lists the field messages', () => {
    progress(
      view({
        status: 'needs-edit',
        step: 'create',
        lastError: {
          code: 'validation',
          message: 'Correct the fields.',
          fields: { summary: 'Required.' },
        },
      }),
    );
    const list = screen.getByRole('list', { name: 'Fields to correct' });
    expect(within(list).getByText('summary: Required.')).toBeTruthy();
  });

  it('describes every status', () => {
    for (const status of JobViewSchema.shape.status.options) {
      expect(describeJob(view({ status, issueKey: 'SUP-1' }))).toMatch(/\w/);
    }
    expect(describeJob(view({ status: 'delivered', issueKey: 'SUP-1' }))).toBe('Filed as SUP-1.');
  });
});

describe('DeliveryResult', () => {
  it('links the issue key to the portal page and copies the link', async () => {
    const onCopyLink = vi.fn(async () => {});
    const job = view({
      status: 'delivered',
      step: 'done',
      issueKey: 'SUP-1',
      webUrl: 'http://127.0.0.1/p/SUP-1',
    });
    const { rerender } = render(<DeliveryResult job={job} onCopyLink={onCopyLink} />);
    expect(screen.getByRole('link', { name: 'SUP-1' }).getAttribute('href')).toBe(
      'http://127.0.0.1/p/SUP-1',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(onCopyLink).toHaveBeenCalledWith('http://127.0.0.1/p/SUP-1');
    rerender(<DeliveryResult job={job} onCopyLink={onCopyLink} copied />);
    expect(screen.getByRole('status').textContent).toBe('Link copied.');
  });

  it('lists files that were not attached', () => {
    render(
      <DeliveryResult
        job={view({
          status: 'delivered',
          issueKey: 'SUP-1',
          skipped: [{ name: 'huge.png', reason: 'Too big.' }],
        })}
        onCopyLink={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('huge.png: Too big.');
  });

  it('names the kept request and the withdrawn duplicate; says when it is still checking', () => {
    const { rerender } = render(
      <DeliveryResult
        job={view({ status: 'delivered', issueKey: 'SUP-2', checking: true })}
        onCopyLink={vi.fn()}
      />,
    );
    expect(screen.getByRole('region', { name: 'Request filed' }).textContent).toContain(
      'checked once more for a duplicate',
    );
    rerender(
      <DeliveryResult
        job={view({ status: 'delivered', issueKey: 'SUP-2', withdrawn: ['SUP-1'] })}
        onCopyLink={vi.fn()}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'The portal had this request twice; the duplicate SUP-1 was withdrawn. Follow SUP-2.',
    );
  });

  it('an error with its own words shows them from the locale, with its values', () => {
    render(
      <DeliveryProgress
        job={view({
          status: 'failed',
          lastError: {
            code: 'scope',
            message: 'x',
            messageKey: 'error_scope',
            values: ['read:servicedesk-request, write:servicedesk-request'],
          },
        })}
        onCancel={vi.fn()}
        onRetryNow={vi.fn()}
        onSignIn={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'A scoped token needs: read:servicedesk-request, write:servicedesk-request.',
    );
  });

  it('shows nothing before delivery', () => {
    const { container } = render(<DeliveryResult job={view()} onCopyLink={vi.fn()} />);
    expect(container.textContent).toBe('');
  });
});

describe('ShareWithColleagues', () => {
  const base = {
    issueKey: 'SUP-1',
    webUrl: 'http://127.0.0.1/p/SUP-1',
    colleagues: [{ accountId: 'acc-1', displayName: 'Ada' }],
    canAddParticipants: true,
    searchResults: null,
    onSearch: vi.fn(),
    onShare: vi.fn(),
  };

  it('adds chosen saved colleagues and found people', () => {
    const onShare = vi.fn();
    const onSearch = vi.fn();
    const { rerender } = render(
      <ShareWithColleagues {...base} onShare={onShare} onSearch={onSearch} />,
    );
    fireEvent.input(screen.getByRole('searchbox', { name: 'Find people' }), {
      target: { value: 'gra' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenCalledWith('gra');
    rerender(
      <ShareWithColleagues
        {...base}
        onShare={onShare}
        onSearch={onSearch}
        searchResults={[{ accountId: 'acc-2', displayName: 'Grace' }]}
      />,
    );
    const add = screen.getByRole('button', { name: 'Add to SUP-1' });
    expect((add as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ada' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Grace' }));
    fireEvent.click(add);
    expect(onShare).toHaveBeenCalledWith(['acc-1', 'acc-2']);
    rerender(
      <ShareWithColleagues
        {...base}
        onShare={onShare}
        searchResults={[{ accountId: 'acc-2', displayName: 'Grace' }]}
        outcome={{ added: ['acc-1'], rejected: ['acc-2'], notPermitted: false }}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      "Added Ada. The portal does not know Grace: they need a customer account on the portal first; ask the vendor's support to add them, or share the request with them from the portal.",
    );
  });

  it('says why when the portal does not allow sharing, and offers the link by e-mail', () => {
    render(<ShareWithColleagues {...base} canAddParticipants={false} />);
    expect(screen.getByRole('alert').textContent).toContain('does not let customers add people');
    expect(screen.getByRole('link', { name: 'E-mail the link' }).getAttribute('href')).toContain(
      encodeURIComponent('http://127.0.0.1/p/SUP-1'),
    );
  });

  it('a 403 while sharing shows the same explanation', () => {
    render(
      <ShareWithColleagues {...base} outcome={{ added: [], rejected: [], notPermitted: true }} />,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('explains search limits', () => {
    render(
      <ShareWithColleagues
        {...base}
        searchResults={[]}
        searchLimitNote="Your account may only find exact names."
      />,
    );
    expect(screen.getByText('Your account may only find exact names.')).toBeTruthy();
  });
});

describe('MyRequestsList', () => {
  it('shows requests with status, last update and link, and refreshes', () => {
    const onRefresh = vi.fn();
    render(
      <MyRequestsList
        loading={false}
        onRefresh={onRefresh}
        formatDate={(ms) => `T${ms}`}
        requests={[
          {
            issueKey: 'SUP-9',
            summary: 'Broken',
            status: 'Waiting for support',
            updatedAt: 5,
            webUrl: 'http://x/SUP-9',
          },
        ]}
      />,
    );
    const table = screen.getByRole('table');
    expect(within(table).getByRole('link', { name: 'SUP-9' }).getAttribute('href')).toBe(
      'http://x/SUP-9',
    );
    expect(within(table).getByRole('cell', { name: 'Waiting for support' })).toBeTruthy();
    expect(within(table).getByRole('cell', { name: 'T5' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(onRefresh).toHaveBeenCalled();
  });

  it('marks the kept request and a withdrawn duplicate', () => {
    render(
      <MyRequestsList
        loading={false}
        onRefresh={vi.fn()}
        requests={[
          {
            issueKey: 'SUP-2',
            summary: 'Broken',
            status: 'Waiting for support',
            updatedAt: null,
            webUrl: null,
            duplicatesWithdrawn: ['SUP-1'],
          },
          {
            issueKey: 'SUP-1',
            summary: 'Broken',
            status: 'Canceled',
            updatedAt: null,
            webUrl: null,
            withdrawnInFavourOf: 'SUP-2',
          },
        ]}
      />,
    );
    const rows = screen.getAllByRole('row');
    expect(rows[1]?.textContent).toContain('(duplicate SUP-1 withdrawn)');
    expect(rows[2]?.textContent).toContain('(withdrawn: a duplicate of SUP-2)');
  });

  it('says when there are none, and shows errors', () => {
    render(
      <MyRequestsList
        loading={false}
        onRefresh={vi.fn()}
        requests={[]}
        error={{ code: 'network', message: 'Could not reach the portal.' }}
      />,
    );
    expect(screen.getByText('No open requests.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Could not reach the portal.');
  });
});

describe('EscalationChannels', () => {
  const channels = [
    { kind: 'chat' as const, label: 'Premium chat', href: 'https://chat.example.com' },
    { kind: 'phone' as const, label: '+1 555 0100', href: 'tel:+15550100' },
    { kind: 'chat' as const, label: 'Bad', href: 'javascript:alert(1)' },
  ];

  it('shows chat and phone for a P1 right after submit', () => {
    render(<EscalationChannels severity="P1" issueKey="SUP-1" channels={channels} />);
    const region = screen.getByRole('region', { name: 'Escalate this P1' });
    expect(within(region).getByRole('link', { name: 'Chat: Premium chat' })).toBeTruthy();
    expect(
      within(region).getByRole('link', { name: 'Phone: +1 555 0100' }).getAttribute('href'),
    ).toBe('tel:+15550100');
    expect(within(region).queryByRole('link', { name: /Bad/ })).toBeNull();
  });

  it('shows nothing below P1 or without channels', () => {
    const { container } = render(
      <EscalationChannels severity="P2" issueKey="SUP-1" channels={channels} />,
    );
    expect(container.textContent).toBe('');
  });
});

describe('DownloadReportButton', () => {
  it('is a labelled button that reports busy', () => {
    const onDownload = vi.fn();
    const { rerender } = render(<DownloadReportButton onDownload={onDownload} />);
    fireEvent.click(screen.getByRole('button', { name: 'Download report' }));
    expect(onDownload).toHaveBeenCalled();
    rerender(<DownloadReportButton onDownload={onDownload} busy />);
    expect(
      (screen.getByRole('button', { name: 'Preparing the report…' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});
