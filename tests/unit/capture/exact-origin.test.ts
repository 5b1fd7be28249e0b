import { afterEach, describe, expect, it } from 'vitest';
import { EARLY_COLLECTOR_KEY, startEarlyCollector } from '@/utils/capture/early-collector';
import { PAGE_CHANNEL } from '@/utils/capture/page-channel';
import { adoptEarlyCollector, EARLY_ADOPT_KEY } from '@/utils/capture/page-context';
import { markAdoptableOrigin } from '@/utils/capture/registration';

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[EARLY_ADOPT_KEY];
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
