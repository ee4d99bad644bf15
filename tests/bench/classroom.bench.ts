// A large class on one process: N students join with the code at once, auto-assign seats them at
// tables of two, the preparation creates the tables, the negotiation starts them (bots keep the
// empty seats), and the class follows every table on the facilitator's dashboard. Prints the time
// of each step and what the class room sent (bytes) to the facilitator and to one student.
// `npm run bench -- classroom` (CLASS_STUDENTS, default 120).
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { startTestServer } from "../server/harness.ts";
import { ClassMember } from "../classroom/member.ts";

const STUDENTS = Number(process.env.CLASS_STUDENTS ?? 120);

const bytes = (m: ClassMember) => m.frames().reduce((n, f) => n + f.length, 0);
const ms = (t: number) => `${Math.round(t)} ms`;

export async function run(): Promise<void> {
  const t = await startTestServer({ maxMatches: 10_000, rateLimit: { burst: 1000, perSecond: 1000 } });
  try {
    const facilitator = await ClassMember.create(t.url, { scenario: "bilateral-test", layout: { kind: "per_table", people: 2 }, preparationMinutes: 30 });
    const welcome = await facilitator.waitFor(() => facilitator.welcome, "the welcome");
    let start = performance.now();
    const students = await Promise.all(Array.from({ length: STUDENTS }, (_, i) => ClassMember.join(t.url, welcome.sessionId, { code: welcome.code, name: `Student ${i + 1}` }, `s${i}`)));
    await facilitator.waitFor(() => facilitator.snapshot?.students.length === STUDENTS, "everyone in", 120_000);
    const joined = performance.now() - start;

    start = performance.now();
    const reply = await facilitator.request("auto_assign");
    if (!("ok" in reply)) throw new Error(`auto_assign: ${reply.message}`);
    await facilitator.waitFor(() => facilitator.snapshot?.students.every((s) => s.place), "everyone placed", 60_000);
    const assigned = performance.now() - start;

    start = performance.now();
    await facilitator.request("phase", { to: "preparation" });
    await Promise.all(students.map((s) => s.waitFor(() => s.seat, "a table", 120_000)));
    const prepared = performance.now() - start;
    const tables = facilitator.snapshot!.plannedTables;

    start = performance.now();
    await facilitator.request("phase", { to: "negotiation" });
    await facilitator.waitFor(() => facilitator.dashboard?.rows.length === tables && facilitator.dashboard.rows.every((r) => r.phase !== "waiting"), "every table started", 120_000);
    const started = performance.now() - start;

    console.log(`${STUDENTS} students, ${tables} tables of two (students placed; nobody sits down at a table, whose turns then wait)`);
    console.log(`  join (all at once) until the facilitator lists everyone: ${ms(joined)}`);
    console.log(`  auto-assign:                                           ${ms(assigned)}`);
    console.log(`  preparation: ${tables} tables created, every student told: ${ms(prepared)}`);
    console.log(`  negotiation: every table started, on the dashboard:    ${ms(started)}`);
    console.log(`  class room → facilitator: ${(bytes(facilitator) / 1024).toFixed(0)} kB; → one student: ${(bytes(students[0]!) / 1024).toFixed(1)} kB`);
    await Promise.all([facilitator, ...students].map((m) => m.leave()));
  } finally {
    await t.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
