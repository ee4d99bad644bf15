// For the read tests: long ended tables written to the store as a room would (a scripted game,
// replayed by the server like any other), and the export build counter from /metrics.
import { randomBytes } from "node:crypto";
import { createGame } from "../../shared/rules/index.ts";
import { AS_FACILITATOR, Script } from "../../shared/rules/testing.ts";
import type { TestServer } from "../server/harness.ts";

/** An ended table of `statements` public statements (each naming its table), written to the store as a room would. */
export async function seedEndedTable(server: TestServer, label: string, statements: number): Promise<string> {
  const ctx = server.server.context;
  const scenario = ctx.catalog.get("bilateral-test")!;
  const id = `seed${randomBytes(8).toString("hex")}`;
  const script = new Script(createGame(scenario, 7));
  const actions: { seq: number; action: Script["log"][number] }[] = [];
  const log = (by: Parameters<Script["do"]>[0], body: Parameters<Script["do"]>[1]) => {
    script.do(by, body);
    actions.push({ seq: script.state.version, action: script.log.at(-1)! });
  };
  log(AS_FACILITATOR, { type: "start" });
  for (let i = 0; i < statements; i++) log(i % 2 === 0 ? "north" : "south", { type: "statement", text: `${label} says ${i}` });
  log(AS_FACILITATOR, { type: "end" });
  const now = new Date().toISOString();
  await ctx.store.insertMatch({
    id,
    scenario_id: scenario.id,
    scenario_json: JSON.stringify(scenario),
    seed: 7,
    options_json: "{}",
    join_code: randomBytes(6).toString("hex").toUpperCase(),
    facilitator_token_hash: randomBytes(32).toString("hex"),
    listed: 0,
    status: "ended",
    created_at: now,
    started_at: now,
    ended_at: now,
    outcome_json: null,
  });
  await Promise.all(actions.map((a) => ctx.store.appendEvent(id, a.seq, a.action)));
  return id;
}

/** accord_export_builds_total by `where` (thread, memory, main), from the server's /metrics. */
export async function builds(server: TestServer): Promise<{ thread: number; memory: number; main: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const out = { thread: 0, memory: 0, main: 0 };
  for (const m of text.matchAll(/^accord_export_builds_total\{([^}]*)\} (\d+)/gm)) {
    const where = /where="([a-z]+)"/.exec(m[1]!)![1]! as keyof typeof out;
    out[where] += Number(m[2]);
  }
  return out;
}
