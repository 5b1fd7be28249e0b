import type { PageEvent } from '@/utils/capture/page-event';
import { createDraftFromCapture, type Draft } from '@/utils/ticket/draft';
import type { PortalFieldMeta, PortalFieldOption } from '@/utils/ticket/portal-fields';

/** What a capture hands the draft (createDraftFromCapture's input). */
export type CaptureInput = Parameters<typeof createDraftFromCapture>[0];

export const T0 = Date.UTC(2026, 4, 4, 11, 22, 5);

export function event(message: string, extra: Partial<PageEvent> = {}): PageEvent {
  return {
    kind: 'uncaught-error',
    message,
    url: 'https://console.example.com/apps/billing',
    time: T0 - 5000,
    count: 1,
    ...extra,
  };
}

export function capture(extra: Partial<CaptureInput> = {}): CaptureInput {
  return {
    url: 'https://console.example.com/apps/billing',
    title: 'Billing · Example Console',
    capturedAt: T0,
    scope: 'always-on',
    events: [event("TypeError: Cannot read properties of undefined (reading 'total')")],
    ...extra,
  };
}

export function draft(extra: Partial<Draft> = {}, from: Partial<CaptureInput> = {}): Draft {
  return {
    ...createDraftFromCapture(capture(from), { now: T0, captureRef: 'SC-7F3K9Q' }),
    ...extra,
  };
}

export const options = (...labels: string[]): PortalFieldOption[] =>
  labels.map((label, i) => ({ value: String(10 + i), label, children: [] }));

const CUSTOM = 'com.atlassian.jira.plugin.system.customfieldtypes:';

export function field(
  fieldId: string,
  name: string,
  kind:
    | 'text'
    | 'textarea'
    | 'select'
    | 'multiselect'
    | 'radiobuttons'
    | 'multicheckboxes'
    | 'datepicker'
    | 'float'
    | 'labels'
    | 'user',
  extra: Partial<PortalFieldMeta> = {},
): PortalFieldMeta {
  const schemas: Record<string, PortalFieldMeta['jiraSchema']> = {
    text: { type: 'string', custom: `${CUSTOM}textfield` },
    textarea: { type: 'string', custom: `${CUSTOM}textarea` },
    select: { type: 'option', custom: `${CUSTOM}select` },
    multiselect: { type: 'array', items: 'option', custom: `${CUSTOM}multiselect` },
    radiobuttons: { type: 'option', custom: `${CUSTOM}radiobuttons` },
    multicheckboxes: { type: 'array', items: 'option', custom: `${CUSTOM}multicheckboxes` },
    datepicker: { type: 'date', custom: `${CUSTOM}datepicker` },
    float: { type: 'number', custom: `${CUSTOM}float` },
    labels: { type: 'array', items: 'string', custom: `${CUSTOM}labels` },
    user: { type: 'user', custom: `${CUSTOM}userpicker` },
  };
  return {
    fieldId,
    name,
    required: false,
    visible: true,
    validValues: [],
    jiraSchema: schemas[kind] ?? { type: 'string' },
    ...extra,
  };
}

export const SUMMARY: PortalFieldMeta = {
  fieldId: 'summary',
  name: 'What do you need?',
  required: true,
  visible: true,
  validValues: [],
  jiraSchema: { type: 'string', system: 'summary' },
};

export const DESCRIPTION: PortalFieldMeta = {
  fieldId: 'description',
  name: 'Why do you need this?',
  required: false,
  visible: true,
  validValues: [],
  jiraSchema: { type: 'string', system: 'description' },
};

export function priority(...labels: string[]): PortalFieldMeta {
  return {
    fieldId: 'priority',
    name: 'Priority',
    required: false,
    visible: true,
    validValues: labels.map((label, i) => ({ value: String(i + 1), label, children: [] })),
    jiraSchema: { type: 'priority', system: 'priority' },
  };
}
