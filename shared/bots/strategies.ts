// The strategies: time-dependent concession (Hardliner, Boulware, Linear, Conceder), relative
// tit-for-tat, random (a legal-move baseline for tests and fuzzing) and the Diplomat.
import { BotBase, type BotOptions, type Decision, type Situation } from "./bot.ts";
import { OpponentModel, OthersModel, predictedUtilityOf } from "./opponent.ts";
import { crossesRedLine, digitsOf, EPS, positionFor, utilityAt, type OwnSpace } from "./space.ts";

/**
 * GENIUS's TimeDependent_Offering with k = 0: target(t) = Pmin + (Pmax − Pmin)·(1 − t^(1/e)),
 * Pmin the reservation value, Pmax the best signable utility. e = 0 never concedes.
 */
export function timeDependentTarget(space: OwnSpace, t: number, e: number): number {
  const pMax = space.best;
  const pMin = space.reservation;
  if (!(pMax > pMin)) return pMax;
  const f = e <= 0 ? 0 : Math.pow(t, 1 / e);
  return pMin + (pMax - pMin) * (1 - f);
}

export class TimeDependentBot extends BotBase {
  constructor(
    options: BotOptions,
    readonly strategy: string,
    /** The concession exponent: 0 Hardliner, < 1 Boulware, 1 Linear, > 1 Conceder. */
    readonly e: number,
  ) {
    super(options);
    // The Hardliner is the textbook baseline that never gives ground, not even at the deadline.
    this.deadlineAcceptance = e > 0;
  }

  protected target(s: Situation): number {
    return timeDependentTarget(s.space, s.t, this.e);
  }

  /** What it has seen the others table and vote for: it picks among texts of equal value to itself. */
  private readonly others = new OthersModel();

  protected override observeProposal(by: string, index: number, own: boolean): void {
    if (!own && this.space) this.others.proposed(this.space, by, index);
  }

  protected override observeAnswer(by: string, index: number, accept: boolean): void {
    if (this.space) this.others.answered(this.space, by, index, accept);
  }

  /**
   * How far it concedes is the exponent's alone (`target`); which text it tables at that level is
   * the opponent model's: among the packages worth target to target + 0.02 to itself, the one the
   * others it has seen move are predicted to like best (`OthersModel.pick`). Without observations,
   * the least good package at or above the target, as before. The Hardliner's target is its best,
   * so it picks only among its equally best packages. Only at a multilateral table, where one
   * text must win several votes (and under a chair only the chair's texts are voted on); bilateral
   * talks keep the textbook GENIUS baseline that the Diplomat is measured against.
   */
  protected override offer(s: Situation, target: number): number {
    if (!s.multilateral || s.space.order.length === 0) return super.offer(s, target);
    return this.others.pick(s.space, target, positionFor(s.space, target));
  }
}

/**
 * Relative tit-for-tat: concede, on its own utility scale, as much as the others conceded since
 * its last decision (how much better for this bot their latest proposals are than their previous
 * ones). It opens at its best package and makes one small opening concession, so that two
 * tit-for-tat bots do not stare at each other until the deadline.
 *
 * As the chair of a multilateral table it alone tables texts: the others only vote, so there is
 * no proposal to mirror. It then concedes with the clock as Linear does, as the imitative tactics
 * of Faratin, Sierra and Jennings (1998) are mixed with a time-dependent one: with nothing to
 * imitate, the time-dependent part decides. (Before, a tit-for-tat chair never moved from its best
 * text: a table it chaired agreed only if that text already suited every required delegation.)
 */
export class TitForTatBot extends BotBase {
  readonly strategy = "tit-for-tat";
  /** The share of its range conceded once, after the others' first proposal. */
  static readonly OPENING = 0.05;
  private level = NaN;
  private opened = false;
  private readonly lastByOther = new Map<string, number>();
  private concessions: number[] = [];

  protected override profileChanged(space: OwnSpace): void {
    // An inject changed our profile: keep the level, within the new range.
    if (!Number.isNaN(this.level)) this.level = Math.max(space.reservation, Math.min(this.level, space.best));
  }

  /** What it has seen the others table and vote for: it picks among texts of equal value to itself. */
  private readonly others = new OthersModel();

  protected override observeProposal(by: string, index: number, own: boolean): void {
    if (own || !this.space) return;
    this.others.proposed(this.space, by, index);
    this.offered(by, index);
  }

  /** As the time-dependent bots: the level is tit-for-tat's, the text among equals the model's. */
  protected override offer(s: Situation, target: number): number {
    if (!s.multilateral || s.space.order.length === 0) return super.offer(s, target);
    return this.others.pick(s.space, target, positionFor(s.space, target));
  }

  /**
   * A vote for a package says "I would sign this" as plainly as tabling it: in a multilateral
   * game, where each delegation tables a text once or twice at most (or never, under a chair), the
   * votes are most of what the others do. A delegation that votes for a package better for us than
   * what it last tabled or voted for has come towards us, and we mirror that.
   */
  protected override observeAnswer(by: string, index: number, accept: boolean): void {
    if (!this.space) return;
    this.others.answered(this.space, by, index, accept);
    if (accept) this.offered(by, index);
  }

  private offered(by: string, index: number): void {
    const space = this.space!;
    const previous = this.lastByOther.get(by);
    if (previous !== undefined) this.concessions.push(utilityAt(space, index) - utilityAt(space, previous));
    else if (!this.opened) this.concessions.push(NaN); // the others' first offer: our opening step
    this.lastByOther.set(by, index);
  }

  /** The concession exponent it uses as a chair, when nobody else tables anything (Linear's). */
  static readonly E_CHAIR = 1;

  protected target(s: Situation): number {
    const { best, reservation } = s.space;
    if (s.multilateral && s.view.scenario.chair === s.me) return timeDependentTarget(s.space, s.t, TitForTatBot.E_CHAIR);
    if (Number.isNaN(this.level)) this.level = best;
    if (this.concessions.length > 0) {
      let sum = 0;
      let n = 0;
      let opening = false;
      for (const c of this.concessions) {
        if (Number.isNaN(c)) opening = true;
        else {
          sum += c;
          n++;
        }
      }
      let step = n > 0 ? Math.max(0, sum / n) : 0;
      if (opening && !this.opened) {
        step += TitForTatBot.OPENING * Math.max(0, best - reservation);
        this.opened = true;
      }
      this.level = Math.max(reservation, this.level - step);
      this.concessions = [];
    }
    return this.level;
  }
}

/** Random but always legal: a baseline and a fuzzer. It walks away rarely, so most games run their course. */
export class RandomBot extends BotBase {
  readonly strategy = "random";
  static readonly WALK_AWAY = 0.01;

  protected target(s: Situation): number {
    return s.space.reservation;
  }

  private randomPackage(s: Situation): number {
    const order = s.space.order;
    return order.length === 0 ? -1 : order[Math.floor(this.random() * order.length)]!;
  }

  protected override decide(s: Situation): Decision {
    const r = this.random();
    const signable = s.table >= 0 && !crossesRedLine(s.space, s.table);
    if (s.multilateral) {
      if (s.view.stage === "voting") return { type: "vote", accept: signable && r < 0.5 };
      const index = r < 0.85 ? this.randomPackage(s) : -1;
      return index < 0 ? { type: "pass" } : { type: "propose", index };
    }
    if (r < RandomBot.WALK_AWAY) return { type: "walk_away" };
    const table = s.view.table;
    if (table && table.proposer !== s.me) {
      const x = this.random();
      if (x < 0.35 && signable) return { type: "accept" };
      if (x < 0.7) {
        const index = this.randomPackage(s);
        if (index >= 0) return { type: "counter", index };
      }
      if (x < 0.85) return { type: "reject" };
      return { type: "pass" };
    }
    const index = this.random() < 0.85 ? this.randomPackage(s) : -1;
    return index < 0 ? { type: "pass" } : { type: "propose", index };
  }
}

/**
 * The Diplomat: concedes over time a little more slowly than Linear (e = 0.8; multilateral 1), but among the
 * packages at or above its target it tables the one the others are predicted to like most (a
 * frequency model per delegation), so it finds the trades where each side gives what it values
 * least. In a multilateral vote it aims at the delegations a deal needs: every required one, then
 * enough of the rest to reach the quorum. Bilaterally, once the best offer it has received reaches
 * its target, it tables that offer back.
 */
export class DiplomatBot extends BotBase {
  readonly strategy = "diplomat";
  /** Concession exponent of its target in bilateral talks. */
  static readonly E = 0.8;
  /** In a multilateral vote every needed delegation must say yes, and a refused text costs a round: it concedes as Linear does. */
  static readonly E_MULTILATERAL = 1;
  /** At most this many candidate packages are scored per proposal (the nearest to the target). */
  static readonly CANDIDATES = 2048;
  private readonly models = new Map<string, OpponentModel>();
  private readonly scratch: Int32Array[] = [];
  /** The best package for us that another delegation has tabled, and its proposer. */
  private bestReceived = -1;

  private model(by: string): OpponentModel {
    let model = this.models.get(by);
    if (!model) this.models.set(by, (model = new OpponentModel(this.space!)));
    return model;
  }

  private digits(): Int32Array {
    return (this.scratch[0] ??= new Int32Array(this.space!.radix.length));
  }

  protected override observeProposal(by: string, index: number, own: boolean): void {
    if (own || !this.space) return;
    this.model(by).proposed(index, this.digits());
    if (!crossesRedLine(this.space, index) && (this.bestReceived < 0 || utilityAt(this.space, index) > utilityAt(this.space, this.bestReceived))) {
      this.bestReceived = index;
    }
  }

  protected override observeAnswer(by: string, index: number, accept: boolean): void {
    if (!this.space) return;
    if (accept) this.model(by).accepted(index, this.digits());
    else this.model(by).rejected(index, this.digits());
  }

  protected target(s: Situation): number {
    return timeDependentTarget(s.space, s.t, s.multilateral ? DiplomatBot.E_MULTILATERAL : DiplomatBot.E);
  }

  protected override offer(s: Situation, target: number): number {
    const space = s.space;
    if (space.order.length === 0) return -1;
    if (!s.multilateral && this.bestReceived >= 0 && utilityAt(space, this.bestReceived) >= target - EPS) {
      return this.bestReceived; // already acceptable to the other side, and good enough for us
    }
    const position = positionFor(space, target);
    if (position <= 0) return space.order[0]!;
    const others = s.view.scenario.delegations.filter((d) => d.id !== s.me);
    const models = others.map((d) => this.models.get(d.id) ?? null);
    const tables = models.map((m) => m?.prediction() ?? null);
    if (tables.every((t) => t === null)) return space.order[position]!;
    const score = this.objective(s, others, models, tables);
    let bestIndex = space.order[position]!;
    let bestScore = -Infinity;
    const stop = Math.max(0, position - DiplomatBot.CANDIDATES + 1);
    // From the target upwards: ties go to the package better for us.
    for (let k = position; k >= stop; k--) {
      const index = space.order[k]!;
      const value = score(index);
      if (value >= bestScore - EPS) {
        bestScore = Math.max(bestScore, value);
        bestIndex = index;
      }
    }
    return bestIndex;
  }

  /**
   * How good a package is for the others, as predicted. Bilateral: the other's predicted utility.
   * Multilateral: the weakest link among those the deal needs (every required delegation, and the
   * best-disposed of the rest up to the quorum), with the mean as a tie-break.
   */
  private objective(
    s: Situation,
    others: readonly { id: string; required: boolean }[],
    models: readonly (OpponentModel | null)[],
    tables: readonly (readonly Float64Array[] | null)[],
  ): (index: number) => number {
    const space = s.space;
    const n = others.length;
    const values = new Float64Array(n);
    const required = new Set(s.view.scenario.agreement.required);
    const isRequired = others.map((d) => required.has(d.id));
    const requiredOthers = isRequired.filter(Boolean).length;
    // The predicted utilities of the non-required others (the first `m` entries).
    const rest = new Float64Array(n - requiredOthers);
    // We accept our own proposal; how many of the non-required others must join us.
    const extra = Math.max(0, s.view.scenario.agreement.quorum - 1 - requiredOthers);
    const digits = new Int32Array(space.radix.length);
    return (index) => {
      let sum = 0;
      let weakestRequired = Infinity;
      let m = 0;
      // The package's options, worked out once for all the others (predictedUtility per table).
      digitsOf(space, index, digits);
      for (let d = 0; d < n; d++) {
        const table = tables[d];
        // No evidence yet: every package looks the same to the model.
        const u = table ? predictedUtilityOf(table, digits) * models[d]!.refusalDiscount(index) : 1;
        values[d] = u;
        sum += u;
        if (isRequired[d]) {
          if (u < weakestRequired) weakestRequired = u;
        } else rest[m++] = u;
      }
      let bottleneck = weakestRequired;
      if (extra > 0 && m > 0) {
        // Descending; an insertion sort, as `rest` holds a handful of numbers (Array#sort's call costs more).
        for (let k = 1; k < m; k++) {
          const v = rest[k]!;
          let j = k - 1;
          while (j >= 0 && rest[j]! < v) {
            rest[j + 1] = rest[j]!;
            j--;
          }
          rest[j + 1] = v;
        }
        const needed = rest[Math.min(extra, m) - 1]!;
        if (needed < bottleneck) bottleneck = needed;
      }
      if (bottleneck === Infinity) bottleneck = sum / n;
      return bottleneck + (0.01 * sum) / n;
    };
  }
}
