// The class's hand on its tables: it creates them as `negotiation` tables the server adopts (so no
// student becomes their facilitator), puts bots in the seats nobody will take, starts them, and
// passes the facilitator's controls on to one table or every one. Every call goes through
// server/tables.ts, wherever the table runs.
import { studentDelegations } from "../../shared/classroom/session.ts";
import type { ClassRefusal } from "../../shared/classroom/protocol.ts";
import type { CreateOptionsInput, FacilitatorActionType } from "../../shared/protocol/index.ts";
import { isRefusal, refusal, type Refusal } from "../requests/pipeline.ts";
import { log } from "../log.ts";
import { TableUnreachable, type TableAccess } from "../tables.ts";
import { assignments, plannedTables, type ClassState } from "./state.ts";
import type { ClassStore } from "./store.ts";

export type Reply = { ok: true } | ClassRefusal;

export class TableControl {
  constructor(
    private readonly tables: TableAccess,
    private readonly store: ClassStore,
    private readonly state: ClassState,
    /** Each table's phase as the class last saw it (monitor.ts). */
    private readonly phases: () => (string | undefined)[],
  ) {}

  /** Create the tables still missing (all of them, or those a refusal left out before). */
  async create(): Promise<void> {
    const s = this.state;
    const count = plannedTables(s);
    const seats: CreateOptionsInput["seats"] = {};
    for (const [d, strategy] of Object.entries(s.options.bots)) seats[d] = { kind: "bot", strategy };
    for (let t = s.tables + 1; t <= count; t++) {
      const options: CreateOptionsInput = {
        scenario: s.scenario.id,
        seats,
        startWhen: "facilitator",
        botTakeover: true,
        takeoverStrategy: s.options.fillStrategy,
        coach: s.options.coach,
        ...(s.options.secondsPerTurn !== undefined ? { secondsPerTurn: s.options.secondsPerTurn } : {}),
      };
      const matchId = await this.tables.create(options);
      const adopted = await this.tables.adopt(matchId, "class");
      if (!adopted) throw new Error(`table ${t}: the new table could not be adopted`);
      s.matches.set(t, matchId);
      s.tableCodes.set(t, adopted.joinCode);
      s.tables = t;
      await this.store.addTable(s.sessionId, t, matchId);
    }
    log.info("class tables created", { sessionId: s.sessionId, tables: count });
  }

  /** The negotiation begins: bots for the places nobody took (when the class fills with bots), extra rounds, start. */
  async start(): Promise<void> {
    const s = this.state;
    const rounds = s.options.rounds !== undefined ? s.options.rounds - s.scenario.deadline.rounds : 0;
    const assigned = assignments(s);
    for (let t = 1; t <= s.tables; t++) {
      if (s.options.fillWithBots) {
        for (const d of studentDelegations(s.options, s.seats)) {
          if (!Object.values(assigned).some((p) => p.table === t && p.delegation === d.id)) await this.call(t, (id) => this.tables.standIn(id, d.id));
        }
      }
      if (rounds > 0) await this.call(t, (id) => this.tables.facilitate(id, "extend", { rounds }));
      await this.call(t, (id) => this.tables.facilitate(id, "start", {}));
    }
  }

  /** Students seated by the class who never came to their table: a bot keeps their delegation until they do. */
  async standInForAbsent(): Promise<void> {
    const s = this.state;
    for (let t = 1; t <= s.tables; t++) {
      for (const d of studentDelegations(s.options, s.seats)) {
        const reply = await this.call(t, (id) => this.tables.standIn(id, d.id));
        if ("code" in reply && reply.code === "not_found") log.warn("class stand-in: table not reachable", { sessionId: s.sessionId, table: t, message: reply.message });
      }
    }
  }

  /** A facilitator control at every table (no `table`) or one; refusals are gathered into one message. */
  async toTables(type: FacilitatorActionType, payload: Record<string, unknown>, table?: number): Promise<Reply> {
    const s = this.state;
    if (s.tables === 0) return refusal("bad_phase", `${type}: the class has no tables yet; start the preparation first`);
    if (table !== undefined && table > s.tables) return refusal("not_found", `${type}: field 'table' must be at most ${s.tables}`);
    const targets = table !== undefined ? [table] : Array.from({ length: s.tables }, (_, i) => i + 1);
    const refused: string[] = [];
    const phases = this.phases();
    for (const t of targets) {
      // "Every table" means every table it applies to: ending skips the ended ones, pausing the ones
      // not running, resuming the ones not paused.
      const phase = phases[t - 1];
      if (table === undefined && ((type === "end" && phase === "ended") || (type === "pause" && phase !== "running") || (type === "resume" && phase !== "paused"))) continue;
      const reply = await this.call(t, (id) => this.tables.facilitate(id, type, payload));
      if ("code" in reply) refused.push(`table ${t}: ${reply.message}`);
    }
    return refused.length > 0 ? refusal("table_refused", refused.join("; ")) : { ok: true };
  }

  /** One call to table `table`; a table that runs nowhere is answered as `not_found` (the class says which). */
  private async call(table: number, run: (matchId: string) => Promise<object>): Promise<{ ok: true } | Refusal> {
    const matchId = this.state.matches.get(table);
    if (!matchId) return refusal("not_found", `no table ${table}`);
    try {
      const reply = await run(matchId);
      return isRefusal(reply) ? reply : { ok: true };
    } catch (e) {
      // TableUnreachable says which table and why; anything else is the call failing on its way.
      return refusal("not_found", e instanceof TableUnreachable ? e.message : `table ${table} is not running (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}
