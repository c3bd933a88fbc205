// ESLint: typescript-eslint's recommended type-checked rules on the extension and the webview.
// Each rule turned off or tuned says why beside it. The shape of the code (what may import what, no
// cycles) is dependency-cruiser's job: .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'media/dist/**', 'node_modules/**', '.cache/**', 'test-results/**'] },
  {
    files: ['src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {},
  },
);
