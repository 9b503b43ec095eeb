// No import circle in src/ (issue 24): a module that imports, through any chain, a module that
// imports it back loads half-initialised in one of the two orders (src/evidence/bundle/parse.ts
// and src/evidence/analyze.ts did). Type-only imports load nothing and are left out.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The static imports of a module's text that load something at run time, as written: `import …
 * from "x"`, `import "x"`, `export … from "x"`. Left out: `import type …` and `export type …`
 * (erased), and dynamic `import(…)` (loaded later, never part of a circle at load time). An
 * `import { type A } from "x"` stays in: with `verbatimModuleSyntax` it is kept as `import {} from "x"`.
 * Statements are read at the start of a line, so a JSDoc line (` * import …`) is not one.
 */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const STATEMENT = /^[ \t]*(?:import|export)\b(\s+type\b(?!\s*(?:[,}]|from\b)))?([^;"'`]*?)\bfrom\s*["']([^"']+)["']|^[ \t]*import\s*["']([^"']+)["']/gm;
  for (const m of text.matchAll(STATEMENT)) {
    if (m[1]) continue;
    out.push((m[3] ?? m[4])!);
  }
  return out;
}

/** Every `.ts` file under `dir` (root-relative, `/`-separated), with the project files it imports at run time. */
function importGraph(dir: string): { graph: Map<string, string[]>; unresolved: string[] } {
  const files = (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f).split("\\").join("/"))
    .sort();
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const deps: string[] = [];
    for (const spec of runtimeImports(readFileSync(join(ROOT, file), "utf8"))) {
      if (!spec.startsWith(".")) continue; // a package
      const dep = relative(ROOT, resolve(dirname(join(ROOT, file)), spec)).split("\\").join("/");
      if (known.has(dep)) deps.push(dep);
      else if (dep.startsWith(`${dir}/`)) unresolved.push(`${file} imports "${spec}", which is not a .ts file under ${dir}/`);
    }
    graph.set(file, [...new Set(deps)]);
  }
  return { graph, unresolved };
}

/**
 * The import circles of a graph: one per strongly connected component (Tarjan), each given as
 * its shortest path from its first module (in sort order) back to itself, `a → b → a`, and the
 * other modules of the component when the path does not pass them all.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) components.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);

  return components
    .sort((a, b) => a[0]!.localeCompare(b[0]!))
    .map((component) => {
      const inside = new Set(component);
      const start = component[0]!;
      // Breadth first from start, inside the component, until an edge leads back to start.
      const from = new Map<string, string>();
      const queue = [start];
      let last: string | undefined;
      for (let i = 0; i < queue.length && last === undefined; i++) {
        const v = queue[i]!;
        for (const w of graph.get(v) ?? []) {
          if (w === start) {
            last = v;
            break;
          }
          if (inside.has(w) && !from.has(w)) {
            from.set(w, v);
            queue.push(w);
          }
        }
      }
      const path = [start];
      for (let v = last!; v !== start; v = from.get(v)!) path.splice(1, 0, v);
      const rest = component.filter((m) => !path.includes(m));
      return `${[...path, start].join(" → ")}${rest.length ? ` (the same circle also holds ${rest.join(", ")})` : ""}`;
    });
}

describe("the import scanner", () => {
  it("reads every form of static import and export, and leaves type-only ones out", () => {
    const text = [
      `import { a } from "./a.ts";`,
      `import b, { type B } from "./b.ts";`,
      `import * as c from "./c.ts";`,
      `import "./d.ts";`,
      `import {`,
      `  e,`,
      `  type E,`,
      `} from "./e.ts";`,
      `export * from "./f.ts";`,
      `export { g } from "./g.ts";`,
      `export * as h from "./h.ts";`,
      `import { type I } from "./i.ts";`,
      `import type { T } from "./type-only.ts";`,
      `export type { U } from "./type-only-export.ts";`,
      `import type {`,
      `  V,`,
      `} from "./type-only-multiline.ts";`,
      ` * import { doc } from "./in-a-comment.ts";`,
      // Written in two pieces so tests/tiers.ts does not take it for an import of this file.
      `const later = await ${"import"}("./dynamic.ts");`,
      `import { z } from "zod";`,
    ].join("\n");
    expect(runtimeImports(text)).toEqual(["./a.ts", "./b.ts", "./c.ts", "./d.ts", "./e.ts", "./f.ts", "./g.ts", "./h.ts", "./i.ts", "zod"]);
  });

  it("names each circle as a path back to its start, and finds none in a tree", () => {
    const graph = new Map([
      ["src/a.ts", ["src/b.ts"]],
      ["src/b.ts", ["src/a.ts", "src/c.ts"]],
      ["src/c.ts", ["src/d.ts"]],
      ["src/d.ts", ["src/e.ts"]],
      ["src/e.ts", ["src/c.ts", "src/f.ts"]],
      ["src/f.ts", ["src/e.ts"]],
      ["src/g.ts", ["src/g.ts"]],
      ["src/h.ts", ["src/a.ts"]],
    ]);
    expect(importCycles(graph)).toEqual([
      "src/a.ts → src/b.ts → src/a.ts",
      "src/c.ts → src/d.ts → src/e.ts → src/c.ts (the same circle also holds src/f.ts)",
      "src/g.ts → src/g.ts",
    ]);
    expect(importCycles(new Map([["src/a.ts", ["src/b.ts"]], ["src/b.ts", []]]))).toEqual([]);
  });
});

describe("src/", () => {
  const { graph, unresolved } = importGraph("src");

  it("has modules to check, and every relative import names a .ts file there", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it("has no import circle (type-only imports aside)", () => {
    const cycles = importCycles(graph);
    expect(cycles, `Import circles in src/ (break each: move what both sides need into a lower module, or import a type only):\n${cycles.map((c) => `  ${c}`).join("\n")}`).toEqual([]);
  });
});
