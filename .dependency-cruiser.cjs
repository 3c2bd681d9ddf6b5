// Module layering, checked by `npm run lint` (depcruise apps libs test bench tools). ESLint holds the rule
// that needs names rather than modules: only the write layer imports `handle` (eslint.config.mjs).
const SPECS = '\\.(spec|int-spec|e2e-spec)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-nothing-outside-itself',
      comment:
        'libs/domain is pure TypeScript: no other library, no npm package, not even a Node builtin. ' +
        'Time, storage and transport come in as values.',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: SPECS },
      to: { pathNot: '^libs/domain/src/' },
    },
    {
      name: 'domain-specs-use-only-the-domain-and-test-helpers',
      comment: "The domain's specs may add libs/testing's given/when/then helpers and Node's builtins (to read a fixture).",
      severity: 'error',
      from: { path: '^libs/domain/src/.+' + SPECS },
      to: { pathNot: '^libs/(domain|testing)/src/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'libraries-never-import-apps',
      comment: 'Apps compose libraries; a library that reached into an app would tie every other app to it.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'only-the-event-store-imports-handle-by-its-file',
      comment:
        "handle() is reached through @actionplans/event-store, where ESLint's no-restricted-imports lets only the " +
        'write layer (libs/commands) and tests import it; a deep import of the file would go round that check.',
      severity: 'error',
      from: { pathNot: '^libs/(event-store|commands|testing)/|' + SPECS },
      to: { path: '^libs/event-store/src/handle\\.ts$' },
    },
    {
      name: 'bench-uses-public-entry-points',
      comment:
        'The benchmark measures what a user of the libraries gets: each library through its index (@actionplans/<lib>), ' +
        'not its inner files, so a benchmark cannot depend on what a library keeps private.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle that runs code at load time means neither module can be understood, tested or moved without the other. ' +
        "Cycles of type-only imports are allowed: they vanish when compiled (libs/domain has two: an aggregate's events " +
        "and its state name each other's types).",
      severity: 'error',
      from: {},
      to: { circular: true, via: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a type from an app in a library is still a dependency on the app.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|coverage|bench/emmett-[^/]+|bench/results)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
