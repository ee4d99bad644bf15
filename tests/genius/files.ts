// File access for the GENIUS tests (shared/ stays free of I/O): the project root, the ANAC data
// (outside the project), and a folder's XML files as `{ name, xml }`. The importer's own small
// inputs are written by code (fixtures.ts).
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeniusFile } from "../../shared/scenario/genius.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The ANAC 2010–2016 domains, outside the project tree (never copied into it). */
export const anacDir = resolve(projectRoot, "../shared/data/genius/anac");

export function readGeniusFile(path: string): GeniusFile {
  return { name: basename(path), xml: readFileSync(path, "utf8") };
}

/** The `.xml` files of a folder, in natural order (util2 before util10). */
export function readGeniusFolder(dir: string): GeniusFile[] {
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith(".xml"))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((name) => readGeniusFile(join(dir, name)));
}
