import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import rooms from './lint/rooms.js';

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'coverage/', 'docs/screenshots/', 'test-results/', '.data/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['electron/**', 'scripts/**', 'tests/**', 'bench/**', '*.config.{js,ts,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The rooms and their doors: core without Electron or renderer code, renderer without the main side,
    // src/shared self-contained (lint/rooms.js).
    files: ['src/**/*.{ts,vue}', 'electron/core/**/*.ts'],
    plugins: { rooms },
    rules: { 'rooms/doors': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  prettier,
);
