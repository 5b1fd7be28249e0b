import { afterEach, describe, expect, it } from 'vitest';
import { startBreadcrumbRecorder } from '@/utils/capture/breadcrumbs';
import { type EarlyInput, startEarlyCollector } from '@/utils/capture/early-collector';
import { PAGE_CHANNEL } from '@/utils/capture/page-channel';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('early collector', () => {
  it('keeps the hook batches until stopped, then hands them over once', () => {
    const collector = startEarlyCollector(document);
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.event, { detail: '[1]' }));
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.event, { detail: { not: 'a string' } }));
    expect(collector.stop()).toEqual(['[1]']);
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.event, { detail: '[2]' }));
    expect(collector.stop()).toEqual([]);
  });

  it('keeps no action the page dispatched itself', () => {
    const collector = startEarlyCollector(document);
    document.body.innerHTML = '<button>Scale deployment</button>';
    document.querySelector('button')?.click();
    expect(collector.takeInputs()).toEqual([]);
  });
});

describe('replay of early actions into the step recorder', () => {
  it('records a click from before the recorder started, with its own time and page', () => {
    document.body.innerHTML = '<button>Scale deployment</button>';
    const button = document.querySelector('button') as HTMLButtonElement;
    const click = new MouseEvent('click', { bubbles: true });
    button.dispatchEvent(click);
    const early: EarlyInput[] = [
      { event: click, time: 5_000, href: 'https://console.example.com/deployments' },
    ];
    const recorder = startBreadcrumbRecorder(document, {
      acceptUntrusted: true,
      recordLoad: false,
      now: () => 9_000,
      earlyInputs: early,
    });
    const [crumb] = recorder.trail.snapshot();
    expect(crumb).toMatchObject({
      kind: 'click',
      label: 'Scale deployment',
      role: 'button',
      time: 5_000,
      location: 'https://console.example.com/deployments',
    });
    recorder.stop();
  });

  it('drops untrusted early actions in the product setting', () => {
    document.body.innerHTML = '<button>Delete</button>';
    const click = new MouseEvent('click', { bubbles: true });
    document.querySelector('button')?.dispatchEvent(click);
    const recorder = startBreadcrumbRecorder(document, {
      recordLoad: false,
      earlyInputs: [{ event: click, time: 1, href: 'https://a.example/' }],
    });
    expect(recorder.trail.snapshot()).toEqual([]);
    recorder.stop();
  });
});
