/**
 * The rooms of the code and their doors, as one ESLint rule (`rooms/doors`):
 * - electron/core runs under plain Node too (`npm run serve`): it never imports `electron`, nor renderer
 *   code (src/ outside src/shared); its services never import the HTTP server (http/ implements the doors
 *   the core defines, such as the sharing controller);
 * - the renderer (src/) never imports the main side (electron/), nor `electron`, nor Node's modules;
 * - src/shared is the contract both sides compile: it imports nothing of the project outside itself.
 * Import cycles inside electron/core are checked by tests/unit/architecture/import-cycles.test.ts.
 */
import path from 'node:path';

/** The project folder: paths are judged relative to it. */
const ROOT = path.resolve(import.meta.dirname, '..');

/** Where an import specifier leads, as a project path (`src/shared/domain`), or null for a package. */
function projectPath(fromFile, specifier) {
  if (specifier.startsWith('@shared/')) return `src/shared/${specifier.slice('@shared/'.length)}`;
  if (specifier === '@shared') return 'src/shared';
  if (!specifier.startsWith('.')) return null;
  return path
    .relative(ROOT, path.resolve(path.dirname(fromFile), specifier))
    .split(path.sep)
    .join('/');
}

const within = (file, folder) => file === folder || file.startsWith(`${folder}/`);
const isElectronPackage = (specifier) => specifier === 'electron' || specifier.startsWith('electron/');
const isNodeModule = (specifier) => specifier.startsWith('node:');

/** Why `file` may not import `specifier`, or null when the door is open. */
export function closedDoor(file, specifier) {
  const target = projectPath(path.resolve(ROOT, file), specifier);
  if (within(file, 'electron/core')) {
    if (isElectronPackage(specifier)) {
      return 'electron/core runs under plain Node too: it must not import `electron` (the shell in electron/main passes what it needs).';
    }
    if (target && within(target, 'src') && !within(target, 'src/shared')) {
      return 'electron/core must not import renderer code; only src/shared is common to both sides.';
    }
    if (within(file, 'electron/core/services') && target && within(target, 'electron/core/http')) {
      return 'Services must not import the HTTP server: they reach it through an interface the core defines (ctx.sharing).';
    }
  }
  if (within(file, 'src')) {
    if (target && within(target, 'electron')) {
      return 'The renderer must not import the main side (electron/); it talks to it through the contract in src/shared.';
    }
    if (isElectronPackage(specifier) || isNodeModule(specifier)) {
      return 'The renderer runs in a browser page: it must not import `electron` or Node modules.';
    }
  }
  if (within(file, 'src/shared') && target && !within(target, 'src/shared')) {
    return 'src/shared is compiled by both sides: it must not import anything of the project outside src/shared.';
  }
  return null;
}

const doors = {
  meta: {
    type: 'problem',
    docs: { description: 'keeps the imports between the renderer, src/shared and electron/core to their doors' },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const check = (source) => {
      if (!source || typeof source.value !== 'string') return;
      const reason = closedDoor(file, source.value);
      if (reason) context.report({ node: source, message: `"${source.value}": ${reason}` });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

/** The plugin: `rooms/doors`. */
export default { rules: { doors } };
