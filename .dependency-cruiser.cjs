/**
 * Architecture rules (docs/architecture.md), checked by `npm run lint`. Folders form layers, top to bottom;
 * a module may import its own layer and any layer below it, never one above.
 */
const LAYERS = ['cli', 'app', 'search', 'io', 'studies', 'sim', 'snn', 'model', 'hardware', 'util', 'core'];

const upward = LAYERS.slice(1).map((layer, i) => ({
  name: `no-upward-from-${layer}`,
  comment: `src/${layer} may not import a layer above it (${LAYERS.slice(0, i + 1).join(', ')})`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(0, i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'import cycles hide which module owns a rule',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'search-knows-no-hardware',
      comment: 'strategies and the engine see the simulator only through the injected SpaceContext and backend',
      severity: 'error',
      from: { path: '^src/search/' },
      to: { path: '^src/(hardware|sim|snn|model)/' },
    },
    {
      name: 'models-know-no-search',
      comment: 'the simulator, hardware, SNN and network models know nothing of search, files or the command line',
      severity: 'error',
      from: { path: '^src/(sim|hardware|snn|model)/' },
      to: { path: '^src/(search|io|cli|app|studies)/' },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
