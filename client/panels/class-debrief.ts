// The class debrief: every table's deal on one chart against the Pareto frontier, the Nash point
// and the historical outcome (the moment a class sees that the same hand can end very
// differently), each table's utilities and the value it left on the table; then the reveal of
// private briefs and messages. The facilitator's is built from each table's full record
// (`GET /api/matches/:id` with the class's facilitator token: the reveal once the table has
// ended) and shows every table's reveal; a student's from the class room's `class_debrief`
// (every table's outcome, and the reveal of their own table only).
import type { ClassDebrief, ClassSnapshot } from "../../shared/classroom/protocol.ts";
import type { PublicScenario, Reveal } from "../../shared/rules/types.ts";
import { revealText, scenarioText, statementText, type Translated } from "../scenario-text.ts";
import type { Translations } from "../../shared/scenario/overlay.ts";
import { analyse, type DebriefAnalysis } from "../debrief/analysis.ts";
import { api } from "../net/api.ts";
import { locale, t } from "../i18n.ts";
import { fill, h, s } from "../ui/dom.ts";
import { num, percent as pct, points as pts } from "./words.ts";

const CHANNEL_KEYS = { public: "table:classDebrief.channelPublic", private: "table:classDebrief.channelPrivate", team: "table:classDebrief.channelTeam" } as const;

function nameIn(reveal: Reveal, id: string): string {
  return reveal.delegations.find((d) => d.id === id)?.name ?? id;
}

function channelName(channel: string): string {
  const key = CHANNEL_KEYS[channel as keyof typeof CHANNEL_KEYS];
  return key ? t(key) : channel;
}

const DEAL_COLOURS = ["#6cc49a", "#ec8b7c", "#8fb8ea", "#e2c476", "#c49ae0", "#f4ecda", "#7fd1c7", "#f0a35e"];

interface TableDebrief {
  table: number;
  matchId: string;
  reveal: Reveal;
  analysis: DebriefAnalysis;
  /** The scenario's translations, for its briefs and the bots' statements in the reader's language. */
  translations?: Translations;
}

function chart(tables: TableDebrief[], names: [string, string], base: DebriefAnalysis): SVGSVGElement {
  // Measured afresh: the reader's language (and its font) may have changed since the last chart.
  measure = undefined;
  const W = 560;
  const H = 440;
  const m = { l: 56, r: 18, t: 16, b: 50 };
  const x = (u: number) => m.l + u * (W - m.l - m.r);
  const y = (u: number) => H - m.b - u * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": t("table:classDebrief.chartLabel", { first: names[0], second: names[1] }) });
  for (let k = 0; k <= 10; k += 2) {
    const v = k / 10;
    svg.append(
      s("line", { class: "grid", x1: x(v), y1: y(0), x2: x(v), y2: y(1) }),
      s("line", { class: "grid", x1: x(0), y1: y(v), x2: x(1), y2: y(v) }),
      s("text", { x: x(v), y: H - m.b + 18, "text-anchor": "middle", text: num(k * 10) }),
      s("text", { x: m.l - 8, y: y(v) + 4, "text-anchor": "end", text: num(k * 10) }),
    );
  }
  svg.append(
    s("text", { x: (x(0) + x(1)) / 2, y: H - 10, "text-anchor": "middle", style: "font-weight: 600; fill: #ece5d3", text: t("table:classDebrief.axis", { name: names[0] }) }),
    s("text", { x: 16, y: (y(0) + y(1)) / 2, "text-anchor": "middle", transform: `rotate(-90 16 ${(y(0) + y(1)) / 2})`, style: "font-weight: 600; fill: #ece5d3", text: t("table:classDebrief.axis", { name: names[1] }) }),
  );
  const frontier = [...base.frontier].sort((p, q) => p[0]! - q[0]!);
  if (frontier.length) svg.append(s("polyline", { class: "frontier", points: frontier.map((f) => `${x(f[0]!).toFixed(1)},${y(f[1]!).toFixed(1)}`).join(" "), fill: "none", stroke: "#e2c476", "stroke-width": 3 }));
  if (base.nash) svg.append(s("circle", { class: "marker nash", cx: x(base.nash.utilities[0]!), cy: y(base.nash.utilities[1]!), r: 10, fill: "none", stroke: "#f4ecda", "stroke-width": 3 }));
  if (base.historical) {
    const [hx, hy] = [x(base.historical.utilities[0]!), y(base.historical.utilities[1]!)];
    svg.append(s("rect", { class: "marker historical", x: hx - 8, y: hy - 8, width: 16, height: 16, fill: "#8fb8ea", stroke: "#0e1a2b", "stroke-width": 2 }));
  }
  // One diamond per table; tables with the same outcome share one label ("T2, T5, T9"). Each label
  // takes the first place around its diamond that crosses neither the frontier, another label, a
  // diamond nor the plot's edge.
  const groups = new Map<string, TableDebrief[]>();
  for (const tb of tables) {
    const key = `${x(tb.analysis.deal[0]!).toFixed(0)},${y(tb.analysis.deal[1]!).toFixed(0)}`;
    groups.set(key, [...(groups.get(key) ?? []), tb]);
  }
  const segments = frontier.map((f) => [x(f[0]!), y(f[1]!)] as [number, number]);
  const boxes: Box[] = [];
  if (base.nash) boxes.push({ x0: x(base.nash.utilities[0]!) - 11, y0: y(base.nash.utilities[1]!) - 11, x1: x(base.nash.utilities[0]!) + 11, y1: y(base.nash.utilities[1]!) + 11 });
  if (base.historical) boxes.push({ x0: x(base.historical.utilities[0]!) - 9, y0: y(base.historical.utilities[1]!) - 9, x1: x(base.historical.utilities[0]!) + 9, y1: y(base.historical.utilities[1]!) + 9 });
  for (const tb of tables) {
    const [cx, cy] = [x(tb.analysis.deal[0]!), y(tb.analysis.deal[1]!)];
    boxes.push({ x0: cx - 10, y0: cy - 10, x1: cx + 10, y1: cy + 10 });
    const colour = DEAL_COLOURS[(tb.table - 1) % DEAL_COLOURS.length]!;
    svg.append(s("polygon", { class: "marker deal", "data-table": String(tb.table), points: `${cx},${cy - 10} ${cx + 10},${cy} ${cx},${cy + 10} ${cx - 10},${cy}`, fill: colour, stroke: "#0e1a2b", "stroke-width": 2 }, s("title", { text: t("table:classDebrief.tableOutcome", { table: tb.table, outcome: tb.analysis.agreement ? t("table:classDebrief.deal") : t("table:classDebrief.noDeal") }) })));
  }
  const plot = { x0: m.l, y0: m.t, x1: W - m.r, y1: H - m.b };
  const labels: Box[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const [cx, cy] = [x(first.analysis.deal[0]!), y(first.analysis.deal[1]!)];
    const text = `${tableList(group.map((g) => g.table))}${first.analysis.agreement ? "" : t("table:classDebrief.labelNoDeal")}`;
    const w = textWidth(text) + 8;
    const hgt = 17;
    const spot = labelSpot(cx, cy, w, hgt, plot, segments, [...boxes, ...labels]);
    labels.push(spot);
    const colour = group.length === 1 ? DEAL_COLOURS[(first.table - 1) % DEAL_COLOURS.length]! : "#ece5d3";
    svg.append(s("text", { class: "deal-label", "data-label-tables": group.map((g) => g.table).join(" "), x: spot.x0 + 3, y: spot.y1 - 4.5, style: `fill: ${colour}`, text }));
  }
  return svg;
}

/**
 * The name cut (by grapheme clusters, with an ellipsis) until it fits `width` SVG units at `size`
 * px (measured with the page's font: a Bangla name is wider per character than an English one).
 */
function fitWidth(name: string, width: number, size: number): string {
  const wide = (text: string) => (textWidth(text) * size) / 12 > width;
  if (!wide(name)) return name;
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(name)].length;
  for (let n = graphemes - 1; n > 1; n--) {
    const cut = clip(name, n);
    if (!wide(cut)) return cut;
  }
  return clip(name, 2);
}

/** At most `max` characters as people count them (whole grapheme clusters: a Bangla conjunct is never cut in two), else one fewer and an ellipsis. */
function clip(text: string, max: number): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((g) => g.segment);
  return graphemes.length > max ? `${graphemes.slice(0, max - 1).join("")}…` : text;
}

/** "T1–T4, T7": table numbers with runs collapsed. */
function tableList(tables: number[]): string {
  const sorted = [...tables].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const short = (n: number) => t("table:classDebrief.tableShort", { table: n });
    parts.push(j - i >= 2 ? `${short(sorted[i]!)}–${short(sorted[j]!)}` : sorted.slice(i, j + 1).map(short).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}

let measure: CanvasRenderingContext2D | null | undefined;
/** The width of a deal label (12px bold, the chart's font) in SVG units: measured, or a generous guess. */
function textWidth(text: string): number {
  if (measure === undefined) {
    measure = document.createElement("canvas").getContext("2d");
    if (measure) measure.font = `700 12px ${getComputedStyle(document.documentElement).getPropertyValue("--sans").trim() || "sans-serif"}`;
  }
  return measure ? Math.ceil(measure.measureText(text).width) : text.length * 8.4;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Whether the segment p–q crosses (or lies in) the box. */
function segmentHits(p: [number, number], q: [number, number], b: Box): boolean {
  // Liang–Barsky clipping of the segment against the box.
  let t0 = 0;
  let t1 = 1;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  for (const [num, den] of [
    [p[0] - b.x0, -dx],
    [b.x1 - p[0], dx],
    [p[1] - b.y0, -dy],
    [b.y1 - p[1], dy],
  ] as const) {
    if (den === 0) {
      if (num < 0) return false;
      continue;
    }
    const r = num / den;
    if (den < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** A place for a w×h label near (cx, cy): rings of candidates further out, first free one wins (the nearest free in the last resort). */
function labelSpot(cx: number, cy: number, w: number, hgt: number, plot: Box, frontier: [number, number][], taken: Box[]): Box {
  const pad = 3;
  const hitsFrontier = (b: Box) => {
    const grown = { x0: b.x0 - pad, y0: b.y0 - pad, x1: b.x1 + pad, y1: b.y1 + pad };
    if (frontier.length === 1) return segmentHits(frontier[0]!, frontier[0]!, grown);
    for (let i = 1; i < frontier.length; i++) if (segmentHits(frontier[i - 1]!, frontier[i]!, grown)) return true;
    return false;
  };
  let fallback: Box | null = null;
  for (let ring = 0; ring < 12; ring++) {
    const d = 13 + ring * 9;
    // Below-left first: deals sit under the frontier, so away from it is down and to the left.
    const candidates: [number, number][] = [
      [cx - d - w, cy + d * 0.2],
      [cx - w / 2, cy + d],
      [cx + d * 0.4, cy + d * 0.6],
      [cx - d - w, cy - hgt - d * 0.2],
      [cx + d, cy - hgt / 2],
      [cx - w / 2, cy - d - hgt],
      [cx + d * 0.4, cy - d * 0.6 - hgt],
      [cx - d - w, cy - hgt / 2],
    ];
    for (const [lx, ly] of candidates) {
      const b = { x0: lx, y0: ly, x1: lx + w, y1: ly + hgt };
      if (b.x0 < plot.x0 || b.x1 > plot.x1 || b.y0 < plot.y0 || b.y1 > plot.y1) continue;
      if (taken.some((o) => overlaps(o, b))) continue;
      if (hitsFrontier(b)) {
        fallback ??= b;
        continue;
      }
      return b;
    }
  }
  return fallback ?? { x0: Math.min(plot.x1 - w, Math.max(plot.x0, cx + 12)), y0: Math.max(plot.y0, cy - hgt - 8), x1: Math.min(plot.x1, Math.max(plot.x0 + w, cx + 12 + w)), y1: Math.max(plot.y0 + hgt, cy - 8) };
}

/**
 * More than two delegations: one column per delegation, each table's utility as a labelled dot,
 * with the Nash point's utility (ring), the historical outcome's (square) and the walk-away value
 * (dashed) of table 1's final profiles.
 */
function stripChart(tables: TableDebrief[], base: DebriefAnalysis): SVGSVGElement {
  measure = undefined;
  const parties = base.parties;
  const W = 560;
  const H = 380;
  const m = { l: 48, r: 12, t: 16, b: 70 };
  const col = (W - m.l - m.r) / parties.length;
  const cx = (p: number) => m.l + col * (p + 0.5);
  const y = (u: number) => H - m.b - u * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": t("table:classDebrief.stripLabel") });
  for (let k = 0; k <= 10; k += 2) {
    svg.append(s("line", { class: "grid", x1: m.l, y1: y(k / 10), x2: W - m.r, y2: y(k / 10) }), s("text", { x: m.l - 8, y: y(k / 10) + 4, "text-anchor": "end", text: num(k * 10) }));
  }
  parties.forEach((party, p) => {
    const x = cx(p);
    svg.append(
      s("line", { x1: x - col * 0.35, y1: y(party.reservation), x2: x + col * 0.35, y2: y(party.reservation), stroke: "#ec8b7c", "stroke-width": 1.5, "stroke-dasharray": "5 4" }),
      s("text", { x, y: H - m.b + 18, "text-anchor": "middle", style: "fill: #ece5d3; font-size: 11px", text: fitWidth(party.name, col - 6, 11) }),
    );
    if (party.nashUtility !== null) svg.append(s("circle", { class: "marker nash", cx: x, cy: y(party.nashUtility), r: 9, fill: "none", stroke: "#f4ecda", "stroke-width": 2.5 }));
    const hist = base.historical?.utilities[p];
    if (hist !== undefined) svg.append(s("rect", { class: "marker historical", x: x - 6, y: y(hist) - 6, width: 12, height: 12, fill: "#8fb8ea", stroke: "#0e1a2b", "stroke-width": 2 }));
    tables.forEach((tb, i) => {
      const u = tb.analysis.parties[p]?.utility ?? 0;
      const dx = (i - (tables.length - 1) / 2) * Math.min(14, (col * 0.6) / Math.max(1, tables.length));
      const colour = DEAL_COLOURS[(tb.table - 1) % DEAL_COLOURS.length]!;
      svg.append(s("circle", { class: "marker deal", "data-table": String(tb.table), cx: x + dx, cy: y(u), r: 5, fill: colour, stroke: "#0e1a2b", "stroke-width": 1.5 }, s("title", { text: t("table:classDebrief.tableUtility", { table: tb.table, points: pts(u) }) })));
    });
  });
  return svg;
}

/**
 * Each delegation's name in the reader's language (the scenario's translation), by id, and the
 * translations the reveal is read with: the teacher's materials' (every brief) for the class's
 * facilitator, else the public scenario's (names, phrases). None when they cannot be read.
 */
async function localWords(scenarioId: string, sessionId?: string): Promise<{ names: Map<string, string>; translations?: Translations }> {
  let translations: Translations | undefined;
  if (sessionId) {
    try {
      translations = (await (await import("../net/materials.ts")).teacherMaterials("class", sessionId)).translations;
    } catch {
      // Not this class's facilitator here: the public translation below.
    }
  }
  try {
    const pub = (await api.scenario(scenarioId)) as Translated<PublicScenario>;
    const scenario = scenarioText(pub);
    return { names: new Map(scenario.delegations.map((d) => [d.id, d.name])), translations: translations ?? pub.translations };
  } catch (e) {
    // The debrief still shows, with the names the class was sent; the failed read goes to the console.
    console.warn("the scenario's names in the reader's language could not be read", e);
    return { names: new Map(), translations };
  }
}

/** The reveal with its delegations named in the reader's language. */
function named(reveal: Reveal, names: ReadonlyMap<string, string>): Reveal {
  return names.size === 0 ? reveal : { ...reveal, delegations: reveal.delegations.map((d) => ({ ...d, name: names.get(d.id) ?? d.name })) };
}

/**
 * The facilitator's debrief: every table's full record, read with the class's facilitator token.
 * Resolves to the tables whose record has no reveal yet (ended a moment ago: ask again shortly).
 */
export async function renderClassDebrief(el: HTMLElement, snapshot: ClassSnapshot, token?: string): Promise<number[]> {
  const tables: TableDebrief[] = [];
  const pending: number[] = [];
  const { names, translations } = await localWords(snapshot.scenario.id, snapshot.sessionId);
  for (const [table, matchId] of Object.entries(snapshot.matches).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const record = await api.match(matchId, token);
    if (!record.reveal) {
      pending.push(Number(table));
      continue;
    }
    const reveal = named(record.reveal, names);
    tables.push({ table: Number(table), matchId, reveal, analysis: analyse(reveal), translations });
  }
  draw(el, tables, pending, tables, t("table:classDebrief.tableNs", { table: 1 }));
  return pending;
}

/**
 * A student's debrief: every table's outcome on the chart, computed with their own table's final
 * profiles (the other tables' records are their facilitator's), and the reveal of their own table.
 */
export async function renderStudentDebrief(el: HTMLElement, debrief: ClassDebrief): Promise<void> {
  const { names, translations } = debrief.mine ? await localWords(debrief.mine.reveal.scenario.id) : { names: new Map<string, string>(), translations: undefined };
  const mine = debrief.mine ? { ...debrief.mine, reveal: named(debrief.mine.reveal, names) } : null;
  const pending = debrief.tables.filter((tb) => !tb.outcome).map((tb) => tb.table);
  if (!mine) {
    const ended = debrief.tables.filter((tb) => tb.outcome);
    fill(
      el,
      h("h2", { id: "class-debrief-title", text: t("table:classDebrief.title") }),
      ended.length === 0
        ? h("p", { class: "empty", text: t("table:classDebrief.noneEnded") })
        : h("ul", { id: "class-debrief-outcomes" }, ended.map((tb) => h("li", { "data-table": String(tb.table), text: t("table:classDebrief.tableOutcome", { table: tb.table, outcome: tb.outcome!.agreement ? t("table:classDebrief.deal") : t("table:classDebrief.noDeal") }) }))),
      pending.length > 0 ? h("p", { class: "muted", text: t("table:classDebrief.stillRunning", { tables: pending.map(num).join(", ") }) }) : null,
    );
    return;
  }
  const own: TableDebrief = { table: mine.table, matchId: "", reveal: mine.reveal, analysis: analyse(mine.reveal), translations };
  const tables = debrief.tables
    .filter((tb) => tb.outcome)
    .map((tb): TableDebrief => {
      if (tb.table === mine.table) return own;
      // Another table: its outcome against our table's profiles; none of its messages.
      const reveal = { ...mine.reveal, outcome: tb.outcome, messages: [], moves: [] };
      return { table: tb.table, matchId: "", reveal, analysis: analyse(reveal) };
    });
  draw(el, tables, pending, [own], t("table:classDebrief.yourTables"), own.analysis);
}

/** Every delegation's private brief in the reader's language; one its translation lacks is marked as English. */
function revealedBriefs(tb: TableDebrief): HTMLElement[] {
  const shown = revealText(tb.reveal, { translations: tb.translations }) ?? tb.reveal;
  return shown.delegations.map((d, i) => {
    const english = locale() !== "en" && d.privateBrief === tb.reveal.delegations[i]?.privateBrief;
    return h("div", null, h("h4", { text: d.name }), h("p", { class: "prose", text: d.privateBrief, lang: english ? "en" : undefined }));
  });
}

/** A message of the reveal: a bot's statement in the reader's language (from its phrases); a person's as written. */
function messageLine(tb: TableDebrief, msg: Reveal["messages"][number]): HTMLElement {
  const said = statementText(msg, { ...tb.reveal.scenario, translations: tb.translations });
  const [before, after] = t("table:classDebrief.messageLine", { round: msg.round, from: nameIn(tb.reveal, msg.from), to: msg.to ? ` → ${nameIn(tb.reveal, msg.to)}` : "", channel: channelName(msg.channel), text: "\u0001" }).split("\u0001");
  return h("li", null, before, h("span", { lang: said.lang, text: said.text }), after);
}

function draw(el: HTMLElement, tables: TableDebrief[], pending: number[], revealed: TableDebrief[], profilesOf: string, base = tables[0]?.analysis): void {
  const title = h("h2", { id: "class-debrief-title", text: t("table:classDebrief.title") });
  if (tables.length === 0 || !base) {
    fill(el, title, h("p", { class: "empty", text: t("table:classDebrief.noneEnded") }));
    return;
  }
  const delegations = tables[0]!.reveal.delegations;
  const summary = h(
    "table",
    { class: "seat-table", id: "class-debrief-table" },
    h("thead", null, h("tr", null, h("th", { text: t("table:classDebrief.table") }), h("th", { text: t("table:classDebrief.outcome") }), delegations.map((d) => h("th", { text: t("table:classDebrief.advantage", { name: d.name }) })), h("th", { text: t("table:classDebrief.leftOnTable") }))),
    h(
      "tbody",
      null,
      tables.map((tb) =>
        h(
          "tr",
          { "data-table": String(tb.table) },
          h("th", { scope: "row", class: "nowrap" }, h("span", { class: "dot", style: `background: ${DEAL_COLOURS[(tb.table - 1) % DEAL_COLOURS.length]}` }), t("table:classDebrief.tableN", { table: tb.table })),
          h("td", { text: tb.analysis.agreement ? t("table:classDebrief.deal") : t("table:classDebrief.noDeal") }),
          tb.analysis.parties.map((p) => h("td", { text: t("table:classDebrief.utilityAdvantage", { points: pts(p.utility), pct: pct(p.advantage) }) })),
          h("td", { text: tb.analysis.improvement ? t("table:classDebrief.leftPoints", { points: pts(tb.analysis.improvement.total) }) : t("table:classDebrief.onFrontier") }),
        ),
      ),
    ),
  );
  const figure =
    delegations.length === 2
      ? h(
          "figure",
          { style: "margin: 0" },
          chart(tables, [delegations[0]!.name, delegations[1]!.name], base),
          h("figcaption", { class: "small muted", text: t("table:classDebrief.caption2", { whose: profilesOf, first: t("table:classDebrief.tableShort", { table: 1 }), second: t("table:classDebrief.tableShort", { table: 2 }) }) }),
        )
      : h(
          "figure",
          { style: "margin: 0" },
          stripChart(tables, base),
          h("figcaption", { class: "small muted", text: t("table:classDebrief.captionN", { whose: profilesOf }) }),
        );
  const reveals = revealed.map((tb) =>
    h(
      "details",
      { class: "card", "data-reveal-table": String(tb.table) },
      h("summary", { text: t("table:classDebrief.revealSummary", { table: tb.table }) }),
      revealedBriefs(tb),
      h("h4", { text: t("table:classDebrief.messages") }),
      tb.reveal.messages.length === 0
        ? h("p", { class: "empty", text: t("table:classDebrief.noMessages") })
        : h("ul", { class: "log" }, tb.reveal.messages.map((msg) => messageLine(tb, msg))),
    ),
  );
  fill(
    el,
    title,
    figure,
    // A phone scrolls the summary sideways rather than the page.
    h("div", { class: "table-scroll", style: "position: relative; overflow-x: auto; max-width: 100%" }, summary),
    pending.length > 0 ? h("p", { class: "muted", text: t("table:classDebrief.stillRunning", { tables: pending.map(num).join(", ") }) }) : null,
    h("h3", { text: t("table:classDebrief.reveal") }),
    reveals,
  );
}
