// The layers of src/, bottom to top, and the rules that keep imports pointing down. This list is the one place the
// order is written: the README's "Layout of the code" points here, test/architecture/layers.test.ts runs these rules
// inside `npm test`, and `npx depcruise src` runs them by hand (with `--output-type text` for every import).
//
// A folder may import its own layer and the layers below it, never one above. Folders of one layer may import each
// other (exposure reads audit, rca redacts with scan); a circle between any two modules is caught on its own, type-only
// imports included. Every folder of src/ has a layer: test/architecture/layers.test.ts fails on one that is not listed.
const LAYERS = [
  /** Plain helpers with no knowledge of CircleCI: errors, time, the terminal sanitizer and the Display type. */
  { name: 'foundation', folders: ['util', 'text'] },
  /** The outside world: the API client, the disk cache, settings and token, the log buffer. */
  { name: 'services', folders: ['api', 'cache', 'config', 'log'] },
  /** The one read port the capabilities and panes read through: the live API or an offline evidence folder. */
  { name: 'source', folders: ['source'] },
  /** What sleuth can do, with no UI: download evidence, search, scan, audit logs, exposure, RCA, the simulator. */
  { name: 'capabilities', folders: ['evidence', 'search', 'scan', 'audit', 'exposure', 'rca', 'sim'] },
  /** Ink views and key routing. */
  { name: 'tui', folders: ['tui'] },
  /** commander wiring: the scriptable subcommands, and the commands that start a TUI. */
  { name: 'cli', folders: ['cli'] },
];

/** The CLI files that start or wire a TUI: the only ones in cli/ that may import tui/. */
const CLI_FILES_THAT_START_A_TUI = ['commands/tui.ts', 'commands/tui-download.ts', 'commands/demo.ts', 'commands/audit.ts'];

/** Feature folders of tui/: shared parts (components/, hooks/, input/, state/, list/, keymap.ts) import none of them. */
const TUI_FEATURE_FOLDERS = ['audit', 'ci-lists', 'clipboard', 'download', 'exposure', 'log', 'rca', 'scan', 'search'];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (folders) => `^src/(${folders.map(escape).join('|')})/`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  return {
    name: `${layer.name}-imports-no-layer-above`,
    comment: `${layer.folders.join(', ')} (layer ${layer.name}) may not import ${above.map((l) => l.folders.join(', ')).join(' / ')}: imports point down (.dependency-cruiser.cjs)`,
    severity: 'error',
    from: { path: under(layer.folders) },
    to: { path: under(above.flatMap((l) => l.folders)) },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'an import circle (type-only imports count): move what both sides need to a module of its own that both import',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'cli-imports-tui-only-where-it-starts-one',
      comment: `only ${CLI_FILES_THAT_START_A_TUI.join(', ')} in cli/ start or wire a TUI; other commands import no Ink code`,
      severity: 'error',
      from: { path: '^src/cli/', pathNot: `^src/cli/(${CLI_FILES_THAT_START_A_TUI.map(escape).join('|')})$` },
      to: { path: '^src/tui/' },
    },
    {
      name: 'ink-and-react-only-in-tui',
      comment: 'the data layer and the CLI have no Ink/React imports; tui/ renders',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/tui/' },
      to: { path: '(^|/)node_modules/(ink|ink-[^/]+|react|react-dom)/' },
    },
    {
      name: 'tui-never-touches-the-api-client',
      comment: 'panes read through source/ (InvestigationSource); the client, transport and retries stay below it',
      severity: 'error',
      from: { path: '^src/tui/' },
      to: { path: '^src/api/(client|transport|http-errors|backoff|semaphore|read-body|step-output)\\.ts$' },
    },
    {
      name: 'tui-components-import-no-feature',
      comment: `tui/components/ are shared by every pane: they import none of the feature folders (${TUI_FEATURE_FOLDERS.join(', ')})`,
      severity: 'error',
      from: { path: '^src/tui/components/' },
      to: { path: `^src/tui/(${TUI_FEATURE_FOLDERS.map(escape).join('|')})/` },
    },
    {
      name: 'tui-keymap-imports-no-feature',
      comment: 'tui/keymap.ts is the one table of bindings: features read it, it reads none of them',
      severity: 'error',
      from: { path: '^src/tui/keymap\\.ts$' },
      to: { path: `^src/tui/(${TUI_FEATURE_FOLDERS.map(escape).join('|')})/` },
    },
  ],
  options: {
    // Type-only imports are imports too: a circle through a type is still a circle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Ink and conf are ESM-only packages: resolve them through their "exports" as Node does.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    skipAnalysisNotInRules: true,
  },
};

// For test/architecture/layers.test.ts (every folder of src/ has a layer); dependency-cruiser reads only the above.
Object.defineProperty(module.exports, 'layers', { value: LAYERS, enumerable: false });
