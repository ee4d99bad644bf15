// Where everything on the negotiating table goes, and what it says: a pure function of the table
// view, your seat and the canvas's size (no Phaser, no DOM), so it is tested on its own
// (tests/client/layout.test.ts) and `scene.ts` only draws what it returns. Positions are in CSS
// pixels; text boxes are estimates (the canvas measures the real text when it draws it: it stacks
// a seat's lines and cuts a card's label to the lines given here).
import type { PublicScenario, ReadonlyProfile } from "../../shared/rules/types.ts";
import { waitingFor } from "../net/legal.ts";
import type { ConnectionState } from "../net/room-connection.ts";
import type { Package, SeatInfo, TableView } from "../net/view.ts";
import { fmt, t } from "../i18n.ts";
import { strategyLabel } from "../ui/format.ts";
import { optionLabel, utilityOf } from "../ui/package.ts";

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the table is drawn from: the public view, the scenario, and who is looking. */
export interface TableInput {
  view: TableView;
  scenario: PublicScenario;
  /** Your delegation (null for observers and a facilitator with no seat). */
  me: string | null;
  /** Your delegation's current profile (null without a seat). */
  profile: ReadonlyProfile | null;
  connection: ConnectionState;
}

/** Colours by meaning; the scene picks the paint. */
export type Tone = "text" | "soft" | "dim" | "brass" | "green" | "red" | "amber" | "ink" | "inkSoft" | "dark";
export type Family = "serif" | "sans";

export interface TextItem {
  x: number;
  y: number;
  text: string;
  size: number;
  tone: Tone;
  family: Family;
  style: "normal" | "bold" | "italic";
  /** Wrap width (none: one line). */
  wrap?: number;
  /** The anchor within the text: 0.5/0.5 is its centre, 0/0 its top left. */
  originX: number;
  originY: number;
  letterSpacing?: number;
  /** Drawn but hidden (the round line on a crowded felt). */
  hidden?: boolean;
}

export type LabelPlace = "left" | "right" | "above" | "below";

export interface SeatLayout {
  id: string;
  /** The delegation's place in scenario order (its emblem). */
  index: number;
  /** The emblem's name (the delegation's). */
  emblemName: string;
  x: number;
  y: number;
  r: number;
  mine: boolean;
  toMove: boolean;
  /** A bot plays it, or someone of it is connected (else its emblem is dimmed). */
  present: boolean;
  dot: "bot" | "connected" | "reconnecting" | "away";
  /** Its answer to the offer on the table (not the proposer's own, multilateral). */
  response: "accept" | "reject" | null;
  label: {
    place: LabelPlace;
    /** The anchor: the lines' shared edge (x) and, for side labels, their middle (y); above: their bottom; below: their top. */
    x: number;
    y: number;
    align: "left" | "right" | "center";
    originX: number;
    wrap: number;
    nameSize: number;
    name: string;
    /** The name is cut to this many lines (the whole name is in the side panels). */
    nameLines: number;
    state: string;
    stateTone: Tone;
    /** TO MOVE, VOTING, OFFER, TABLED; the turn timer is added to them while it runs. */
    tags: string[];
    /** Estimated room the three lines take. */
    box: Rect;
  };
}

export interface CardLayout {
  issueId: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  titleSize: number;
  titleLines: number;
  option: string;
  optionSize: number;
  optionLines: number;
  /** What the option is worth to you (0–1), null without a profile. */
  value: number | null;
}

export interface MeterLayout {
  /** The strip along the bottom. */
  y: number;
  h: number;
  x0: number;
  x1: number;
  barY: number;
  /** Your utility of the package (null: nothing on the table), against your walk-away value. */
  utility: number | null;
  walkAway: number;
  caption: TextItem;
}

export interface TableLayout {
  size: Size;
  narrow: boolean;
  table: { cx: number; cy: number; rx: number; ry: number };
  seats: SeatLayout[];
  /** The cards of the package on the table (or the deal), on the felt or below the table. */
  cards: CardLayout[];
  cardsBelow: boolean;
  /** Who tabled the cards when they lie below the table, or what the empty felt says; null with the cards on the felt. */
  centre: TextItem | null;
  round: TextItem | null;
  meter: MeterLayout | null;
  /** Paused, reconnecting or lost: a veil over the table (not the meter) and one word. */
  overlay: { rect: Rect; text: TextItem } | null;
}

/** The package on the table, else the deal once ended. */
export function packageShown(view: TableView): Package | null {
  return view.offer?.package ?? (view.phase === "ended" ? (view.outcome?.package ?? null) : null);
}

/**
 * How many lines `text` takes at `size` px in `width` px: an average glyph is about 0.55 em
 * (`em`), capitals with letter spacing about 0.72.
 */
export function estimateLines(text: string, size: number, width: number, em = 0.55): number {
  const perLine = Math.max(1, Math.floor(width / (size * em)));
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = 0;
    lines += 1;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (line === 0) line = w;
      else if (line + 1 + w <= perLine) line += 1 + w;
      else {
        lines += 1;
        line = w;
      }
      while (line > perLine) {
        lines += 1;
        line -= perLine;
      }
    }
  }
  return lines;
}

/** The width the longest line of `text` takes, at most `wrap`. */
function estimateWidth(text: string, size: number, wrap: number): number {
  const longest = Math.max(0, ...text.split("\n").map((l) => l.length));
  return Math.min(wrap, longest * size * 0.55);
}

const LINE = 1.25;

/**
 * Letter spacing for a text: `px` for Latin capitals, none for a script whose letters join (spaced
 * out, Bengali conjuncts and vowel signs fall apart).
 */
export function spacing(text: string, px: number): number {
  return /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u.test(text) ? px : 0;
}

/** Columns and rows of cards, and each card's size, for n cards in a w × h area. */
export function cardGrid(n: number, w: number, h: number): { cols: number; rows: number; w: number; h: number } {
  const gap = 6;
  let best = { cols: n, rows: 1, w: 0, h: 0, score: -1 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cw = (w - gap * (cols - 1)) / cols;
    const ch = Math.min((h - gap * (rows - 1)) / rows, cw * 0.75);
    // Prefer readable cards: wide enough for a label, not too flat.
    const score = Math.min(cw, 150) * Math.min(ch, 70);
    if (cw > 0 && ch > 0 && score > best.score) best = { cols, rows, w: Math.min(cw, 170), h: ch, score };
  }
  return { cols: best.cols, rows: best.rows, w: best.w, h: best.h };
}

function nameOf(view: TableView, id: string): string {
  return view.delegations.find((d) => d.id === id)?.name ?? id;
}

/** Everything on the table: where it goes and what it says. */
export function layout(input: TableInput, size: Size): TableLayout {
  const { view, scenario, me, profile } = input;
  const W = size.width;
  const H = size.height;
  const narrow = W < 640;
  const waiting = waitingFor(view);

  // Areas: the table (seats and their labels around it), the cards (on the felt when they fit,
  // below the table otherwise), and your meter along the bottom.
  const bottom = profile ? 62 : 8;
  const issues = scenario.issues;
  const areaTop = 8;
  const areaH = H - areaTop - bottom;
  const seatR = Math.max(15, Math.min(27, Math.min(W, areaH) * 0.05));
  // Wide: each seat's name beside its emblem; narrow: above or below it.
  const sideLabels = !narrow;
  const n = view.delegations.length;
  // Two delegations sit top and bottom: their labels need no room at the sides. Else a side seat's
  // label (140 wide, 1.45 radii from its centre) stays on the canvas.
  const labelW = n <= 2 ? 20 : 148 + seatR * 1.45;
  let cardsBelow = narrow;
  // With the cards below it, the table takes a bit more than half the height (more with six or
  // more seats, stacked two and three down each side).
  const belowH = Math.max(200, areaH * (n >= 6 ? 0.62 : 0.56));
  let tableH = cardsBelow ? belowH : areaH;
  const cx = W / 2;
  const radii = (h: number) =>
    sideLabels
      ? { rx: Math.max(90, Math.min(W / 2 - seatR * 1.9 - labelW, W * 0.4)), ry: Math.max(42, h / 2 - seatR * 3.1 - 4) }
      : { rx: Math.max(90, Math.min(W / 2 - seatR * 3.4, W * 0.37)), ry: Math.max(42, h / 2 - seatR * 2.95 - 58) };
  let { rx, ry } = radii(tableH);
  if (!cardsBelow) {
    const fit = cardGrid(issues.length, rx * 1.48, ry * 1.24);
    if (fit.w < 84 || fit.h < 44) {
      cardsBelow = true;
      tableH = belowH;
      ({ rx, ry } = radii(tableH));
    }
  }
  const cy = areaTop + tableH / 2;
  const cardArea: Rect = cardsBelow ? { x: 14, y: areaTop + tableH + 8, w: W - 28, h: areaH - tableH - 10 } : { x: cx - rx * 0.74, y: cy - ry * 0.58, w: rx * 1.48, h: ry * 1.24 };

  // Seats round the table, your own at the bottom.
  const mine = Math.max(0, view.delegations.findIndex((d) => d.id === me));
  const seats = view.delegations.map((seat, i) => {
    const a = Math.PI / 2 + (2 * Math.PI * (i - mine)) / n;
    const sx = cx + Math.cos(a) * (rx + seatR * 1.9);
    const sy = cy + Math.sin(a) * (ry + seatR * 1.75);
    // Narrow: a label goes above only the seats well up the table (a seat about level with the
    // middle keeps it below, clear of the seat above it).
    const place: LabelPlace = sideLabels ? (Math.cos(a) < -0.3 ? "left" : "right") : Math.sin(a) < -0.3 ? "above" : "below";
    return seatLayout(view, seat, i, sx, sy, seatR, place, me, waiting, W);
  });

  // The package on the table (or the deal).
  const pkg = packageShown(view);
  const offer = view.offer;
  const cards = pkg ? cardLayouts(scenario, pkg, cardArea, profile) : [];
  let centre: TextItem | null = null;
  if (pkg) {
    const who = offer ? t("table:canvas.packageFrom", { name: nameOf(view, offer.proposer) }) : t("table:canvas.theDeal");
    if (cardsBelow) centre = { x: cx, y: cy, text: who, size: narrow ? 13 : 15, tone: "brass", family: "serif", style: "bold", wrap: rx * 1.5, originX: 0.5, originY: 0.5 };
  } else {
    const text = view.phase === "waiting" ? t("table:canvas.beingSet") : view.phase === "ended" ? (view.outcome?.agreement ? t("table:canvas.agreement") : t("table:canvas.noAgreement")) : t("table:canvas.noPackage");
    centre = { x: cx, y: cy, text, size: narrow ? 14 : 17, tone: "soft", family: "serif", style: "italic", wrap: rx * 1.4, originX: 0.5, originY: 0.5 };
  }
  let round: TextItem | null = null;
  if (view.phase !== "waiting") {
    const text = view.phase === "ended" ? t("table:canvas.endedIn", { round: view.outcome?.round ?? view.round }) : t("table:canvas.roundOf", { round: view.round, total: view.deadlineRounds });
    round = {
      x: cx,
      y: cy - ry + Math.min(22, ry * 0.3),
      text: text.toUpperCase(),
      size: narrow ? 10 : 11,
      tone: "brass",
      family: "sans",
      style: "bold",
      originX: 0.5,
      originY: 0.5,
      letterSpacing: spacing(text, 2),
      hidden: !cardsBelow && pkg !== null && ry <= 80,
    };
  }

  // Your utility of the package against your walk-away line.
  let meter: MeterLayout | null = null;
  if (profile) {
    const y0 = H - bottom;
    const x0 = 20;
    const u = pkg ? utilityOf(profile, pkg) : null;
    const r = profile.reservationValue;
    const walkAway = fmt.number(Math.round(r * 100));
    const worth = u === null ? "" : fmt.number(Math.round(u * 100));
    const caption =
      u === null
        ? t("table:canvas.walkAway", { walkAway })
        : narrow
          ? t("table:canvas.worthNarrow", { worth, walkAway })
          : offer
            ? offer.proposer === me
              ? t("table:canvas.yourOffer", { worth, walkAway })
              : t("table:canvas.tableOffer", { worth, walkAway })
            : t("table:canvas.dealWorth", { worth, walkAway });
    meter = {
      y: y0,
      h: bottom,
      x0,
      x1: W - 20,
      barY: y0 + 34,
      utility: u,
      walkAway: r,
      caption: { x: x0, y: y0 + 16, text: caption, size: narrow ? 12 : 13, tone: u === null ? "text" : u >= r ? "green" : "red", family: "sans", style: "bold", originX: 0, originY: 0.5 },
    };
  }

  // Phase overlays.
  let overlay: TableLayout["overlay"] = null;
  if (view.phase === "paused" || input.connection === "reconnecting" || input.connection === "lost") {
    const paused = view.phase === "paused";
    const text = paused ? t("table:canvas.paused") : input.connection === "lost" ? t("table:canvas.lost") : t("table:canvas.reconnecting");
    overlay = {
      rect: { x: 0, y: 0, w: W, h: H - bottom },
      text: { x: cx, y: cy, text, size: narrow ? 22 : 30, tone: paused ? "amber" : "red", family: "serif", style: "bold", originX: 0.5, originY: 0.5, letterSpacing: spacing(text, 6) },
    };
  }

  return { size: { width: W, height: H }, narrow, table: { cx, cy, rx, ry }, seats, cards, cardsBelow, centre, round, meter, overlay };
}

function seatLayout(view: TableView, seat: SeatInfo, index: number, x: number, y: number, r: number, place: LabelPlace, me: string | null, waiting: string[], width: number): SeatLayout {
  const offer = view.offer;
  const toMove = (view.phase === "running" || view.phase === "paused") && waiting.includes(seat.id);
  const present = seat.control === "bot" || seat.connected > 0;
  const reconnecting = seat.control === "people" && seat.connected === 0 && seat.people.some((p) => p.status === "reconnecting");
  const dot = seat.control === "bot" ? "bot" : seat.connected > 0 ? "connected" : reconnecting ? "reconnecting" : "away";
  const answer = offer?.responses[seat.id];
  const response = answer && !(view.protocol === "multilateral" && offer?.proposer === seat.id) ? (answer === "accept" ? "accept" : "reject") : null;

  const name = seat.id === me ? t("table:canvas.you", { name: seat.name }) : seat.name;
  const people = seat.people.filter((p) => p.delegation === seat.id);
  const state =
    seat.control === "bot"
      ? t("table:canvas.bot", { strategy: strategyLabel(seat.strategy) })
      : seat.connected > 0
        ? seat.id === me
          ? t("table:canvas.connected")
          : people.length === 1
            ? people[0]!.name
            : t("table:canvas.nConnected", { count: seat.connected })
        : reconnecting
          ? t("table:canvas.reconnectingSeat")
          : seat.members > 0
            ? t("table:canvas.away")
            : t("table:canvas.empty");
  const tags: string[] = [];
  if (toMove) tags.push(view.protocol === "multilateral" && view.stage === "voting" ? t("table:canvas.voting") : t("table:canvas.toMove"));
  if (offer && offer.proposer === seat.id) tags.push(view.protocol === "multilateral" ? t("table:canvas.tabled") : t("table:canvas.offer"));

  const nameSize = Math.max(11, Math.min(14, r * 0.55));
  const side = place === "left" || place === "right";
  // Above or below a seat (narrow screens): the whole width near the middle, else the seat's half
  // of the canvas short of the middle seats' emblems, kept on it, so seats side by side never
  // share their labels' room.
  const central = Math.abs(x - width / 2) < width * 0.15;
  const [lo, hi] = central ? [4, width - 4] : x < width / 2 ? [4, width / 2 - r * 1.3 - 4] : [width / 2 + r * 1.3 + 4, width - 4];
  const wrap = side ? 140 : Math.min(hi - lo, central ? 260 : 180);
  const originX = place === "left" ? 1 : place === "right" ? 0 : 0.5;
  const lx = place === "left" ? x - r * 1.45 : place === "right" ? x + r * 1.45 : Math.max(lo + wrap / 2, Math.min(hi - wrap / 2, x));
  const align = place === "left" ? "right" : place === "right" ? "left" : "center";
  const ly = side ? y : place === "above" ? y - r * 1.35 - 4 : y + r * 1.35 + 4;

  // The three lines' room: the name (serif, at most two lines), the state and the tags (one line
  // each; the tags with the turn's clock).
  const nameLines = 2;
  const small = nameSize - 2;
  const tagText = [...tags, "00:00"].join(" · ");
  const w = Math.max(estimateWidth(name, nameSize, wrap), estimateWidth(state, small, wrap), estimateWidth(tagText, small, wrap));
  const h = Math.min(nameLines, estimateLines(name, nameSize, wrap)) * nameSize * LINE + 2 * small * LINE + 4;
  const boxX = lx - w * originX;
  const boxY = side ? ly - h / 2 : place === "above" ? ly - h : ly;

  return {
    id: seat.id,
    index,
    emblemName: seat.name,
    x,
    y,
    r,
    mine: seat.id === me,
    toMove,
    present,
    dot,
    response,
    label: { place, x: lx, y: ly, align, originX, wrap, nameSize, name, nameLines, state, stateTone: reconnecting ? "amber" : "dim", tags, box: { x: boxX, y: boxY, w, h } },
  };
}

function cardLayouts(scenario: PublicScenario, pkg: Package, area: Rect, profile: ReadonlyProfile | null): CardLayout[] {
  const issues = scenario.issues;
  const grid = cardGrid(issues.length, area.w, area.h);
  const gap = 6;
  return issues.map((issue, k) => {
    const col = k % grid.cols;
    const row = Math.floor(k / grid.cols);
    const inRow = Math.min(grid.cols, issues.length - row * grid.cols);
    const rowW = inRow * grid.w + (inRow - 1) * gap;
    const x = area.x + (area.w - rowW) / 2 + col * (grid.w + gap);
    const y = area.y + (area.h - (grid.rows * grid.h + (grid.rows - 1) * gap)) / 2 + row * (grid.h + gap);
    const value = profile ? (profile.values[issue.id]?.[pkg[issue.id] ?? ""] ?? null) : null;
    const titleSize = Math.max(9, Math.min(11, grid.h * 0.15));
    const title = issue.title.toUpperCase();
    const titleLines = Math.min(grid.h >= 70 ? 2 : 1, estimateLines(title, titleSize, grid.w - 12, 0.72));
    const room = grid.h - 6 - titleLines * titleSize * LINE - 2 - (value !== null ? 7 : 3);
    // The option in the largest type that still fits two lines (one, on a flat card).
    let optionSize = Math.max(10, Math.min(14, grid.h * 0.22));
    while (optionSize > 10 && room < 2 * optionSize * 1.2) optionSize -= 0.5;
    return {
      issueId: issue.id,
      x,
      y,
      w: grid.w,
      h: grid.h,
      title,
      titleSize,
      titleLines: grid.h >= 70 ? 2 : 1,
      option: optionLabel(scenario, issue.id, pkg[issue.id]),
      optionSize,
      optionLines: Math.max(1, Math.floor(room / (optionSize * 1.2))),
      value,
    };
  });
}
