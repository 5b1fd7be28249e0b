import { describe, expect, it } from 'vitest';
import {
  additionComment,
  attachmentRefs,
  buildJobInput,
  offlineJobInput,
} from '@/utils/composer/submit';
import { AppError } from '@/utils/errors';
import { DESCRIPTION, draft, field, options, priority, SUMMARY } from '../ticket/fixtures';

const severity = field('customfield_10050', 'Severity', 'select', {
  required: true,
  validValues: options('P1 - Critical', 'P2 - High', 'P3 - Medium', 'P4 - Low'),
});
const environment = field('customfield_10051', 'Environment', 'select', {
  validValues: options('Production', 'Staging'),
});
const fields = [SUMMARY, DESCRIPTION, severity, environment];
const target = {
  portalUrl: 'https://vendor.example',
  serviceDeskId: '1',
  requestTypeId: '10',
  fields,
};
const shot = {
  id: 's1',
  name: 'screenshot.png',
  source: 'visible' as const,
  width: 10,
  height: 10,
  originalBlobId: 'orig',
  uploadBlobId: 'up',
  uploadType: 'image/png',
  uploadBytes: 1234,
  annotations: { shapes: [] },
  createdAt: 1,
} as unknown as Parameters<typeof attachmentRefs>[0][number];

describe('the outbox job from a draft', () => {
  it('maps summary, composed description, severity and environment onto the fields', () => {
    const d = draft({ severity: 'P2', environment: 'Staging' });
    const job = buildJobInput(d, target, attachmentRefs([shot]));
    expect(job.captureReference).toBe('SC-7F3K9Q');
    expect(job.requestFieldValues.summary).toBe(`${d.summary} [SC-7F3K9Q]`);
    expect(String(job.requestFieldValues.description)).toContain('h3. Errors and logs');
    expect(String(job.requestFieldValues.description)).toContain('Capture reference: SC-7F3K9Q');
    expect(job.requestFieldValues.customfield_10050).toEqual({ id: '11' });
    expect(job.requestFieldValues.customfield_10051).toEqual({ id: '11' });
    expect(job.attachments).toEqual([
      { blobId: 'up', name: 'screenshot.png', size: 1234, type: 'image/png' },
    ]);
  });

  it('maps severity onto a Highest..Lowest priority', () => {
    const job = buildJobInput(
      draft({ severity: 'P2' }),
      { ...target, fields: [SUMMARY, priority('Highest', 'High', 'Medium', 'Low', 'Lowest')] },
      [],
    );
    expect(job.requestFieldValues.priority).toEqual({ id: '2' });
  });

  it('refuses a draft whose required field is empty, naming the field', () => {
    const run = () => buildJobInput(draft(), target, []);
    expect(run).toThrow(AppError);
    try {
      run();
    } catch (error) {
      expect((error as AppError).info.fields).toHaveProperty('customfield_10050');
    }
  });

  it('offline: the summary and description, for the downloaded report', () => {
    const job = offlineJobInput(draft(), []);
    expect(Object.keys(job.requestFieldValues)).toEqual(['summary', 'description']);
  });

  it('the comment for an existing request carries the composed text, escaped', () => {
    const text = additionComment(draft({ summary: 'Boom *bold*' }));
    expect(text).toContain('Boom \\*bold\\*');
    expect(text).toContain('h3. Steps to reproduce');
  });
});
