// What the class knows of its tables: each table's game and seating, wherever it runs (in this
// process, in another through server/tables.ts, or ended and read back from the store), and what
// the facilitator's dashboard and the students' debrief are built from. It reads; it never
// controls a table (table-control.ts does).
import type { ClassDashboard, ClassDebrief } from "../../shared/classroom/protocol.ts";
import { tableRow } from "../../shared/classroom/report.ts";
import type { GameState } from "../../shared/rules/types.ts";
import { replayMatch } from "../db/replay.ts";
import type { MatchStore } from "../db/store.ts";
import { log } from "../log.ts";
import type { Seating, TableAccess, TableLook } from "../tables.ts";
import type { ClassState } from "./state.ts";

export class TableMonitor {
  /** Tables running in another process: their last known state and seating. */
  private readonly remote = new Map<number, TableLook>();
  /**
   * Tables whose talks have ended, as they ended: an ended table's room closes once nobody is
   * connected, and the class still shows it (read back from the store after a restart).
   */
  private readonly finished = new Map<number, TableLook>();
  /** Per table: how many moves the class last saw there, and when that count last changed (the dashboard's "stalled"). */
  private readonly lastMoves = new Map<number, { moves: number; phase: string; at: number }>();

  constructor(
    private readonly tables: TableAccess,
    private readonly store: MatchStore,
    private readonly state: ClassState,
  ) {}

  /** A table's game and seating as far as this process knows them (undefined: not running anywhere it can see). */
  private lookAt(table: number): TableLook | undefined {
    const id = this.state.matches.get(table);
    const live = id ? this.tables.local(id) : undefined;
    if (live) return { game: live.game(), seating: live.seating() };
    return this.remote.get(table) ?? this.finished.get(table);
  }

  gameOf(table: number): GameState | null {
    return this.lookAt(table)?.game ?? null;
  }

  /** Each table's phase, as far as this process knows (undefined: not running anywhere it can see). */
  phases(): (string | undefined)[] {
    return Array.from({ length: this.state.tables }, (_, i) => this.lookAt(i + 1)?.game.phase);
  }

  /** Every table's phase and outcome, for the debrief. */
  debriefTables(): ClassDebrief["tables"] {
    const tables: ClassDebrief["tables"] = [];
    for (let t = 1; t <= this.state.tables; t++) {
      const game = this.gameOf(t);
      tables.push({ table: t, phase: game?.phase ?? "missing", outcome: game?.phase === "ended" ? game.outcome : null });
    }
    return tables;
  }

  dashboard(): ClassDashboard {
    const rows = [];
    const students = [...this.state.students.values()];
    for (let t = 1; t <= this.state.tables; t++) {
      const look = this.lookAt(t);
      const studentsAt = (delegation: string) => students.filter((s) => s.place?.table === t && s.place.delegation === delegation).map((s) => s.name);
      const game = look?.game ?? null;
      const seating: Seating = look?.seating ?? [];
      rows.push(tableRow(t, this.state.matches.get(t) ?? "", game, seating, studentsAt, game ? this.lastMoveAt(t, game) : null));
    }
    return { rows, scores: { ...this.state.scores }, codes: Object.fromEntries(this.state.tableCodes) };
  }

  /** When the table last moved (or changed phase), as the class has seen it. */
  private lastMoveAt(table: number, game: GameState): number | null {
    if (game.phase === "waiting") return null;
    const seen = this.lastMoves.get(table);
    if (!seen || seen.moves !== game.moves.length || seen.phase !== game.phase) {
      const at = Date.now();
      this.lastMoves.set(table, { moves: game.moves.length, phase: game.phase, at });
      return at;
    }
    return seen.at;
  }

  /** Look again at the tables this process does not run (a remote call each), and keep the ended ones. */
  async refresh(): Promise<void> {
    for (let t = 1; t <= this.state.tables; t++) {
      const matchId = this.state.matches.get(t)!;
      const live = this.tables.local(matchId);
      if (live) {
        this.remote.delete(t);
        if (live.game().phase === "ended" && !this.finished.has(t)) this.finished.set(t, { game: live.game(), seating: live.seating() });
        continue;
      }
      if (this.finished.has(t)) {
        this.remote.delete(t);
        continue;
      }
      const look = await this.tables.look(matchId);
      if (look) {
        this.remote.set(t, look);
        if (look.game.phase === "ended") this.finished.set(t, look);
        continue;
      }
      // Not running anywhere: ended (its room closed), or its process stopped (restored when next
      // called for; "missing" until then).
      this.remote.delete(t);
      const ended = await this.endedFromStore(matchId).catch((e: unknown) => {
        log.warn("class: could not read an ended table back from the store", { sessionId: this.state.sessionId, matchId, error: e });
        return null;
      });
      if (ended) this.finished.set(t, ended);
    }
  }

  /** An ended table as the store holds it: its game replayed from the log, its seating from the seats. */
  private async endedFromStore(matchId: string): Promise<TableLook | null> {
    const stored = await this.store.loadMatch(matchId);
    if (!stored || stored.match.status !== "ended") return null;
    const game = replayMatch(stored);
    const seating = game.order.map((id) => {
      const bot = stored.seats.find((r) => r.kind === "bot" && r.delegation === id && Number(r.active) === 1);
      const members = stored.seats.filter((r) => r.kind === "person" && r.delegation === id).length;
      return { id, control: bot ? "bot" : "people", strategy: bot?.strategy ?? "", connected: 0, members };
    });
    return { game, seating };
  }
}
