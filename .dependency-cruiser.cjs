/**
 * Import rules, checked by `npm run lint:deps` (part of `npm run lint`, so of `npm test`).
 * README, "Architecture", explains the rooms these rules keep apart.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const PAGE_SIDE_ENTRIES =
  '^entrypoints/((console-hook|page-context)[.]content|page-collector|full-page-render)[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'utils-not-ui',
      comment: 'utils/ is framework-free logic: it never imports entry points or components.',
      severity: 'error',
      from: { path: '^utils/' },
      to: { path: '^(entrypoints|components)/' },
    },
    {
      name: 'components-not-portal-or-outbox',
      comment:
        'Components take props and emit events: they never import the portal client or the outbox.',
      severity: 'error',
      from: { path: '^components/' },
      // Type-only imports (a job's view) carry no code into the bundle.
      to: {
        path: '^utils/(outbox/|portal/(client|service|http|auth|credentials-item)[.]ts$)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'page-side-only',
      comment:
        'Scripts that run in web pages never reach the portal, the outbox, credentials or policy.',
      severity: 'error',
      from: { path: PAGE_SIDE_ENTRIES },
      to: {
        path: '^utils/(portal/|outbox/|profile/|messages/background[.]ts$)',
        reachable: true,
      },
    },
    {
      name: 'page-side-no-storage',
      comment:
        'Scripts that run in web pages never read or watch storage (closed to them where the ' +
        'browser can, utils/storage-access.ts): they get their settings by message.',
      severity: 'error',
      from: { path: PAGE_SIDE_ENTRIES },
      to: {
        path: '^utils/(stored-item|[^/]+/items|portal/credentials-item)[.]ts$',
        reachable: true,
      },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles: a module and what it imports must not import it back.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|[.]output|[.]wxt)/' },
    tsPreCompilationDeps: true,
    // The `@/` alias comes from WXT's generated tsconfig.
    tsConfig: { fileName: '.wxt/tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
