import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import YAML from "yaml";
import { main } from "../../server/cli/main.ts";
import { fixtureData, fixturePath, projectRoot } from "../helpers/fixtures.ts";
import { writeFixtureFolder } from "../genius/fixtures.ts";

const run = promisify(execFile);

async function accord(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "accord", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The real command in its own process, as a user runs it. */
async function accordProcess(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", [join(projectRoot, "bin/accord.js"), ...args], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "accord-cli-"));
}

describe("accord scenario validate", () => {
  it("prints OK for valid scenarios and exits 0", async () => {
    const r = await accord("scenario", "validate", fixturePath("bilateral-test"), fixturePath("multilateral-test"));
    expect(r.code).toBe(0);
    expect(r.out).toBe("bilateral-test: OK\nmultilateral-test: OK");
  });

  it("prints each error with file and field, and exits 1", async () => {
    const dir = scratch();
    const data = fixtureData("bilateral-test");
    data.delegations[1]!.profile.weights = { notification: 0.2, funding: 0.43, scope: 0.3 };
    mkdirSync(join(dir, "broken"));
    writeFileSync(join(dir, "broken", "scenario.yaml"), YAML.stringify(data));
    const r = await accord("scenario", "validate", fixturePath("bilateral-test"), join(dir, "broken"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("bilateral-test: OK");
    expect(r.out).toMatch(/broken: 1 error\n {2}error: .*broken\/scenario\.yaml: delegations\[1\]\.profile\.weights: sum is 0\.93, must be 1/);
  });

  it("reports warnings but still exits 0", async () => {
    const dir = scratch();
    const data = fixtureData("multilateral-test");
    data.delegations[2]!.profile.reservationValue = 0.95;
    writeFileSync(join(dir, "scenario.yaml"), YAML.stringify(data));
    const r = await accord("scenario", "validate", dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^multilateral-test: OK with 1 warning\n {2}warning: .*beats every package/);
  });

  it("checks a scenario's translations: a key the original lacks fails with its file and line; what is untranslated is a warning", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "scenario.yaml"), YAML.stringify(fixtureData("multilateral-test")));
    writeFileSync(join(dir, "scenario.bn.yaml"), "title: আঞ্চলিক সাইবার রীতি\nissues:\n  language:\n    options:\n      binding: { label: বাধ্যতামূলক অঙ্গীকার }\n");
    const partial = await accord("scenario", "validate", dir);
    expect(partial.code).toBe(0);
    expect(partial.out).toMatch(/^multilateral-test: OK with 1 warning\n {2}warning: .*scenario\.bn\.yaml: \d+ texts left in English in bn: summary, delegations\.alpha\.name, /);
    const left = partial.out.split("left in English in bn: ")[1]!.trim().split(", ");
    expect(left).not.toContain("title");
    expect(left).not.toContain("issues.language.options.binding.label");
    expect(left).toContain("issues.language.options.voluntary.label");

    writeFileSync(join(dir, "scenario.bn.yaml"), "title: আঞ্চলিক সাইবার রীতি\nissues:\n  language:\n    options:\n      binding: { label: বাধ্যতামূলক অঙ্গীকার }\n      loose: { label: শিথিল }\n");
    const broken = await accord("scenario", "validate", dir);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^multilateral-test: 1 error\n {2}error: .*scenario\.bn\.yaml: line 6: issues\.language\.options\.loose: issue "language" has no option "loose" \(its options: binding, voluntary\)/);
  });

  it("names a missing file", async () => {
    const r = await accord("scenario", "validate", "no/such/place");
    expect(r.code).toBe(1);
    expect(r.out).toBe("no/such/place: 1 error\n  error: no/such/place: no such file");
  });
});

describe("accord scenario analyze", () => {
  it("prints a readable table", async () => {
    const r = await accord("scenario", "analyze", fixturePath("bilateral-test"));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Data-sharing pact \(test\)\n27 packages, \d+ on the Pareto frontier/);
    expect(r.out).toMatch(/Nash point/);
    expect(r.out).toMatch(/historical outcome/);
  });

  it("prints one JSON object with utilities in delegation order", async () => {
    const r = await accord("scenario", "analyze", fixturePath("bilateral-test"), "--json");
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.outcomes).toBe(27);
    expect(a.delegations).toEqual(["north", "south"]);
    expect(a.reservation).toEqual([0.35, 0.3]);
    expect(a.nash.package).toEqual(expect.objectContaining({ notification: expect.any(String) }));
    expect(a.nash.utilities).toHaveLength(2);
    for (const key of ["pareto", "kalaiSmorodinsky", "maxWelfare"]) expect(a).toHaveProperty(key);
  });

  it("refuses an unknown scenario id with one line", async () => {
    const r = await accord("scenario", "analyze", "atlantis-1999");
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^atlantis-1999: no such file, and no scenario with that id/);
  });
});

describe("bad arguments", () => {
  it("an unknown command, a missing argument or option: one line, non-zero exit, no stack trace", async () => {
    for (const args of [["scenario", "frobnicate"], ["scenario", "analyze"], ["genius", "import", "a.xml", "b.xml"], ["--nope"]]) {
      const r = await accord(...args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.err, args.join(" ")).toMatch(/^error: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it("the real process prints one line and exits non-zero, never a stack trace", async () => {
    const bad = await accordProcess("scenario", "analyze", "atlantis-1999");
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    const help = await accordProcess("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("scenario");
  });
});

describe("accord genius import", () => {
  it("writes a scenario folder that validates, from the project's own GENIUS fixture", async () => {
    const dir = join(scratch(), "out");
    const basic = writeFixtureFolder("basic", scratch());
    const r = await accord("genius", "import", "--out", dir, join(basic, "trade_domain.xml"), join(basic, "seller.xml"), join(basic, "buyer.xml"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "scenario.yaml"))).toBe(true);
    const v = await accord("scenario", "validate", dir);
    expect(v.code).toBe(0);
    const written = YAML.parse(readFileSync(join(dir, "scenario.yaml"), "utf8"));
    expect(written.delegations.map((d: { name: string }) => d.name)).toEqual([expect.stringMatching(/^seller/), expect.stringMatching(/^buyer/)]);
  });

  it("refuses a missing or non-GENIUS file with one line", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "notes.xml"), "this is not xml at all");
    const missing = await accord("genius", "import", "--out", dir, join(dir, "nope.xml"), join(dir, "notes.xml"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.xml: no such file$/);
    const garbage = await accord("genius", "import", "--out", dir, join(dir, "notes.xml"), join(dir, "notes.xml"), join(dir, "notes.xml"));
    expect(garbage.code).toBe(1);
    expect(garbage.err.split("\n")).toHaveLength(1);
    expect(garbage.err).toMatch(/^notes\.xml: /);
  });
});
