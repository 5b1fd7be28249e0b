import { describe, expect, it, vi } from 'vitest';
import { createJob } from '@/utils/outbox/job';
import { findPeople, MAX_SAVED_COLLEAGUES, rememberColleagues } from '@/utils/outbox/people';
import { listMyRequests, outboxPortal } from '@/utils/outbox/portal-adapter';
import { buildReportHtml, reportFileName } from '@/utils/outbox/report';
import { createJobStore } from '@/utils/outbox/store';
import { input } from './fake-portal';
import { memoryRecordMap } from './memory-record-map';

type PortalClientLike = Parameters<typeof outboxPortal>[0];

function request(key: string, description: string, summary = 'Saving fails', created = 0) {
  return {
    createdDate: { epochMillis: created },
    issueId: key.replace(/\D/g, ''),
    issueKey: key,
    summary,
    requestFieldValues: [
      { fieldId: 'summary', value: summary },
      { fieldId: 'description', value: description },
    ],
    currentStatus: {
      status: 'Waiting for support',
      statusCategory: 'NEW',
      statusDate: { epochMillis: 1_700_000_000_000 },
    },
    _links: { web: `http://127.0.0.1/portal/1/${key}` },
  };
}

function client(overrides: Partial<PortalClientLike> = {}): PortalClientLike {
  return {
    createRequest: vi.fn(),
    attachTemporaryFiles: vi.fn(),
    attachToRequest: vi.fn(),
    addParticipants: vi.fn(),
    myRequests: vi.fn(async () => ({ values: [], isLastPage: true, start: 0 })),
    getRequest: vi.fn(async () => ({ issueKey: 'SUP-1' })),
    attachmentMeta: vi.fn(async () => ({ enabled: true, uploadLimit: 1000 })),
    listComments: vi.fn(async () => []),
    addComment: vi.fn(),
    listTransitions: vi.fn(async () => []),
    performTransition: vi.fn(),
    ...overrides,
  };
}

describe('portal adapter', () => {
  it('finds a request by the reference in its description, even when searchTerm (summary) misses', async () => {
    const myRequests = vi.fn(async (filter: { searchTerm?: string }) => ({
      start: 0,
      isLastPage: true,
      values: filter.searchTerm
        ? []
        : [
            request('SUP-2', 'Other\nCapture reference: SC-AAAAAA'),
            request('SUP-3', 'x\nCapture reference: SC-7F3K9Q', 'Saving fails', 5),
          ],
    }));
    const portal = outboxPortal(client({ myRequests }));
    const found = await portal.findRequestsByReference('SC-7F3K9Q', {
      serviceDeskId: '1',
      requestTypeId: '10',
      since: null,
    });
    expect(found).toEqual([
      {
        issueId: '3',
        issueKey: 'SUP-3',
        created: 5,
        attachments: 0,
        webUrl: 'http://127.0.0.1/portal/1/SUP-3',
      },
    ]);
    // The user's own requests of this desk and request type, with their attachments.
    expect(myRequests).toHaveBeenCalledWith(
      expect.objectContaining({
        requestOwnership: ['OWNED_REQUESTS'],
        serviceDeskId: '1',
        requestTypeId: '10',
        requestStatus: 'ALL_REQUESTS',
        expand: ['status', 'attachment'],
      }),
    );
    // And the summary search, where the reference is appended.
    expect(myRequests).toHaveBeenCalledWith(expect.objectContaining({ searchTerm: 'SC-7F3K9Q' }));
  });

  it('walks the own requests page by page until a whole page is older than the first create', async () => {
    const pages = [
      [
        request('SUP-9', 'new', 's', 900),
        request('SUP-8', 'Capture reference: SC-7F3K9Q', 's', 800),
      ],
      [request('SUP-7', 'x', 's', 700), request('SUP-6', 'Capture reference: SC-7F3K9Q', 's', 650)],
      [request('SUP-5', 'x', 's', 100), request('SUP-4', 'x', 's', 90)],
      [request('SUP-3', 'Capture reference: SC-7F3K9Q', 's', 50)],
    ];
    const myRequests = vi.fn(async (filter: { searchTerm?: string; start?: number }) => {
      if (filter.searchTerm) return { start: 0, isLastPage: true, values: [] };
      const index = (filter.start ?? 0) / 2;
      return { start: filter.start ?? 0, isLastPage: index === 3, values: pages[index] ?? [] };
    });
    const portal = outboxPortal(client({ myRequests }));
    const found = await portal.findRequestsByReference('SC-7F3K9Q', {
      serviceDeskId: '1',
      requestTypeId: '10',
      since: 600,
    });
    expect(found.map((f) => f.issueKey)).toEqual(['SUP-8', 'SUP-6']);
    // Pages 0, 1 and 2 (all older than `since`: stop), then the summary search.
    expect(myRequests).toHaveBeenCalledTimes(4);
  });

  it('a failing search throws (only an answer may allow a new create)', async () => {
    const portal = outboxPortal(
      client({
        myRequests: async () => {
          throw new Error('offline');
        },
      }),
    );
    await expect(
      portal.findRequestsByReference('SC-7F3K9Q', {
        serviceDeskId: '1',
        requestTypeId: '10',
        since: null,
      }),
    ).rejects.toThrow();
  });

  it('matches the reference as a whole token only', async () => {
    const finds = async (one: ReturnType<typeof request>) => {
      const myRequests = async () => ({ start: 0, isLastPage: true, values: [one] });
      const portal = outboxPortal(client({ myRequests }));
      const where = { serviceDeskId: '1', requestTypeId: '10', since: null };
      return (await portal.findRequestsByReference('SC-7F3K9Q', where)).length > 0;
    };
    expect(await finds(request('A-1', 'Capture reference: SC-7F3K9Q'))).toBe(true);
    expect(await finds(request('A-1', 'Capture reference: SC-7F3K9QX'))).toBe(false);
    expect(await finds(request('A-1', 'nothing', 'SC-7F3K9Q in summary'))).toBe(true);
  });

  it('lists attachment names from the expanded request, or says it cannot', async () => {
    const withList = outboxPortal(
      client({
        getRequest: async () => ({
          attachments: { values: [{ filename: 'a.png' }, { filename: 'b.txt' }] },
        }),
      }),
    );
    expect(await withList.listAttachmentNames('SUP-1')).toEqual(['a.png', 'b.txt']);
    expect(await outboxPortal(client()).listAttachmentNames('SUP-1')).toBeUndefined();
    const dedicated = outboxPortal(
      client({ listAttachments: async () => [{ filename: 'c.png' }] }),
    );
    expect(await dedicated.listAttachmentNames('SUP-1')).toEqual(['c.png']);
  });

  it('maps "My requests" with status, last update and link', async () => {
    const list = await listMyRequests(
      client({
        myRequests: async () => ({ start: 0, isLastPage: true, values: [request('SUP-9', 'd')] }),
      }),
    );
    expect(list).toEqual([
      {
        issueKey: 'SUP-9',
        summary: 'Saving fails',
        status: 'Waiting for support',
        statusCategory: 'NEW',
        updatedAt: 1_700_000_000_000,
        webUrl: 'http://127.0.0.1/portal/1/SUP-9',
      },
    ]);
  });
});

describe('report', () => {
  it('is one self-contained HTML page: escaped text, inline images, other files as links', async () => {
    const job = createJob(
      input({
        summary: `<script>alert(1)</script> "q" & 'x'`,
        attachments: [
          { blobId: 'a', name: 'shot.png', size: 3, type: 'image/png' },
          { blobId: 'b', name: 'log.txt', size: 2, type: 'text/plain' },
        ],
      }),
      'job-1',
      0,
    );
    const html = await buildReportHtml(job, [
      { name: 'shot.png', type: 'image/png', data: new Blob([new Uint8Array([1, 2, 3])]) },
      { name: 'log.txt', type: 'text/plain', data: new Blob(['hi']) },
    ]);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<img src="data:image/png;base64,AQID" alt="shot.png">');
    expect(html).toContain('<a download="log.txt" href="data:text/plain;base64,aGk=">');
    expect(html).toContain('Capture reference: SC-7F3K9Q');
    expect(html).toContain("default-src 'none'");
    expect(reportFileName(job)).toBe('support-report-SC-7F3K9Q.html');
    expect(html).toContain('&quot;q&quot; &amp; &#39;x&#39;');
  });
});

describe('job store', () => {
  it('keeps a record that does not fit the schema, but does not run it', async () => {
    const map = memoryRecordMap({ broken: { id: 'broken', status: 'weird' } });
    const store = createJobStore(map);
    const job = createJob(input(), 'ok', 1);
    await store.save(job);
    expect((await store.list()).map((j) => j.id)).toEqual(['ok']);
    expect(map.data.broken).toBeDefined();
  });

  it('serializes concurrent writes (no lost update)', async () => {
    const store = createJobStore(memoryRecordMap());
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.save(createJob(input(), `j${i}`, i))),
    );
    expect(await store.list()).toHaveLength(10);
  });
});

describe('people', () => {
  it('finds people by the user picker and explains an empty answer', async () => {
    const userPicker = vi.fn(async (query: string) => ({
      users: query === 'Sam' ? [{ accountId: 'acc-1', displayName: 'Sam' }] : [],
    }));
    expect(await findPeople({ userPicker }, ' Sam ')).toEqual({
      people: [{ accountId: 'acc-1', displayName: 'Sam' }],
    });
    expect(await findPeople({ userPicker }, 'nobody')).toEqual({
      people: [],
      note: expect.stringContaining('exact full name'),
      noteKey: 'share_limitedSearch',
    });
    expect(await findPeople({ userPicker }, '  ')).toEqual({ people: [] });
    expect(userPicker).toHaveBeenCalledTimes(2);
  });

  it('remembers colleagues newest first, once each, bounded', () => {
    const a = { accountId: 'a', displayName: 'A' };
    const b = { accountId: 'b', displayName: 'B' };
    expect(rememberColleagues([a, b], [b])).toEqual([b, a]);
    const many = Array.from({ length: 60 }, (_, i) => ({
      accountId: `x${i}`,
      displayName: `X${i}`,
    }));
    expect(rememberColleagues(many, [a])).toHaveLength(MAX_SAVED_COLLEAGUES);
  });
});
