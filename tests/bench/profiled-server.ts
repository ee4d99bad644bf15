// The game server as `npm start` runs it, plus a CPU profile of one window of its life: the first
// SIGUSR2 starts profiling, the second writes the profile to PROFILE_DIR. The load benchmark sends
// them around its measured window when LOAD_SERVER_PROFILE is set, so start-up and joins stay out.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

const dir = process.env.PROFILE_DIR || ".";
let session: Session | null = null;
const loop = monitorEventLoopDelay({ resolution: 5 });

await import("../../server/main.ts");
process.on("SIGUSR2", async () => {
  if (!session) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    loop.reset();
    loop.enable();
    return;
  }
  loop.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  process.stderr.write(`server event-loop delay: p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms\n`);
  const { profile } = await session.post("Profiler.stop");
  const file = join(dir, `server-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  process.stderr.write(`CPU profile written to ${file}\n`);
  session.disconnect();
  session = null;
});
