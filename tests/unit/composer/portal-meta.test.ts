import { describe, expect, it, vi } from 'vitest';
import {
  chooseRequestType,
  chooseServiceDesk,
  loadRequestForm,
  type PortalSend,
  rememberPortalAnswers,
} from '@/utils/composer/portal-meta';
import { fieldKind } from '@/utils/ticket/portal-fields';

const desks = [
  { id: '1', projectName: 'Support' },
  { id: '2', projectName: 'Billing' },
];
const type = (id: string, name: string) => ({ id, name, groupIds: [] });
const types = [
  type('11', 'Ask a question'),
  type('10', 'Report an incident'),
  type('12', 'Change'),
];

describe('choosing where the request goes', () => {
  it('prefers the draft’s desk, then the last one, then the first; ignores desks gone', () => {
    expect(chooseServiceDesk(desks, '2')).toBe('2');
    expect(chooseServiceDesk(desks, undefined, '2')).toBe('2');
    expect(chooseServiceDesk(desks, '9', undefined)).toBe('1');
    expect(chooseServiceDesk([], '1')).toBeUndefined();
  });

  it('prefers a remembered request type, else one for problem reports, else the first', () => {
    expect(chooseRequestType(types, '12')).toBe('12');
    expect(chooseRequestType(types, '99')).toBe('10');
    expect(chooseRequestType([type('5', 'Question'), type('6', 'Access')])).toBe('5');
  });
});

describe('the request form', () => {
  it('converts the portal’s fields to the form model', async () => {
    const send: PortalSend = {
      getConnection: vi.fn(),
      listServiceDesks: vi.fn(),
      listRequestTypes: vi.fn(),
      getRequestTypeFields: vi.fn(async () => ({
        canAddRequestParticipants: true,
        requestTypeFields: [
          {
            fieldId: 'customfield_1',
            name: 'Severity',
            required: true,
            validValues: [{ value: '10100', label: 'P1 - Critical' }, { value: '10101' }],
            jiraSchema: {
              type: 'option',
              custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
            },
          },
          { fieldId: 'customfield_2', name: 'Notes', required: false, validValues: [] },
        ],
      })),
    };
    const form = await loadRequestForm(send, '1', '10');
    expect(send.getRequestTypeFields).toHaveBeenCalledWith('1', '10');
    expect(form.canAddRequestParticipants).toBe(true);
    const [severity, notes] = form.fields;
    expect(severity?.validValues.map((o) => o.label)).toEqual(['P1 - Critical', '10101']);
    expect(severity && fieldKind(severity)).toBe('select');
    // No schema: a plain text field.
    expect(notes && fieldKind(notes)).toBe('text');
    expect(notes?.jiraSchema).toEqual({ type: 'string' });
  });
});

describe('portal answers within one page', () => {
  const sender = () => {
    let fail = false;
    const send: PortalSend = {
      getConnection: vi.fn(async () => ({ portalUrl: 'https://portal.test' }) as never),
      listServiceDesks: vi.fn(async () => ({ serviceDesks: desks })),
      listRequestTypes: vi.fn(async (deskId: string) => {
        if (fail) throw new Error(`desk ${deskId} unreachable`);
        return { groups: [], requestTypes: types };
      }),
      getRequestTypeFields: vi.fn(async () => ({
        requestTypeFields: [],
        canAddRequestParticipants: true,
      })),
    };
    return { send, failNext: (value: boolean) => (fail = value) };
  };

  it('asks the background once per question and hands the same answer to every later ask', async () => {
    const { send } = sender();
    const remembered = rememberPortalAnswers(send);
    const first = remembered.listRequestTypes('1');
    expect(remembered.listRequestTypes('1')).toBe(first);
    await remembered.getRequestTypeFields('1', '10');
    await remembered.getRequestTypeFields('1', '10');
    await remembered.getRequestTypeFields('1', '11');
    await remembered.listServiceDesks();
    await remembered.listServiceDesks();
    expect(send.listRequestTypes).toHaveBeenCalledTimes(1);
    expect(send.getRequestTypeFields).toHaveBeenCalledTimes(2);
    expect(send.listServiceDesks).toHaveBeenCalledTimes(1);
  });

  it('asks again after a failure and after forget', async () => {
    const { send, failNext } = sender();
    const remembered = rememberPortalAnswers(send);
    failNext(true);
    await expect(remembered.listRequestTypes('2')).rejects.toThrow('desk 2 unreachable');
    failNext(false);
    await expect(remembered.listRequestTypes('2')).resolves.toEqual({
      groups: [],
      requestTypes: types,
    });
    remembered.forget();
    await remembered.listRequestTypes('2');
    expect(send.listRequestTypes).toHaveBeenCalledTimes(3);
  });
});
