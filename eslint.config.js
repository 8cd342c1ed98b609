// ESLint (flat config), run first by `npm test`: typescript-eslint's recommended rules, without type information
// so that it stays fast. The layer rule is scripts/check-layers.mjs; formatting is not linted. A disable comment
// must name a rule that runs here and still be needed (reportUnusedDisableDirectives).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'release/', 'node_modules/', 'test-results/', '.electron-native/', '**/*.d.ts', '**/*.d.mts'] },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks what is left out on purpose (`const { gone: _gone, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read API results and fakes loosely; the contract types them where it matters, in the product.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
