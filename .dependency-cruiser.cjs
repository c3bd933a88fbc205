// The shape of src/, checked by dependency-cruiser in `npm run lint`
// (test/unit/lint/shape.test.ts plants a breach of each rule and sees it fail).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle (type-only imports included) ties its modules into one: none in src/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'api-without-the-editor',
      comment: 'src/api knows HTTP and the wire format: it imports neither vscode nor the editor side.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { pathNot: ['^src/api/', '^node_modules/', '^node:'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'api-without-vscode',
      comment: 'src/api runs where there is no editor (the stream thread, scripts, the bench).',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^vscode$' },
    },
    {
      name: 'webview-without-the-host',
      comment:
        'src/webview is what the browser runs: its code comes from itself and its packages, none from the host.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { pathNot: ['^src/webview/', '^node_modules/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'webview-types-from-the-api-only',
      comment: 'What the webview imports for its types comes from itself or from the API\'s types-only modules.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { pathNot: ['^src/webview/', '^src/api/resources/.*types[.]ts$', '^src/api/resources/shared[.]ts$', '^node_modules/'], dependencyTypes: ['type-only'] },
    },
    {
      name: 'webview-without-vscode',
      comment: 'The webview talks to the host by messages; the vscode module exists only in the extension host.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(out|dist|media/dist|node_modules)/' },
  },
};
