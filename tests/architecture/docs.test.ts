// docs/ARCHITECTURE.md stays true to the tree: every repository path it writes in backticks
// (`server/table/master.ts`, `shared/i18n/`, or one relative to server/ such as `table/outbox.ts`)
// exists, its tree names every source folder, and every file its tree lists is in that folder. A file that moves or goes fails here, naming
// the path and the line of the page that still mentions it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const PAGE = "docs/ARCHITECTURE.md";
const text = fs.readFileSync(path.join(root, PAGE), "utf8");
const lines = text.split("\n");

/** Paths that name the repository from its root. */
const ROOTED = /^(server|shared|client|tests|bin|scenarios|docs|deploy)\//;
/** Paths written relative to server/ (or shared/, client/) in the server's sections: `table/master.ts`. */
const RELATIVE = /^[a-z][a-z-]*\/[A-Za-z0-9_./-]*$/;

interface Mention {
  path: string;
  line: number;
}

/** Every inline code span of the page outside the fenced tree, with its line number. */
function codeSpans(): Mention[] {
  const out: Mention[] = [];
  let fenced = false;
  lines.forEach((line, i) => {
    if (line.startsWith("```")) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    for (const m of line.matchAll(/`([^`\s]+)`/g)) out.push({ path: m[1]!, line: i + 1 });
  });
  return out;
}

/** A span that is a path, not a placeholder or a glob: `scenarios/<id>/…` and `tests/**` are not checked. */
function isConcretePath(span: string): boolean {
  return !/[<>*{}…:]/.test(span) && !span.startsWith("/");
}

function exists(rel: string): boolean {
  return fs.existsSync(path.join(root, rel.replace(/\/$/, "")));
}

/** Whether a file of this name is somewhere under `folder`. */
function under(folder: string, name: string): boolean {
  for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    if (entry.isDirectory() ? under(`${folder}/${entry.name}`, name) : entry.name === name) return true;
  }
  return false;
}

/** The source folders under a folder (recursively), relative to the root; built output and dependencies left out. */
function folders(folder: string, depth: number): string[] {
  if (depth === 0) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === "node_modules" || entry.name === "dist") continue;
    const rel = `${folder}/${entry.name}`;
    out.push(rel, ...folders(rel, depth - 1));
  }
  return out;
}

describe(PAGE, () => {
  it("names only repository paths that exist", () => {
    const spans = codeSpans().filter((m) => isConcretePath(m.path));
    const rooted = spans.filter((m) => ROOTED.test(m.path));
    const relative = spans.filter((m) => !ROOTED.test(m.path) && RELATIVE.test(m.path) && /\.(ts|mjs|js|cjs)$|\/$/.test(m.path));
    // The page does name paths: an extraction that finds nothing would make this test pass vacuously.
    expect(rooted.length).toBeGreaterThan(20);
    expect(relative.length).toBeGreaterThan(10);
    const missing = [
      ...rooted.filter((m) => !exists(m.path)),
      ...relative.filter((m) => !["server", "shared", "client"].some((base) => exists(`${base}/${m.path}`))),
    ].map((m) => `${PAGE}:${m.line}: \`${m.path}\` does not exist`);
    expect(missing).toEqual([]);
  });

  const start = lines.findIndex((l) => l === "## The tree");
  const open = lines.findIndex((l, i) => i > start && l.startsWith("```"));
  const close = lines.findIndex((l, i) => i > open && l.startsWith("```"));

  it("lists in its tree only files that are in the folder they are listed under", () => {
    expect(start).toBeGreaterThan(-1);
    expect(close).toBeGreaterThan(open);
    // A line starting at an even indent no deeper than the current folder is an entry: a folder
    // (`  table/`) opens a level, a file (`  csv.ts`) closes the deeper ones; the rest is description.
    let folder: string[] = [];
    const wrong: string[] = [];
    let named = 0;
    for (let i = open + 1; i < close; i++) {
      const line = lines[i]!;
      const indent = line.length - line.trimStart().length;
      const level = indent / 2;
      if (Number.isInteger(level) && level <= folder.length) {
        const entry = /^\s*([\w.-]+)(\/)?/.exec(line);
        if (entry?.[2]) folder = [...folder.slice(0, level), entry[1]!];
        else if (entry) folder = folder.slice(0, level);
      }
      const here = folder.length > 0 ? folder.join("/") : ".";
      for (const m of line.matchAll(/(?<![\w/.<>-])((?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|js|mjs|cjs|yaml|md|sh|conf))\b/g)) {
        const file = m[1]!;
        named++;
        const found = file.includes("/")
          ? [file, `${here}/${file}`, `server/${file}`].some(exists)
          : here !== "." && under(here, file);
        if (!found) wrong.push(`${PAGE}:${i + 1}: ${file} is not under ${here}/`);
      }
    }
    expect(named).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it("shows every source folder in its tree", () => {
    expect(start).toBeGreaterThan(-1);
    expect(close).toBeGreaterThan(open);
    const tree = lines.slice(open + 1, close).join("\n");
    // The top folders and their children are entries of their own (a line starting with the name);
    // deeper folders and tests/'s may be named inside a line (`catalog/en/`, `architecture/`).
    const entries = new Set(tree.split("\n").map((l) => /^\s*([A-Za-z0-9_.-]+)\//.exec(l)?.[1]).filter((n) => n !== undefined));
    const tops = ["shared", "server", "client", "tests", "bin", "scenarios", "docs", "deploy"];
    const children = ["shared", "server", "client"].flatMap((f) => folders(f, 1));
    const deeper = [...["shared", "server", "client"].flatMap((f) => folders(f, 3)).filter((f) => !children.includes(f)), ...folders("tests", 1)];
    const absent = [
      ...[...tops, ...children].filter((folder) => !entries.has(path.basename(folder))),
      ...deeper.filter((folder) => !tree.includes(`${path.basename(folder)}/`)),
    ].map((folder) => `${folder}/ is not in the tree of ${PAGE}`);
    expect(absent).toEqual([]);
  });
});
