import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['ParseUUIDPipe'],
              message: 'Use UuidParam (src/common/uuid-param.pipe.ts): one 400 shape naming the parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'bench/**/*.ts',
      'src/**/*-cli.ts',
      'src/seed/**/*.ts',
      'src/demo.ts',
      'src/database/migrate.ts',
      'src/audit/audit-verify.ts',
      'src/audit/audit-keygen.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
