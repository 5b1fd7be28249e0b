import { describe, expect, it } from 'vitest';
import {
  adapterSources,
  applyAdapters,
  clusterFromApiUrl,
  readPageSources,
} from '@/utils/capture/console-adapters';

const scrub = (text: string) => text.replace('secret', '[redacted:secret]');

describe('console adapters', () => {
  const sources = adapterSources();
  const answer = (values: Record<string, string>) =>
    sources.map((source) => values[JSON.stringify(source)] ?? null);

  it('reads the OpenShift console’s cluster and versions', () => {
    const raw = answer({
      '{"global":"SERVER_FLAGS.consoleVersion"}': 'v6.0.0',
      '{"global":"SERVER_FLAGS.releaseVersion"}': '4.16.3',
      '{"global":"SERVER_FLAGS.kubeAPIServerURL"}': 'https://api.prod-east.example.com:6443',
    });
    const facts = applyAdapters(sources, raw, scrub);
    expect(facts?.product).toBe('OpenShift Container Platform');
    expect(facts?.facts.map((fact) => [fact.label, fact.value])).toEqual([
      ['Console version', 'v6.0.0'],
      ['Cluster version', '4.16.3'],
      ['Cluster', 'prod-east.example.com'],
      ['API server', 'https://api.prod-east.example.com:6443'],
    ]);
  });

  it('scrubs what the page answered and ignores answers that do not fit', () => {
    const raw = answer({
      '{"global":"grafanaBootData.settings.buildInfo.version"}': '11.2.0 secret',
    });
    expect(applyAdapters(sources, raw, scrub)?.facts[0]?.value).toBe('11.2.0 [redacted:secret]');
    expect(applyAdapters(sources, 'not an array', scrub)).toBeUndefined();
    expect(applyAdapters(sources, [1, 2, 3], scrub)).toBeUndefined();
    expect(
      applyAdapters(
        sources,
        sources.map(() => 'x'.repeat(501)),
        scrub,
      ),
    ).toBeUndefined();
  });

  it('finds nothing on an ordinary page', () => {
    expect(
      applyAdapters(
        sources,
        sources.map(() => null),
        scrub,
      ),
    ).toBeUndefined();
  });

  it('derives the cluster from the API server URL', () => {
    expect(clusterFromApiUrl('https://api.c1.example.com:6443')).toBe('c1.example.com');
    expect(clusterFromApiUrl('not a url')).toBeUndefined();
  });

  it('reads globals, elements and meta tags from a page without throwing', () => {
    const win = window as unknown as Record<string, unknown>;
    win.SERVER_FLAGS = { consoleVersion: 'v1', nested: { n: 5 } };
    Object.defineProperty(win, 'hostileGlobal', {
      configurable: true,
      get() {
        throw new Error('no');
      },
    });
    document.body.innerHTML = '<div class="sidebar__version">v2.1.0</div>';
    document.head.innerHTML = '<meta name="rancher-version" content="v2.9.2"><title>T</title>';
    const values = readPageSources(
      [
        { global: 'SERVER_FLAGS.consoleVersion' },
        { global: 'SERVER_FLAGS.nested.n' },
        { global: 'SERVER_FLAGS' },
        { global: 'hostileGlobal.x' },
        { selector: '.sidebar__version' },
        { meta: 'rancher-version' },
        { selector: '[[invalid' },
      ],
      500,
    );
    expect(values).toEqual(['v1', '5', null, null, 'v2.1.0', 'v2.9.2', null]);
  });
});
