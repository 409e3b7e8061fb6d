/**
 * The core's rooms have doors, not loops: no file of electron/core reaches itself again through its
 * imports. Type-only imports count too, since they tie the files together for whoever reads them just as
 * much (the sharing controller is a door the core defines and http/ implements, not a type the core
 * borrows from the server). The graph is read with the TypeScript compiler's parser.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CORE = join(ROOT, 'electron/core');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = join(folder, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** The files of `within` that `file` imports or re-exports from, by a relative path. */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const targets: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
            ? node.argument.literal
            : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      const base = resolve(dirname(file), specifier.text);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
      if (target) targets.push(target);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return targets;
}

/** Every import cycle of the graph, each as the path from a file back to itself (Tarjan's components). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const connect = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.reverse());
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return cycles;
}

function importGraph(folder: string): Map<string, string[]> {
  const files = sourceFiles(folder);
  const known = new Set(files);
  return new Map(files.map((file) => [file, importsOf(file, known)]));
}

describe('import cycles', () => {
  it('finds a loop of three files, also through a type-only import, and none in a chain', () => {
    expect(
      importCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      importCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads a type-only import as an edge', { timeout: 60_000 }, () => {
    const folder = join(CORE, 'api');
    const graph = importGraph(folder);
    // handler-types imports the context only as a type: still an edge of the graph.
    expect(importsOf(join(folder, 'handler-types.ts'), new Set([join(CORE, 'context.ts')]))).toContain(
      join(CORE, 'context.ts'),
    );
    expect(graph.get(join(folder, 'handlers.ts'))).toContain(join(folder, 'deals-handlers.ts'));
  });

  // Parses every file of the core: seconds, more on a busy machine.
  it('electron/core has none', { timeout: 120_000 }, () => {
    const cycles = importCycles(importGraph(CORE)).map((cycle) =>
      cycle.map((file) => relative(ROOT, file)).join(' → '),
    );
    expect(cycles).toEqual([]);
  });
});
