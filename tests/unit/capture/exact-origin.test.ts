import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_COLLECTOR_KEY, startEarlyCollector } from '@/utils/capture/early-collector';
import { PAGE_CHANNEL } from '@/utils/capture/page-channel';
import { adoptEarlyCollector, EARLY_ADOPT_KEY } from '@/utils/capture/page-context';
import { injectCaptureNow, markAdoptableOrigin } from '@/utils/capture/registration';

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[EARLY_ADOPT_KEY];
  vi.restoreAllMocks();
});

/** A page where the registered collector ran and the hook logged one error. */
function pageWithEarlyError() {
  const collector = startEarlyCollector(document);
  document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.event, { detail: '[["e","boom"]]' }));
  return { [EARLY_COLLECTOR_KEY]: collector } as Parameters<typeof adoptEarlyCollector>[0];
}

describe('capture on the exact allowed origin, port included', () => {
  it('adopts what the early collector kept on the origin the background checked', () => {
    const scope = pageWithEarlyError();
    scope[EARLY_ADOPT_KEY] = 'https://console.example:8443';
    const early = adoptEarlyCollector(scope, 'https://console.example:8443');
    expect(early?.stop()).toEqual(['[["e","boom"]]']);
  });

  it('drops it on another port of the same host (patterns cannot tell ports apart)', () => {
    const scope = pageWithEarlyError();
    scope[EARLY_ADOPT_KEY] = 'https://console.example:8443';
    expect(adoptEarlyCollector(scope, 'https://console.example:9443')).toBeUndefined();
    // Stopped: it neither hands the error over later nor keeps collecting.
    document.dispatchEvent(new CustomEvent(PAGE_CHANNEL.event, { detail: '[["e","later"]]' }));
    expect(scope[EARLY_COLLECTOR_KEY]?.stop()).toEqual([]);
  });

  it('drops it when capture was injected on demand into an origin that is not allowed', () => {
    const scope = pageWithEarlyError();
    expect(adoptEarlyCollector(scope, 'https://console.example')).toBeUndefined();
  });

  it('the mark the background injects is the one the page context reads', () => {
    markAdoptableOrigin('https://console.example:8443');
    expect((globalThis as Record<string, unknown>)[EARLY_ADOPT_KEY]).toBe(
      'https://console.example:8443',
    );
  });
});

describe('capture injected when the popup opens', () => {
  const injections = () => {
    const calls: unknown[] = [];
    vi.spyOn(browser.scripting, 'executeScript').mockImplementation(async (injection) => {
      calls.push(injection);
      return [];
    });
    return calls;
  };

  it('marks the exact origin first on an allowed page, so its page load is kept', async () => {
    const calls = injections();
    await injectCaptureNow(7, 'https://console.example:8443');
    expect(calls[0]).toMatchObject({
      target: { tabId: 7 },
      func: markAdoptableOrigin,
      args: ['https://console.example:8443'],
    });
    expect(calls).toHaveLength(3);
  });

  it('marks nothing on a page that is not allowed', async () => {
    const calls = injections();
    await injectCaptureNow(7);
    expect(calls).toHaveLength(2);
    expect(calls.some((call) => 'func' in (call as object))).toBe(false);
  });
});
