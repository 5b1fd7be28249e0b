/**
 * Console adapters: small declarative extractors for well-known consoles. Each names where a
 * fact lives in the page (a global, an element's text, a meta tag) and how to label it. The
 * background reads those places once, at collect time, with a one-off MAIN-world
 * `scripting.executeScript` (page globals are invisible to the ISOLATED world), so the
 * always-on hook stays small. What comes back is page data: untrusted, bounded, validated and
 * redacted before use.
 */
import * as z from 'zod/mini';
import type { ConsoleFact, ConsoleFacts } from './capture';

export type PageSource =
  | { global: string }
  | { selector: string }
  | { meta: string }
  | { title: true };

export interface AdapterField {
  label: string;
  from: PageSource;
  /** A pattern the value must match; its first group (or the whole match) is kept. */
  match?: RegExp;
  /** Derives another value from the raw one. */
  derive?: (value: string) => string | undefined;
}

export interface ConsoleAdapter {
  id: string;
  product: string;
  /** The page is this console when any of these yields a (matching) value. */
  detect: readonly Omit<AdapterField, 'label' | 'derive'>[];
  fields: readonly AdapterField[];
}

/** `https://api.demo-cluster.example.com:6443` -> `demo-cluster.example.com` */
export function clusterFromApiUrl(value: string): string | undefined {
  try {
    return new URL(value).hostname.replace(/^api\./, '') || undefined;
  } catch {
    return undefined;
  }
}

export const CONSOLE_ADAPTERS: readonly ConsoleAdapter[] = [
  {
    id: 'openshift',
    product: 'OpenShift Container Platform',
    detect: [
      { from: { global: 'SERVER_FLAGS.consoleVersion' } },
      { from: { global: 'SERVER_FLAGS.kubeAPIServerURL' } },
    ],
    fields: [
      { label: 'Console version', from: { global: 'SERVER_FLAGS.consoleVersion' } },
      { label: 'Cluster version', from: { global: 'SERVER_FLAGS.releaseVersion' } },
      {
        label: 'Cluster',
        from: { global: 'SERVER_FLAGS.kubeAPIServerURL' },
        derive: clusterFromApiUrl,
      },
      { label: 'API server', from: { global: 'SERVER_FLAGS.kubeAPIServerURL' } },
      { label: 'Branding', from: { global: 'SERVER_FLAGS.branding' } },
    ],
  },
  {
    id: 'grafana',
    product: 'Grafana',
    detect: [{ from: { global: 'grafanaBootData.settings.buildInfo.version' } }],
    fields: [
      { label: 'Grafana version', from: { global: 'grafanaBootData.settings.buildInfo.version' } },
      { label: 'Edition', from: { global: 'grafanaBootData.settings.buildInfo.edition' } },
      { label: 'Commit', from: { global: 'grafanaBootData.settings.buildInfo.commit' } },
      { label: 'Build environment', from: { global: 'grafanaBootData.settings.buildInfo.env' } },
      { label: 'App URL', from: { global: 'grafanaBootData.settings.appUrl' } },
    ],
  },
  {
    id: 'argocd',
    product: 'Argo CD',
    // The UI's sidebar shows the server version (ui/src/app/sidebar/sidebar.tsx).
    detect: [
      { from: { selector: '.sidebar__version' } },
      { from: { title: true }, match: /^Argo CD\b/ },
    ],
    fields: [
      {
        label: 'Argo CD version',
        from: { selector: '.sidebar__version' },
        match: /(v?\d+\.\d+\.\d+[\w.+-]*)/,
      },
    ],
  },
  {
    id: 'kubernetes-dashboard',
    product: 'Kubernetes Dashboard',
    detect: [
      { from: { selector: 'kd-root' } },
      { from: { title: true }, match: /^Kubernetes Dashboard\b/ },
    ],
    fields: [
      {
        label: 'Dashboard version',
        from: { selector: 'kd-about .kd-about-version, [data-kd-version]' },
        match: /(v?\d+\.\d+\.\d+[\w.+-]*)/,
      },
      { label: 'Cluster', from: { selector: 'kd-cluster-name, .kd-cluster-name' } },
    ],
  },
  {
    id: 'rancher',
    product: 'Rancher',
    detect: [
      { from: { title: true }, match: /\bRancher\b/ },
      { from: { meta: 'rancher-version' } },
    ],
    fields: [
      { label: 'Rancher version', from: { meta: 'rancher-version' } },
      {
        label: 'Rancher version',
        from: { selector: '.side-nav .version, .version' },
        match: /(v?\d+\.\d+\.\d+[\w.+-]*)/,
      },
      { label: 'Cluster', from: { selector: '.cluster-name' } },
    ],
  },
];

/** The longest value read from a page. */
export const MAX_SOURCE_VALUE = 500;

/**
 * Runs in the page's MAIN world (serialised by `executeScript`, so it must not use anything
 * from its module). Reads each source, keeps only short text, and never throws.
 */
export function readPageSources(sources: PageSource[], max: number): (string | null)[] {
  const text = (value: unknown): string | null =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value).trim().slice(0, max)
      : null;
  return sources.slice(0, 100).map((source) => {
    try {
      if ('global' in source) {
        let value: unknown = window;
        for (const key of source.global.split('.')) {
          if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
            return null;
          }
          value = (value as Record<string, unknown>)[key];
        }
        return text(value);
      }
      if ('selector' in source) return text(document.querySelector(source.selector)?.textContent);
      if ('meta' in source) {
        return text(
          document
            .querySelector(`meta[name="${CSS.escape(source.meta)}"]`)
            ?.getAttribute('content'),
        );
      }
      return text(document.title);
    } catch {
      return null;
    }
  });
}

/** Every distinct source the adapters read, in a stable order. */
export function adapterSources(
  adapters: readonly ConsoleAdapter[] = CONSOLE_ADAPTERS,
): PageSource[] {
  const seen = new Map<string, PageSource>();
  for (const adapter of adapters) {
    for (const item of [...adapter.detect, ...adapter.fields]) {
      seen.set(JSON.stringify(item.from), item.from);
    }
  }
  return [...seen.values()];
}

const SourceValuesSchema = z.array(z.nullable(z.string().check(z.maxLength(MAX_SOURCE_VALUE))));

function pick(value: string | null | undefined, match?: RegExp): string | undefined {
  if (!value) return undefined;
  if (!match) return value;
  const found = match.exec(value);
  return found ? (found[1] ?? found[0]) : undefined;
}

/**
 * Turns what the page answered into facts: the first adapter whose detection matches wins.
 * `raw` is untrusted: anything that does not fit is ignored; every value is scrubbed.
 */
export function applyAdapters(
  sources: readonly PageSource[],
  raw: unknown,
  scrub: (text: string) => string,
  adapters: readonly ConsoleAdapter[] = CONSOLE_ADAPTERS,
): ConsoleFacts | undefined {
  const parsed = SourceValuesSchema.safeParse(raw);
  if (!parsed.success || parsed.data.length !== sources.length) return undefined;
  const values = new Map<string, string | null>();
  sources.forEach((source, index) => {
    values.set(JSON.stringify(source), parsed.data[index] ?? null);
  });
  const read = (from: PageSource) => values.get(JSON.stringify(from));
  for (const adapter of adapters) {
    const detected = adapter.detect.some((item) => pick(read(item.from), item.match) !== undefined);
    if (!detected) continue;
    const facts: ConsoleFact[] = [];
    for (const field of adapter.fields) {
      if (facts.some((fact) => fact.label === field.label)) continue;
      let value = pick(read(field.from), field.match);
      if (value !== undefined && field.derive) value = field.derive(value);
      if (value) {
        facts.push({
          adapter: adapter.id,
          label: field.label,
          value: scrub(value).slice(0, MAX_SOURCE_VALUE),
        });
      }
    }
    return { adapter: adapter.id, product: adapter.product, facts };
  }
  return undefined;
}
