import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // What the repository holds: its source folders and root files. Any other folder (a helper's tmp-qa/, a scratch
  // checkout, dist/, results/, wasm/ with its AssemblyScript) is not linted, tracked or not (docs/architecture.md).
  { ignores: ['*/', '!src/', '!test/', '!bench/', '!scripts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
