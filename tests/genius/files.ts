// File access for the GENIUS tests (shared/ stays free of I/O): the project root, the fixtures,
// and a folder's XML files as `{ name, xml }`.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeniusFile } from "../../shared/scenario/genius.ts";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const fixtureDir = join(projectRoot, "tests/fixtures/genius");
/** The ANAC 2010–2016 domains, outside the project tree (never copied into it). */
export const anacDir = resolve(projectRoot, "../shared/data/genius/anac");

export function readGeniusFile(path: string): GeniusFile {
  return { name: basename(path), xml: readFileSync(path, "utf8") };
}

/** A fixture by its path under tests/fixtures/genius, e.g. `basic/buyer.xml`. */
export function fixture(relative: string): GeniusFile {
  return readGeniusFile(join(fixtureDir, relative));
}

/** The `.xml` files of a folder, in natural order (util2 before util10). */
export function readGeniusFolder(dir: string): GeniusFile[] {
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith(".xml"))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((name) => readGeniusFile(join(dir, name)));
}
