import { describe, expect, it } from 'vitest';
import { composeDescription } from '@/utils/ticket/description';
import {
  fieldProblems,
  mapDraftToFields,
  requestFieldValues,
  setOverride,
} from '@/utils/ticket/field-mapping';
import { autoSource, textTarget } from '@/utils/ticket/mapping-source';
import type { PortalFieldOption } from '@/utils/ticket/portal-fields';
import { DESCRIPTION, draft, field, options, priority, SUMMARY } from './fixtures';

describe('a choice field takes the option that matches the text', () => {
  const envs = options('Production', 'Staging', 'Development');
  const chosen = (validValues: PortalFieldOption[], wanted: string) => {
    const env = field('cf', 'Environment', 'select', { validValues });
    const [row] = mapDraftToFields(draft({ environment: wanted }), [env]);
    return row?.input === undefined ? undefined : row.display;
  };
  it.each([
    ['Production', 'Production'],
    ['production', 'Production'],
    ['Prod', 'Production'],
    ['PRD', 'Production'],
    ['live', 'Production'],
    ['stage', 'Staging'],
    ['pre-prod', 'Staging'],
    ['dev', 'Development'],
    ['Moon', undefined],
  ])('%s -> %s', (wanted, label) => {
    expect(chosen(envs, wanted)).toBe(label);
  });

  it.each([
    [['Prod (EU)', 'Prod (US)', 'Stage'], 'Production', 'Prod (EU)'],
    [['Billing API', 'Billing', 'Identity'], 'Billing', 'Billing'],
    [['OpenShift Container Platform', 'Ansible'], 'OpenShift', 'OpenShift Container Platform'],
    [['Grafana Cloud', 'Loki'], 'grafana', 'Grafana Cloud'],
  ])('%o ~ %s -> %s', (labels, wanted, label) => {
    expect(chosen(options(...labels), wanted)).toBe(label);
  });
});

describe('autoSource', () => {
  it.each([
    [SUMMARY, 'summary'],
    [DESCRIPTION, 'description'],
    [priority('High'), 'severity'],
    [field('cf', 'Severity', 'select'), 'severity'],
    [field('cf', 'Business priority', 'radiobuttons'), 'severity'],
    [field('cf', 'Urgency', 'select'), 'severity'],
    [field('cf', 'Impact', 'select'), 'severity'],
    [field('cf', 'Impact', 'textarea'), 'impact'],
    [field('cf', 'Environment', 'select'), 'environment'],
    [field('cf', 'Affected environments', 'multiselect'), 'environment'],
    [field('cf', 'Product', 'select'), 'product'],
    [field('cf', 'Affected service', 'text'), 'product'],
    [field('cf', 'Application', 'select'), 'product'],
    [field('cf', 'Steps to reproduce', 'textarea'), 'steps'],
    [field('cf', 'Recent configuration changes', 'textarea'), 'recentChanges'],
    [field('cf', 'What changed recently?', 'textarea'), 'recentChanges'],
    [field('cf', 'Account number', 'text'), 'none'],
    [field('cf', 'What changed', 'textarea'), 'recentChanges'],
    [field('cf', 'Nominee', 'user'), 'none'],
    [field('cf', 'Due', 'datepicker'), 'none'],
  ])('%o -> %s', (f, source) => {
    expect(autoSource(f)).toBe(source);
  });
});

describe('mapDraftToFields', () => {
  const ENV = field('customfield_env', 'Environment', 'select', {
    validValues: options('Production', 'Staging'),
  });
  const PRODUCT = field('customfield_prod', 'Product', 'select', {
    validValues: options('Billing', 'Identity'),
  });
  const d = draft({
    environment: 'Prod',
    product: 'billing',
    severity: 'P2',
    impact: 'Invoices fail',
  });

  it('maps summary, description, severity, environment and product with reasons', () => {
    const rows = mapDraftToFields(d, [
      SUMMARY,
      DESCRIPTION,
      priority('Highest', 'High', 'Medium', 'Low', 'Lowest'),
      ENV,
      PRODUCT,
    ]);
    expect(rows.map((r) => [r.fieldId, r.source, r.origin, r.value, r.display])).toEqual([
      // The summary ends with the capture reference: the outbox finds the request by it.
      ['summary', 'summary', 'auto', `${d.summary} [SC-7F3K9Q]`, d.summary],
      ['description', 'description', 'auto', composeDescription(d), expect.any(String)],
      ['priority', 'severity', 'auto', { id: '2' }, 'High'],
      ['customfield_env', 'environment', 'auto', { id: '10' }, 'Production'],
      ['customfield_prod', 'product', 'auto', { id: '10' }, 'Billing'],
    ]);
    expect(rows[3]?.reason).toBe('Environment "Prod" matches option "Production".');
    expect(rows[2]?.reason).toContain('Severity P2 matches option "High"');
    // The UI words the reasons from codes and values.
    expect(rows[3]?.why).toEqual({ code: 'matches', values: ['Prod', 'Production'] });
    expect(rows[2]?.why).toEqual({ code: 'severity-scale', values: ['P2', 'High', '2', '5'] });
  });

  it('reports a select whose options match nothing, and sends nothing for it', () => {
    const [row] = mapDraftToFields(draft({ environment: 'Moon base' }), [ENV]);
    expect(row?.value).toBeUndefined();
    expect(row?.problem).toBe(
      'No option of "Environment" matches environment "Moon base": choose one.',
    );
    expect(row?.problemWhy).toEqual({ code: 'no-option', values: ['Moon base'] });
  });

  it('says when severity is not chosen', () => {
    const [row] = mapDraftToFields(draft(), [priority('High', 'Low')]);
    expect(row).toMatchObject({ source: 'severity', reason: 'No severity chosen yet.' });
    expect(row?.why).toEqual({ code: 'no-severity', values: [] });
    expect(row?.value).toBeUndefined();
  });

  it('fills a severity text field with the level and its definition', () => {
    const [row] = mapDraftToFields(draft({ severity: 'P3' }), [field('cf', 'Severity', 'text')]);
    expect(row?.value).toBe('P3 Medium: limited impact, workaround available');
  });

  it('puts a matched option in a list for multi-selects', () => {
    const [row] = mapDraftToFields(draft({ environment: 'staging' }), [
      field('cf', 'Environments', 'multicheckboxes', {
        validValues: options('Production', 'Staging'),
      }),
    ]);
    expect(row?.value).toEqual([{ id: '11' }]);
  });

  it('uses what the user entered over any mapping', () => {
    const [row] = mapDraftToFields(
      draft({ environment: 'Prod', fieldValues: { customfield_env: '11' } }),
      [ENV],
    );
    expect(row).toMatchObject({
      origin: 'user',
      value: { id: '11' },
      display: 'Staging',
      reason: 'Entered by you.',
    });
  });

  it('applies an override of the source', () => {
    const [row] = mapDraftToFields(d, [field('cf', 'Notes', 'textarea')], {
      overrides: { cf: { source: 'impact' } },
    });
    expect(row).toMatchObject({ source: 'impact', origin: 'override', value: 'Invoices fail' });
  });

  it('applies an override pinning an option for a value', () => {
    const [row] = mapDraftToFields(d, [priority('Highest', 'High', 'Medium', 'Low', 'Lowest')], {
      overrides: { priority: { source: 'severity', options: { P2: '1' } } },
    });
    expect(row).toMatchObject({ origin: 'override', value: { id: '1' }, display: 'Highest' });
    expect(row?.reason).toBe('Severity "P2" set to "Highest" by you.');
    expect(row?.why).toEqual({ code: 'pinned', values: ['P2', 'Highest'] });
  });

  it('ignores a pinned option that no longer exists', () => {
    const [row] = mapDraftToFields(d, [priority('High', 'Low')], {
      overrides: { priority: { source: 'severity', options: { P2: '999' } } },
    });
    expect(row?.value).toEqual({ id: '1' });
  });

  it('turns a mapping off with source none', () => {
    const [row] = mapDraftToFields(d, [ENV], {
      overrides: { customfield_env: { source: 'none' } },
    });
    expect(row).toMatchObject({ source: 'none', origin: 'none' });
    expect(row?.value).toBeUndefined();
  });

  it("falls back to the portal's default", () => {
    const withDefault = { ...ENV, defaultValues: [{ value: '11', label: 'Staging' }] };
    const [row] = mapDraftToFields(draft({ environment: '' }), [withDefault]);
    expect(row).toMatchObject({ origin: 'default', value: { id: '11' } });
  });

  it('uses the draft overrides by default', () => {
    const [row] = mapDraftToFields({ ...d, mappingOverrides: { cf: { source: 'product' } } }, [
      field('cf', 'Notes', 'text'),
    ]);
    expect(row?.value).toBe('billing');
  });

  it('skips hidden fields and marks unsupported ones', () => {
    const rows = mapDraftToFields(d, [
      { ...ENV, visible: false },
      {
        fieldId: 'cf_sla',
        name: 'Nominee',
        required: true,
        validValues: [],
        jiraSchema: { type: 'sd-sla', custom: 'com.vendor:sla' },
      },
    ]);
    expect(rows.map((r) => r.fieldId)).toEqual(['cf_sla']);
    expect(rows[0]?.reason).toBe('This kind of field can only be filled on the portal.');
  });
});

describe('requestFieldValues', () => {
  it('builds the create-call map with values typed from the schema', () => {
    const d = draft({
      severity: 'P1',
      environment: 'production',
      fieldValues: {
        cf_multi: ['10', '11'],
        cf_radio: '12',
        cf_date: '2026-05-04',
        cf_number: '3.5',
        cf_labels: 'billing, urgent outage',
        cf_text: '  ',
      },
    });
    const values = requestFieldValues(d, [
      SUMMARY,
      DESCRIPTION,
      priority('P1', 'P2', 'P3', 'P4'),
      field('cf_env', 'Environment', 'radiobuttons', {
        validValues: options('Production', 'Test'),
      }),
      field('cf_multi', 'Modules', 'multiselect', { validValues: options('A', 'B') }),
      field('cf_radio', 'Region', 'radiobuttons', { validValues: options('EU', 'US', 'APAC') }),
      field('cf_date', 'Started on', 'datepicker'),
      field('cf_number', 'Users affected', 'float'),
      field('cf_labels', 'Tags', 'labels'),
      field('cf_text', 'Ticket', 'text'),
    ]);
    expect(values).toEqual({
      summary: `${d.summary} [SC-7F3K9Q]`,
      description: composeDescription(d),
      priority: { id: '1' },
      cf_env: { id: '10' },
      cf_multi: [{ id: '10' }, { id: '11' }],
      cf_radio: { id: '12' },
      cf_date: '2026-05-04',
      cf_number: 3.5,
      cf_labels: ['billing', 'urgent', 'outage'],
    });
  });

  it('applies the overrides it is given', () => {
    const values = requestFieldValues(
      draft({ product: 'Billing' }),
      [field('cf', 'Notes', 'text')],
      {
        cf: { source: 'product' },
      },
    );
    expect(values).toEqual({ cf: 'Billing' });
  });
});

describe('required fields left empty', () => {
  const fields = [
    { ...SUMMARY },
    field('a', 'Region', 'select', { required: true, validValues: options('EU') }),
    field('b', 'Modules', 'multicheckboxes', { required: true, validValues: options('A') }),
    field('c', 'Started on', 'datepicker', { required: true }),
    field('d', 'Users', 'float', { required: true }),
    field('e', 'Tags', 'labels', { required: true }),
    field('f', 'Nominee', 'user', { required: true }),
    field('g', 'Optional', 'text'),
    field('h', 'Hidden', 'text', { required: true, visible: false }),
  ];

  it('gives a message at each empty required field, and none for optional or hidden ones', () => {
    const mappings = mapDraftToFields(draft({ summary: '  ', fieldValues: { b: [] } }), fields);
    expect(fieldProblems(mappings)).toEqual({
      summary: '"What do you need?" is required: fill it in.',
      a: '"Region" is required: choose an option.',
      b: '"Modules" is required: choose at least one option.',
      c: '"Started on" is required: enter a date.',
      d: '"Users" is required: enter a number.',
      e: '"Tags" is required: enter at least one label.',
      f: '"Nominee" is required: choose a person.',
    });
  });

  it('is empty when all required fields have values', () => {
    const fieldValues = {
      a: '10',
      b: ['10'],
      c: '2026-01-01',
      d: '2',
      e: ['x'],
      f: 'u',
    };
    const mappings = mapDraftToFields(draft({ summary: 'x', fieldValues }), fields);
    expect(fieldProblems(mappings)).toEqual({});
  });
});

describe('fieldProblems', () => {
  it('blocks on empty required fields and on what the user entered wrongly', () => {
    const rows = mapDraftToFields(draft({ fieldValues: { c: '2026-02-30', n: 'many' } }), [
      field('r', 'Region', 'select', { required: true, validValues: options('EU') }),
      field('c', 'Started on', 'datepicker'),
      field('n', 'Users', 'float'),
      field('o', 'Optional', 'text'),
      { ...SUMMARY },
    ]);
    expect(fieldProblems(rows)).toEqual({
      r: '"Region" is required: choose an option.',
      c: 'Enter "Started on" as a date (year-month-day).',
      n: 'Enter a number for "Users".',
    });
  });

  it('explains an unmatched required select with its own problem', () => {
    const rows = mapDraftToFields(draft({ environment: 'Moon' }), [
      field('e', 'Environment', 'select', { required: true, validValues: options('Production') }),
    ]);
    expect(fieldProblems(rows).e).toContain('No option of "Environment" matches');
  });
});

describe('setOverride', () => {
  it('adds, replaces and clears without changing the input', () => {
    const start = { a: { source: 'impact' as const } };
    const added = setOverride(start, 'b', { source: 'steps' });
    expect(added).toEqual({ a: { source: 'impact' }, b: { source: 'steps' } });
    expect(setOverride(added, 'a', undefined)).toEqual({ b: { source: 'steps' } });
    expect(start).toEqual({ a: { source: 'impact' } });
  });
});

describe('where the composed text goes', () => {
  const d = draft({ summary: 'Save fails' });
  const steps = field('cf_steps', 'Steps to reproduce', 'textarea', { required: true });
  const notes = field('cf_notes', 'Notes', 'textarea');

  it('the description when the form shows it', () => {
    expect(textTarget([SUMMARY, DESCRIPTION, steps])?.fieldId).toBe('description');
  });

  it('else the first visible paragraph field, with the capture reference', () => {
    const fields = [SUMMARY, { ...DESCRIPTION, visible: false }, steps, notes];
    expect(textTarget(fields)?.fieldId).toBe('cf_steps');
    const values = requestFieldValues(d, fields);
    expect(values.description).toBeUndefined();
    expect(String(values.cf_steps)).toContain('h3. Errors and logs');
    expect(String(values.cf_steps)).toMatch(/Capture reference: SC-7F3K9Q$/);
    expect(values.summary).toBe(`${d.summary} [SC-7F3K9Q]`);
  });

  it('nowhere but the summary when the form has no text field, and submit is not refused', () => {
    const fields = [SUMMARY];
    expect(textTarget(fields)).toBeUndefined();
    expect(requestFieldValues(d, fields)).toEqual({ summary: `${d.summary} [SC-7F3K9Q]` });
    expect(fieldProblems(mapDraftToFields(d, fields))).toEqual({});
  });

  it('keeps the summary within 255 characters with the reference', () => {
    const long = requestFieldValues({ ...d, summary: 'x'.repeat(300) }, [SUMMARY]);
    expect(String(long.summary)).toHaveLength(255);
    expect(String(long.summary)).toMatch(/… \[SC-7F3K9Q\]$/);
  });
});

describe('kinds through the mapping', () => {
  const d = draft({ summary: 'Save fails' });
  it('a cascade sends its child, a hidden preset field is never sent, defaults are preselected', () => {
    const region = {
      fieldId: 'cf_region',
      name: 'Region',
      required: true,
      validValues: [{ value: 'eu', label: 'Europe', children: [{ value: 'par', label: 'Paris' }] }],
      jiraSchema: { type: 'option-with-child', custom: 'x:cascadingselect' },
    };
    const hidden = field('cf_channel', 'Channel', 'select', {
      visible: false,
      validValues: options('Portal'),
    });
    const radio = field('cf_window', 'Window', 'radiobuttons', {
      validValues: options('Weekday', 'Weekend'),
      defaultValues: options('Weekday'),
    });
    const fields = [SUMMARY, region, hidden, radio];
    const chosen = { ...d, fieldValues: { cf_region: ['eu', 'par'] } };
    const values = requestFieldValues(chosen, fields);
    expect(values.cf_region).toEqual({ id: 'eu', child: { id: 'par' } });
    expect(values).not.toHaveProperty('cf_channel');
    expect(values.cf_window).toEqual({ id: '10' });
    const parentOnly = mapDraftToFields({ ...d, fieldValues: { cf_region: ['eu'] } }, fields);
    expect(fieldProblems(parentOnly).cf_region).toMatch(/second level/);
  });

  it('an attachment field carries the report files at create', () => {
    const attachment = {
      fieldId: 'attachment',
      name: 'Attachment',
      required: true,
      validValues: [],
      jiraSchema: { type: 'array', system: 'attachment', items: 'attachment' },
    };
    const files = [{ blobId: 'b1', name: 'shot.png' }];
    expect(requestFieldValues(d, [SUMMARY, attachment], undefined, { files }).attachment).toEqual({
      $uploadsOf: ['b1'],
    });
    expect(fieldProblems(mapDraftToFields(d, [SUMMARY, attachment]))).toEqual({
      attachment: '"Attachment" is required: add a screenshot or file to the report.',
    });
  });
});
