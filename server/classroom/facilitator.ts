// What the facilitator may ask of the class (assign, auto_assign, phase, pause, resume, extend,
// inject, end, score, close), each checked against the rules in shared/classroom and answered with
// `{ ok: true }` or a refusal; and the class's move from phase to phase (asked for, or when the
// clock runs out). Changes are saved before they are answered; the room is told what to send.
import { autoAssign, checkPlace, placeLatecomer, type Place } from "../../shared/classroom/assign.ts";
import { advancePhase, extendPhase, pauseClock, resumeClock, type ClassPhase } from "../../shared/classroom/phases.ts";
import type { ClassRequestPayload, ClassRequestType } from "../../shared/classroom/protocol.ts";
import { checkScore, criteriaOf, scoreKey } from "../../shared/classroom/session.ts";
import type { Quotas } from "../http/quotas.ts";
import { log } from "../log.ts";
import { refusal } from "../requests/pipeline.ts";
import { assignments, plannedTables, removeStudent, samePlace, type ClassState } from "./state.ts";
import type { ClassStore } from "./store.ts";
import type { Reply, TableControl } from "./table-control.ts";

/** A facilitator's request with its decoded payload (sync is everyone's, answered by the room). */
export type FacilitatorRequest = { [T in Exclude<ClassRequestType, "sync">]: { type: T; value: ClassRequestPayload<T> } }[Exclude<ClassRequestType, "sync">];

/** What the class's requests need the room to do: tell students where they sit, tell everyone the class changed, close. */
export interface ClassOutbox {
  seatsChanged(studentIds: Iterable<string>): void;
  /** A student taken out of the class: close their connections, with a word why. */
  studentRemoved(studentId: string): void;
  /** The class has a new code: the facilitators' welcome again (it carries the code). */
  codeChanged(): void;
  classChanged(): void;
  close(): void;
}

export class FacilitatorDesk {
  constructor(
    private readonly state: ClassState,
    private readonly store: ClassStore,
    private readonly control: TableControl,
    /** Each table's phase as the class last saw it. */
    private readonly tablePhases: () => (string | undefined)[],
    private readonly quotas: Quotas,
    /** Who created the session (its address, whether it showed the host key): its tables' bot work is charged to them; null when not charged. */
    private readonly creator: { address: string; hostKeyShown: boolean } | null,
    private readonly outbox: ClassOutbox,
    /** A class code nobody holds (sessions.ts `freshClassCode`). */
    private readonly freshCode: () => Promise<string>,
  ) {}

  request(r: FacilitatorRequest): Promise<Reply> {
    const s = this.state;
    switch (r.type) {
      case "assign":
        return this.assign(r.value);
      case "remove_student":
        return this.removeStudent(r.value.student);
      case "new_code":
        return this.newCode();
      case "auto_assign":
        return this.autoAssign();
      case "phase":
        return this.moveTo(r.value.to);
      case "pause":
      case "resume":
        return this.pause(r.type, r.value.table);
      case "extend":
        return this.extend(r.value);
      case "inject": {
        const v = r.value;
        if (!s.scenario.injects.some((i) => i.id === v.injectId)) {
          return Promise.resolve(refusal("not_found", `inject: no inject '${v.injectId}' in ${s.scenario.id} (${s.scenario.injects.map((i) => i.id).join(", ") || "none"})`));
        }
        return this.control.toTables("fire_inject", { injectId: v.injectId }, v.table);
      }
      case "end": {
        const v = r.value;
        if (s.phaseClock.phase !== "negotiation") return Promise.resolve(refusal("bad_phase", `end: tables end during the negotiation (the class is in ${s.phaseClock.phase})`));
        if (this.tablePhases()[v.table - 1] === "ended") return Promise.resolve(refusal("bad_phase", `end: table ${v.table} has already ended`));
        return this.control.toTables("end", {}, v.table);
      }
      case "score":
        return this.score(r.value);
      case "close":
        return this.close();
    }
  }

  /** Record new places and tell the students concerned where to go. */
  async place(changes: { id: string; place: Place | null }[]): Promise<void> {
    await this.store.savePlaces(this.state.sessionId, changes);
    for (const c of changes) this.state.students.get(c.id)!.place = c.place;
    this.outbox.seatsChanged(changes.map((c) => c.id));
  }

  /** A student who joins once the tables exist takes the first place left (a seat a bot keeps, or a team place). */
  async placeLatecomer(studentId: string): Promise<void> {
    const s = this.state;
    if (s.tables === 0 || s.phaseClock.phase === "debrief") return;
    const place = placeLatecomer(s.options, s.seats, s.tables, assignments(s));
    if (place) await this.place([{ id: studentId, place }]);
  }

  private async assign(v: ClassRequestPayload<"assign">): Promise<Reply> {
    const s = this.state;
    const student = s.students.get(v.student);
    if (!student) return refusal("not_found", `assign: no student '${v.student}' in this class`);
    if (s.phaseClock.phase === "debrief") return refusal("bad_phase", "assign: the class is in its debrief");
    if (v.table === null || v.delegation === null) {
      await this.place([{ id: student.id, place: null }]);
      return { ok: true };
    }
    const place = { table: v.table, delegation: v.delegation };
    const problem = checkPlace(student.id, place, s.options, s.seats, plannedTables(s), assignments(s));
    if (problem) return refusal("bad_request", problem);
    await this.place([{ id: student.id, place }]);
    return { ok: true };
  }

  private async newCode(): Promise<Reply> {
    const s = this.state;
    if (s.closed) return refusal("bad_phase", "new_code: the class is closed");
    const code = await this.freshCode();
    await this.store.setCode(s.sessionId, code);
    s.code = code;
    this.outbox.codeChanged();
    return { ok: true };
  }

  private async removeStudent(id: string): Promise<Reply> {
    const s = this.state;
    const student = s.students.get(id);
    if (!student) return refusal("not_found", `remove_student: no student '${id}' in this class`);
    await this.store.deleteStudent(s.sessionId, id);
    removeStudent(s, student);
    this.outbox.studentRemoved(id);
    this.outbox.classChanged();
    return { ok: true };
  }

  private async autoAssign(): Promise<Reply> {
    const s = this.state;
    if (s.phaseClock.phase === "debrief") return refusal("bad_phase", "auto_assign: the class is in its debrief");
    const ids = [...s.students.values()].map((st) => st.id);
    // Before the tables exist everyone may move; afterwards only those still waiting are placed.
    const keep = s.tables > 0 ? assignments(s) : {};
    const { assignments: placed, unplaced } = autoAssign(ids, s.options, s.seats, plannedTables(s), keep);
    const changes = ids.filter((id) => !samePlace(s.students.get(id)!.place, placed[id] ?? null)).map((id) => ({ id, place: placed[id] ?? null }));
    await this.place(changes);
    if (unplaced.length > 0) return refusal("class_full", `auto_assign: ${unplaced.length} student(s) could not be placed: every place at the ${plannedTables(s)} table(s) is taken`);
    return { ok: true };
  }

  /** Move the class on: the tables are created with the preparation, started with the negotiation, ended for the debrief. */
  async moveTo(to: ClassPhase): Promise<Reply> {
    const s = this.state;
    const result = advancePhase(s.phaseClock, to, s.options, Date.now());
    if (!result.ok) return refusal(result.code, result.message);
    if (s.tables === 0) {
      // The tables' bot work (tables × rounds) counts against the creator's quota (server/http/quotas.ts).
      const planned = plannedTables(s);
      const work = planned * (s.options.rounds ?? s.scenario.deadline.rounds);
      const refused = this.creator ? this.quotas.takeBotRounds(this.creator.address, this.creator.hostKeyShown, work) : null;
      if (refused) return refusal("rate_limited", `${to}: ${refused.message}`);
      try {
        await this.control.create();
      } catch (e) {
        // The server refusing tables for now (at its table limit, or keeping its last places for
        // tables people play) is said to the facilitator, not logged as a fault.
        const named = /^(reserved_for_people|too_many_matches): /.exec(e instanceof Error ? e.message : "");
        if (!named) throw e;
        log.warn("class tables refused by the server for now", { sessionId: s.sessionId, reason: named[1], created: s.tables, planned });
        const why = named[1] === "reserved_for_people" ? "its last places are kept for tables people play, and these tables are played by bots only" : "it runs as many tables as it may";
        const next = s.tables === 0 ? "try again in a few minutes" : `${s.tables} of ${planned} tables are open; asking again goes on with those`;
        return refusal("table_refused", `${to}: the server cannot open the class's tables now (${why}); ${next}`);
      }
      // Every student placed so far learns their table and its code.
      this.outbox.seatsChanged(s.students.keys());
    }
    if (to === "negotiation") await this.control.start();
    if (to === "debrief") await this.control.toTables("end", {});
    s.phaseClock = result.clock;
    await this.store.saveClock(s.sessionId, s.phaseClock);
    log.info("class phase", { sessionId: s.sessionId, phase: to });
    this.outbox.classChanged();
    return { ok: true };
  }

  private async pause(type: "pause" | "resume", table?: number): Promise<Reply> {
    const s = this.state;
    const preparing = s.phaseClock.phase === "preparation" && table === undefined;
    if (s.phaseClock.phase !== "negotiation" && !preparing) {
      return refusal("bad_phase", `${type}: the tables run only during the negotiation (the class is in ${s.phaseClock.phase}); the preparation's clock can be paused as a whole`);
    }
    // During the preparation only the class's clock stops: the tables have not started.
    const reply: Reply = preparing ? { ok: true } : await this.control.toTables(type, {}, table);
    if (table === undefined) {
      s.phaseClock = type === "pause" ? pauseClock(s.phaseClock, Date.now()) : resumeClock(s.phaseClock, Date.now());
      await this.store.saveClock(s.sessionId, s.phaseClock);
    }
    return reply;
  }

  private async extend(v: ClassRequestPayload<"extend">): Promise<Reply> {
    const s = this.state;
    if (v.minutes !== undefined) {
      const result = extendPhase(s.phaseClock, v.minutes, Date.now());
      if (!result.ok) return refusal(result.code, result.message);
      s.phaseClock = result.clock;
      await this.store.saveClock(s.sessionId, s.phaseClock);
    }
    if (v.rounds !== undefined) return this.control.toTables("extend", { rounds: v.rounds }, v.table);
    return { ok: true };
  }

  private async score(v: ClassRequestPayload<"score">): Promise<Reply> {
    const s = this.state;
    const problem = checkScore(v, Math.max(plannedTables(s), 1), s.scenario.delegations.map((d) => d.id), criteriaOf(s.options));
    if (problem) return refusal("bad_request", problem);
    await this.store.setScore(s.sessionId, v.table, v.delegation, v.criterion, v.score);
    const key = scoreKey(v.table, v.delegation, v.criterion);
    if (v.score === null) delete s.scores[key];
    else s.scores[key] = v.score;
    return { ok: true };
  }

  private async close(): Promise<Reply> {
    this.state.closed = true;
    await this.store.close(this.state.sessionId);
    this.outbox.close();
    return { ok: true };
  }
}
