import { describe, expect, it } from 'vitest';
import { type Breadcrumb, startBreadcrumbRecorder } from '@/utils/capture/breadcrumbs';
import type { PageEvent } from '@/utils/capture/page-event';
import { draftSteps, formatDuration } from '@/utils/ticket/steps';

const T0 = 1_700_000_000_000;

function crumb(partial: Partial<Breadcrumb> & Pick<Breadcrumb, 'kind' | 'time'>): Breadcrumb {
  return { count: 1, label: '', location: '/console', ...partial };
}

function error(message: string, time: number, extra: Partial<PageEvent> = {}): PageEvent {
  return {
    kind: 'console-error',
    message,
    url: 'http://127.0.0.1/console',
    time,
    count: 1,
    ...extra,
  };
}

/** Records a trail by acting on a happy-dom page, with a clock the test moves. */
function record(
  act: (tools: { at: (ms: number) => void; click: (selector: string) => void }) => void,
) {
  let now = T0;
  document.body.innerHTML = `
    <nav><a href="#/w" id="workloads">Workloads</a><a href="#/d" id="deployments">Deployments</a></nav>
    <button id="save">Save</button>
    <button id="scale">Scale deployment</button>
    <div id="list" style="overflow:auto"></div>
  `;
  window.history.replaceState({}, '', '/console');
  const recorder = startBreadcrumbRecorder(document, { acceptUntrusted: true, now: () => now });
  act({
    at: (ms) => {
      now = T0 + ms;
    },
    click: (selector) =>
      document.querySelector(selector)?.dispatchEvent(new MouseEvent('click', { bubbles: true })),
  });
  const crumbs = recorder.snapshot();
  recorder.stop();
  return crumbs;
}

describe('draftSteps on recorded trails', () => {
  it('folds repeated clicks and drops scrolls', () => {
    const trail = record(({ at, click }) => {
      at(1_000);
      click('#save');
      at(1_400);
      click('#save');
      at(2_000);
      click('#save');
      at(3_000);
      for (let i = 0; i < 20; i += 1)
        document.getElementById('list')?.dispatchEvent(new Event('scroll'));
      at(4_000);
      click('#scale');
    });
    expect(trail.some((c) => c.kind === 'scroll')).toBe(true);
    const draft = draftSteps(trail, [
      error('Scaling failed: 500 Internal Server Error', T0 + 5_000),
    ]);
    expect(draft.text).toBe(
      [
        '1. Opened /console (5 s before the first error)',
        '2. Clicked button "Save" (3 times)',
        '3. Clicked button "Scale deployment"',
        '4. Error in the console: Scaling failed: 500 Internal Server Error',
      ].join('\n'),
    );
    expect(draft.endsAtError).toBe(true);
    expect(draft.text).not.toMatch(/scroll/i);
  });

  it('folds repeats the recorder kept apart (slow clicks)', () => {
    const trail = record(({ at, click }) => {
      for (let i = 1; i <= 3; i += 1) {
        at(i * 10_000);
        click('#save');
      }
    });
    expect(trail.filter((c) => c.kind === 'click')).toHaveLength(3);
    const draft = draftSteps(trail, [], { now: T0 + 40_000 });
    expect(draft.steps.map((s) => s.text)).toEqual([
      'Opened /console (40 s before the report)',
      'Clicked button "Save" (3 times)',
    ]);
    expect(draft.endsAtError).toBe(false);
  });
});

describe('draftSteps', () => {
  const trail: Breadcrumb[] = [
    crumb({ kind: 'load', time: T0, navigation: 'navigate' }),
    crumb({ kind: 'click', time: T0 + 60_000, role: 'link', label: 'Workloads' }),
    crumb({ kind: 'route', time: T0 + 60_010, location: '/workloads', navigation: 'push' }),
    crumb({ kind: 'click', time: T0 + 70_000, role: 'link', label: 'Deployments' }),
    crumb({ kind: 'route', time: T0 + 70_010, location: '/deployments', navigation: 'push' }),
    crumb({
      kind: 'route',
      time: T0 + 70_500,
      location: '/deployments/all',
      navigation: 'replace',
    }),
    crumb({ kind: 'click', time: T0 + 80_000, role: 'button', label: 'Scale deployment' }),
    crumb({ kind: 'click', time: T0 + 95_000, role: 'button', label: 'After the error' }),
  ];

  it('merges errors by time and ends at the error that prompted the report', () => {
    const events = [
      error('Failed to load cluster operators: 503', T0 + 10),
      { kind: 'console-warn', message: 'just a warning', url: '', time: T0 + 20, count: 1 },
      error('Scaling failed: 500 Internal Server Error', T0 + 80_100),
    ] satisfies PageEvent[];
    const draft = draftSteps(trail, events);
    expect(draft.text).toBe(
      [
        '1. Opened /console',
        '2. Error in the console: Failed to load cluster operators: 503',
        '3. Clicked link "Workloads" and went to /workloads (after a pause of 1 min)',
        '4. Clicked link "Deployments" and went to /deployments/all',
        '5. Clicked button "Scale deployment"',
        '6. Error in the console: Scaling failed: 500 Internal Server Error',
      ].join('\n'),
    );
  });

  it('ends at the error asked for', () => {
    const events = [error('first', T0 + 65_000), error('second', T0 + 90_000)];
    const draft = draftSteps(trail, events, { errorTime: T0 + 65_000 });
    expect(draft.steps.at(-1)?.text).toBe('Error in the console: first');
    expect(draft.steps).toHaveLength(3);
  });

  it('places a repeating error at its last occurrence and shows failed requests', () => {
    const events = [
      error('poll failed', T0 + 1_000, { lastTime: T0 + 85_000, count: 9 }),
      {
        time: T0 + 80_050,
        method: 'PATCH',
        url: 'http://127.0.0.1/api/scale?token=abc',
        status: 500,
      },
    ];
    const texts = draftSteps(trail, events).steps.map((s) => s.text);
    expect(texts.at(-2)).toBe('Request failed: PATCH http://127.0.0.1/api/scale → 500');
    expect(texts.at(-1)).toBe('Error in the console: poll failed (9 times)');
  });

  it('puts a failed request before the page error that reports it at the same time', () => {
    const draft = draftSteps(
      [crumb({ kind: 'click', time: T0, role: 'button', label: 'Scale deployment' })],
      [
        error('Scaling failed: 500 Internal Server Error', T0 + 300),
        {
          time: T0 + 300,
          method: 'PATCH',
          url: 'http://127.0.0.1/api/scale',
          status: 500,
          requestIds: [{ name: 'x-request-id', value: 'req-500-0001' }],
        },
      ],
    );
    expect(draft.steps.map((s) => s.text)).toEqual([
      'Clicked button "Scale deployment"',
      'Request failed: PATCH http://127.0.0.1/api/scale → 500 (x-request-id req-500-0001)',
      'Error in the console: Scaling failed: 500 Internal Server Error',
    ]);
  });

  it('tells a field change once and folds a submit into the click that made it', () => {
    const draft = draftSteps(
      [
        crumb({ kind: 'click', time: T0, role: 'text field', label: 'Replicas' }),
        crumb({ kind: 'change', time: T0 + 3_000, role: 'text field', label: 'Replicas' }),
        crumb({ kind: 'click', time: T0 + 3_000, role: 'checkbox', label: 'Force' }),
        crumb({ kind: 'change', time: T0 + 3_001, role: 'checkbox', label: 'Force' }),
        crumb({ kind: 'click', time: T0 + 4_000, role: 'button', label: 'Save' }),
        crumb({ kind: 'submit', time: T0 + 4_001, label: 'Scale' }),
        crumb({ kind: 'key', time: T0 + 5_000, key: 'Escape' }),
        crumb({ kind: 'dialog', time: T0 + 6_000, role: 'dialog', label: 'Confirm' }),
      ],
      [],
      { now: T0 + 6_000 },
    );
    expect(draft.steps.map((s) => s.text.replace(/ \(.*before the report\)$/, ''))).toEqual([
      'Changed text field "Replicas"',
      'Clicked checkbox "Force"',
      'Clicked button "Save", which submitted the form "Scale"',
      'Pressed Escape',
      'The dialog "Confirm" opened',
    ]);
  });

  it('redacts every label and message', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const draft = draftSteps(
      [crumb({ kind: 'click', time: T0, role: 'button', label: `Use ${jwt}` })],
      [error(`Bearer abc123def456ghi failed ${jwt}`, T0 + 1_000)],
    );
    expect(draft.text).not.toContain('eyJ');
    expect(draft.text).not.toContain('abc123def456ghi');
  });

  it('keeps the last steps and is empty without a trail', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      crumb({ kind: 'click', time: T0 + i * 1_000, role: 'button', label: `B${i}` }),
    );
    const draft = draftSteps(many, [], { maxSteps: 5 });
    expect(draft.steps).toHaveLength(5);
    expect(draft.steps[0]?.text).toMatch(/^Clicked button "B25"/);
    expect(draftSteps(undefined, undefined)).toEqual({ steps: [], text: '', endsAtError: false });
  });

  it('formats durations', () => {
    expect(formatDuration(12_300)).toBe('12 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_723_000)).toBe('1 h 2 min');
  });
});
