// The layer rules of src/ (ARCHITECTURE.md draws them), checked by `npm run lint`.
// Lowest first; each layer may import only the layers listed beside it, and itself.
const layers = {
  util: [],
  model: ['util'],
  dns: ['model', 'util'],
  term: ['util'],
  kube: ['term', 'model', 'util'],
  store: ['kube', 'model', 'util'],
  session: ['store', 'kube', 'model', 'util'],
  ui: ['session', 'store', 'kube', 'term', 'dns', 'model', 'util'],
  demo: ['dns', 'model', 'util'],
  app: ['ui', 'session', 'store', 'kube', 'term', 'dns', 'demo', 'model', 'util'],
};

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import ${allowed.length ? allowed.map((l) => `src/${l}/`).join(', ') : 'no other layer'}; see ARCHITECTURE.md`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: '^src/', pathNot: `^src/(${[layer, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle makes two files one module in disguise: move what both need below them.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-in-a-layer',
      comment: 'Every file of src/ lives in a layer folder, so the folder list is the architecture.',
      severity: 'error',
      from: { path: '^src/[^/]+$', pathNot: '\\.d\\.ts$' },
      to: {},
    },
    {
      name: 'src-in-a-layer-imported',
      comment: 'Every file of src/ lives in a layer folder, so the folder list is the architecture.',
      severity: 'error',
      from: {},
      to: { path: '^src/[^/]+$', pathNot: '\\.d\\.ts$' },
    },
    {
      name: 'no-orphans',
      comment: 'A file of src/ that nothing imports is dead code, unless it is an entry point.',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: ['\\.d\\.ts$', '^src/app/cli\\.ts$', '^src/demo/main\\.ts$'] },
      to: {},
    },
    ...layerRules,
    {
      name: 'model-is-pure',
      comment: 'model/ does no I/O and knows no React: it must stay testable as plain functions.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: {
        dependencyTypes: ['core', 'npm'],
        path: '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|child_process|worker_threads)$|node_modules/(react|ink|ws|node-pty)/',
      },
    },
    {
      name: 'src-knows-no-tests',
      comment: 'The product never imports the tests, the benchmarks, the harness or the scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|cluster|scripts)/' },
    },
    {
      name: 'no-test-imports-a-test',
      comment: 'What two test files share goes in a helpers/ folder.',
      severity: 'error',
      from: {},
      to: { path: '\\.test\\.tsx?$' },
    },
    {
      name: 'shared-test-helpers-stand-alone',
      comment: 'test/helpers/ serves every suite, so it imports the product only, never a suite or the harness.',
      severity: 'error',
      from: { path: '^test/helpers/' },
      to: { path: '^(test/(unit|ui|e2e|contract|cluster)|cluster|bench)/' },
    },
    {
      name: 'fast-suites-stand-alone',
      comment: 'test/unit and test/ui run with no server: they may not reach the real-cluster harness or the pty suites.',
      severity: 'error',
      from: { path: '^test/(unit|ui)/' },
      to: { path: '^(cluster/|test/(e2e|contract|cluster)/)' },
    },
    {
      name: 'harness-knows-no-ui',
      comment: 'The cluster harness talks to the API like any client; it never imports kdeck’s UI.',
      severity: 'error',
      from: { path: '^cluster/' },
      to: { path: '^(src/(ui|app)|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a type from a higher layer ties the two as much as a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
