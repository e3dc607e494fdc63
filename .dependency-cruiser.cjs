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

/**
 * Inside src/search, the import order (docs/architecture.md "Inside src/search"): the strategies with their
 * operators and Pareto tools are lowest (they see a space only as the plain types of space/types.ts); the space parser
 * checks strategy settings, so it sits above them; backends run spaces' points; the run folder and the lazy stages
 * drive backends. A folder may import the ones below it, never one above. The one exception: a grid range
 * (backend/range.ts) scores and writes rows where the evaluator runs, with the engine's own run/rows.ts and run/lines.ts.
 */
const SEARCH_ORDER = [
  { folder: 'strategies|operators|pareto', above: 'space|backend|run|lazy', except: '^src/search/space/types\\.ts$' },
  { folder: 'space', above: 'backend|run|lazy' },
  { folder: 'backend', above: 'run|lazy', except: '^src/search/run/(rows|lines)\\.ts$' },
];
const searchOrder = SEARCH_ORDER.map(({ folder, above, except }) => ({
  name: `search-order-${folder.split('|')[0]}`,
  comment: `src/search/(${folder}) may not import src/search/(${above})`,
  severity: 'error',
  from: { path: `^src/search/(${folder})/` },
  to: { path: `^src/search/(${above})/`, ...(except ? { pathNot: except } : {}) },
}));

/**
 * The root files of src/search sit outside its folders: `engine.ts` (drives every folder) and `index.ts` (the
 * folder's API) are the top tier, which no subfolder may import; `problem.ts` (the generic Problem every strategy
 * solves) and `guards.ts` (type guards) are the base tier, which every folder may import and which import no
 * folder. A new root file is top tier unless it is named in SEARCH_BASE.
 */
const SEARCH_BASE = '^src/search/(problem|guards)\\.ts$';
const searchTiers = [
  {
    name: 'search-root-is-top',
    comment: 'no src/search subfolder imports a root file of src/search (engine.ts, index.ts) other than the base tier (problem.ts, guards.ts)',
    severity: 'error',
    from: { path: '^src/search/[^/]+/' },
    to: { path: '^src/search/[^/]+\\.ts$', pathNot: SEARCH_BASE },
  },
  {
    name: 'search-base-is-bottom',
    comment: 'src/search/problem.ts and guards.ts import no folder of src/search, nor its top tier',
    severity: 'error',
    from: { path: SEARCH_BASE },
    to: { path: '^src/search/', pathNot: SEARCH_BASE },
  },
];

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
      name: 'search-reaches-no-hardware',
      comment: 'not even through types or another layer (io, studies): search names a value as src/util/paramValue.ts does',
      severity: 'error',
      from: { path: '^src/search/' },
      to: { path: '^src/(hardware|sim|snn|model)/', reachable: true },
    },
    {
      name: 'no-root-imports',
      comment: 'src/*.ts (the library API, src/index.ts) sits outside every layer: no module inside src imports it',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
    ...searchOrder,
    ...searchTiers,
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
