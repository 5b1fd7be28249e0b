import { afterEach, describe, expect, it } from 'vitest';
import {
  type Listen,
  listenForRoutes,
  navigationType,
  routeKind,
} from '@/utils/capture/steps/route-listener';

describe('route listener', () => {
  const added: Array<[EventTarget, string, (event: Event) => void]> = [];
  const listen: Listen = (target, type, handler) => {
    target.addEventListener(type, handler);
    added.push([target, type, handler]);
  };
  afterEach(() => {
    for (const [target, type, handler] of added) target.removeEventListener(type, handler);
    added.length = 0;
  });

  it('tells traversals and hash changes', () => {
    const heard: string[] = [];
    listenForRoutes(window, document, listen, (kind) => heard.push(kind));
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(heard.slice(0, 2)).toEqual(['traverse', 'push']);
  });

  it('listens to the Navigation API where there is one', () => {
    const navigation = new EventTarget();
    const win = {
      navigation,
      addEventListener() {},
      removeEventListener() {},
    } as unknown as Window;
    const heard: string[] = [];
    listenForRoutes(win, document, listen, (kind) => heard.push(kind));
    const event = Object.assign(new Event('currententrychange'), { navigationType: 'replace' });
    navigation.dispatchEvent(event);
    expect(heard).toEqual(['replace']);
  });

  it('maps navigation types', () => {
    expect(['push', 'replace', 'traverse', 'reload', 'other', null].map(routeKind)).toEqual([
      'push',
      'replace',
      'traverse',
      'reload',
      'unknown',
      'unknown',
    ]);
    const withEntry = (type: string) =>
      ({ performance: { getEntriesByType: () => [{ type }] } }) as unknown as Window;
    const broken = {
      performance: {
        getEntriesByType: () => {
          throw new Error('old engine');
        },
      },
    } as unknown as Window;
    expect(navigationType(broken)).toBe('navigate');
    expect(navigationType(withEntry('reload'))).toBe('reload');
    expect(navigationType(withEntry('back_forward'))).toBe('traverse');
    expect(navigationType(withEntry('navigate'))).toBe('navigate');
    expect(navigationType(null)).toBe('navigate');
  });
});
