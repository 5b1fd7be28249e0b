import { afterEach, describe, expect, it, vi } from 'vitest';
import { EARLY_COLLECTOR_KEY, startEarlyCollector } from '@/utils/capture/early-collector';
import { PAGE_CHANNEL } from '@/utils/capture/page-channel';
import { adoptEarlyCollector, EARLY_ADOPT_KEY } from '@/utils/capture/page-context';
import {
  exactOriginPattern,
  injectCaptureNow,
  markAdoptableOrigin,
  syncCaptureRegistration,
} from '@/utils/capture/registration';

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

describe('registration for the exact allowed origin', () => {
  it('names the port, the default one too, so other ports of the host are not captured', () => {
    expect(exactOriginPattern('https://console.example:8443')).toBe(
      'https://console.example:8443/*',
    );
    expect(exactOriginPattern('https://console.example')).toBe('https://console.example:443/*');
    expect(exactOriginPattern('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/*');
    expect(exactOriginPattern('http://grafana.example')).toBe('http://grafana.example:80/*');
  });

  it('registers the hook and the collector with those patterns', async () => {
    vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockResolvedValue([] as never);
    const register = vi.spyOn(browser.scripting, 'registerContentScripts').mockResolvedValue();
    await syncCaptureRegistration(['https://console.example:8443', 'https://argo.example']);
    const scripts = register.mock.calls[0]?.[0] ?? [];
    expect(scripts.map((script) => [script.world ?? 'ISOLATED', script.matches])).toEqual([
      ['MAIN', ['https://console.example:8443/*', 'https://argo.example:443/*']],
      ['ISOLATED', ['https://console.example:8443/*', 'https://argo.example:443/*']],
    ]);
  });
});
