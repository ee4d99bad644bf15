// The debrief's charts as SVG built node by node (labels are text nodes): the outcome space of a
// two-delegation negotiation with its Pareto frontier, and for more delegations one bar each
// against its Nash share.
import { h, s } from "../ui/dom.ts";
import { pts } from "../ui/format.ts";
import { fmt, t } from "../i18n.ts";
import type { DebriefAnalysis } from "./analysis.ts";

const COLORS = {
  cloud: "#4f6d96",
  frontier: "#e2c476",
  deal: "#6cc49a",
  nash: "#f4ecda",
  historical: "#8fb8ea",
  replay: "#ec8b7c",
  walk: "#ec8b7c",
};

export interface ScatterChart {
  el: HTMLElement;
  /** Move the replay marker (null hides it). */
  setReplay(u: number[] | null): void;
}

function marker(kind: "deal" | "nash" | "historical" | "replay", x: number, y: number, size = 8): SVGElement {
  const shape = markerShape(kind, x, y, size);
  shape.setAttribute("class", `marker ${kind}`);
  return shape;
}

function markerShape(kind: "deal" | "nash" | "historical" | "replay", x: number, y: number, size: number): SVGElement {
  switch (kind) {
    case "deal":
      return s("polygon", { points: `${x},${y - size * 1.3} ${x + size * 1.3},${y} ${x},${y + size * 1.3} ${x - size * 1.3},${y}`, fill: COLORS.deal, stroke: "#0e1a2b", "stroke-width": 2 });
    case "nash":
      return s("circle", { cx: x, cy: y, r: size, fill: "none", stroke: COLORS.nash, "stroke-width": 3 });
    case "historical":
      return s("rect", { x: x - size, y: y - size, width: size * 2, height: size * 2, fill: COLORS.historical, stroke: "#0e1a2b", "stroke-width": 2 });
    case "replay":
      return s("circle", { cx: x, cy: y, r: size * 1.5, fill: "none", stroke: COLORS.replay, "stroke-width": 3 });
  }
}

function legendItem(kind: "deal" | "nash" | "historical" | "replay" | "frontier" | "walk", label: string): HTMLElement {
  const icon = s("svg", { viewBox: "0 0 20 20", "aria-hidden": "true" });
  if (kind === "frontier") icon.append(s("line", { x1: 2, y1: 16, x2: 18, y2: 4, stroke: COLORS.frontier, "stroke-width": 3 }));
  else if (kind === "walk") icon.append(s("line", { x1: 2, y1: 10, x2: 18, y2: 10, stroke: COLORS.walk, "stroke-width": 2, "stroke-dasharray": "4 3" }));
  else icon.append(marker(kind, 10, 10, 5));
  return h("li", null, icon, label);
}

export function scatterChart(a: DebriefAnalysis, names: [string, string]): ScatterChart {
  const W = 560;
  const H = 440;
  const m = { l: 56, r: 18, t: 16, b: 50 };
  const x = (u: number) => m.l + u * (W - m.l - m.r);
  const y = (u: number) => H - m.b - u * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": "scatter-title scatter-desc" });
  const title = s("title", { id: "scatter-title", text: t("screens:debrief.chart.scatterTitle") });
  const desc = s("desc", {
    id: "scatter-desc",
    text: t("screens:debrief.chart.scatterDesc", { a: names[0], b: names[1], dealA: pts(a.deal[0]), dealB: pts(a.deal[1]), nashA: pts(a.nash?.utilities[0]), nashB: pts(a.nash?.utilities[1]) }),
  });
  svg.append(title, desc);
  for (let k = 0; k <= 10; k += 2) {
    const v = k / 10;
    svg.append(
      s("line", { class: "grid", x1: x(v), y1: y(0), x2: x(v), y2: y(1) }),
      s("line", { class: "grid", x1: x(0), y1: y(v), x2: x(1), y2: y(v) }),
      s("text", { x: x(v), y: H - m.b + 18, "text-anchor": "middle", text: fmt.number(k * 10) }),
      s("text", { x: m.l - 8, y: y(v) + 4, "text-anchor": "end", text: fmt.number(k * 10) }),
    );
  }
  svg.append(
    s("line", { class: "axis", x1: x(0), y1: y(0), x2: x(1), y2: y(0) }),
    s("line", { class: "axis", x1: x(0), y1: y(0), x2: x(0), y2: y(1) }),
    s("text", { x: (x(0) + x(1)) / 2, y: H - 10, "text-anchor": "middle", style: "font-weight: 600; fill: #ece5d3", text: t("screens:debrief.chart.axis", { name: names[0] }) }),
    s("text", { x: 16, y: (y(0) + y(1)) / 2, "text-anchor": "middle", transform: `rotate(-90 16 ${(y(0) + y(1)) / 2})`, style: "font-weight: 600; fill: #ece5d3", text: t("screens:debrief.chart.axis", { name: names[1] }) }),
  );
  const cloud = s("g", { "aria-hidden": "true" });
  for (const [u0, u1] of a.cloud) cloud.append(s("circle", { cx: x(u0).toFixed(1), cy: y(u1).toFixed(1), r: 1.8, fill: COLORS.cloud, opacity: 0.55 }));
  svg.append(cloud);
  // Walk-away lines: deals to the lower left of either are worse than no deal for someone.
  const [r0, r1] = [a.parties[0]!.reservation, a.parties[1]!.reservation];
  svg.append(
    s("line", { x1: x(r0), y1: y(0), x2: x(r0), y2: y(1), stroke: COLORS.walk, "stroke-width": 1.5, "stroke-dasharray": "6 5", opacity: 0.85 }),
    s("line", { x1: x(0), y1: y(r1), x2: x(1), y2: y(r1), stroke: COLORS.walk, "stroke-width": 1.5, "stroke-dasharray": "6 5", opacity: 0.85 }),
  );
  const frontier = [...a.frontier].sort((p, q) => p[0]! - q[0]!);
  if (frontier.length) {
    svg.append(
      s("polyline", {
        class: "frontier",
        points: frontier.map((f) => `${x(f[0]!).toFixed(1)},${y(f[1]!).toFixed(1)}`).join(" "),
        fill: "none",
        stroke: COLORS.frontier,
        "stroke-width": 3,
        "stroke-linejoin": "round",
      }),
    );
    for (const f of frontier) svg.append(s("circle", { cx: x(f[0]!), cy: y(f[1]!), r: 3, fill: COLORS.frontier }));
  }
  const replay = s("g", { "aria-hidden": "true" });
  svg.append(replay);
  if (a.historical) svg.append(marker("historical", x(a.historical.utilities[0]!), y(a.historical.utilities[1]!)));
  if (a.nash) svg.append(marker("nash", x(a.nash.utilities[0]!), y(a.nash.utilities[1]!), 10));
  svg.append(marker("deal", x(a.deal[0]!), y(a.deal[1]!)));

  const legend = h(
    "ul",
    { class: "legend" },
    legendItem("frontier", t("screens:debrief.chart.frontier")),
    legendItem("deal", a.agreement ? t("screens:debrief.chart.deal") : t("screens:debrief.chart.noDeal")),
    a.nash ? legendItem("nash", t("screens:debrief.chart.nash")) : null,
    a.historical ? legendItem("historical", t("screens:debrief.chart.historicalLegend")) : null,
    legendItem("walk", t("screens:debrief.chart.walkAways")),
    legendItem("replay", t("screens:debrief.chart.replay")),
  );
  const el = h("figure", { style: "margin: 0" }, svg, h("figcaption", null, legend));
  return {
    el,
    setReplay(u) {
      while (replay.firstChild) replay.removeChild(replay.firstChild);
      if (u) replay.append(marker("replay", x(u[0]!), y(u[1]!)));
    },
  };
}

/** One row per delegation: the outcome's utility as a bar, its Nash-point utility and walk-away as ticks. */
export function barsChart(a: DebriefAnalysis, replay: number[] | null = null): HTMLElement {
  const rowH = 40;
  const W = 560;
  const labelW = 150;
  const m = { t: 12, b: 34, r: 16 };
  const H = m.t + m.b + rowH * a.parties.length;
  const x = (u: number) => labelW + u * (W - labelW - m.r);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart bars-chart", role: "img", "aria-labelledby": "bars-title" });
  svg.append(
    s("title", {
      id: "bars-title",
      text: t("screens:debrief.chart.barsTitle", { list: a.parties.map((p) => t("screens:debrief.chart.barsParty", { name: p.name, utility: pts(p.utility), nash: pts(p.nashUtility), walkAway: pts(p.reservation) })).join("; ") }),
    }),
  );
  for (let k = 0; k <= 10; k += 2) {
    svg.append(s("line", { class: "grid", x1: x(k / 10), y1: m.t, x2: x(k / 10), y2: H - m.b }), s("text", { x: x(k / 10), y: H - m.b + 18, "text-anchor": "middle", text: fmt.number(k * 10) }));
  }
  a.parties.forEach((p, i) => {
    const y0 = m.t + i * rowH;
    const mid = y0 + rowH / 2;
    svg.append(
      s("text", { x: labelW - 10, y: mid + 4, "text-anchor": "end", class: "row-label", style: "fill: #ece5d3", text: p.name.length > 22 ? `${p.name.slice(0, 21)}…` : p.name }),
      s("rect", { x: x(0), y: mid - 9, width: Math.max(1, x(p.utility) - x(0)), height: 18, rx: 4, fill: p.utility >= p.reservation ? COLORS.deal : COLORS.walk, opacity: 0.9 }),
      s("line", { x1: x(p.reservation), y1: mid - 14, x2: x(p.reservation), y2: mid + 14, stroke: COLORS.walk, "stroke-width": 2, "stroke-dasharray": "3 2" }),
    );
    if (p.nashUtility !== null) svg.append(s("line", { x1: x(p.nashUtility), y1: mid - 15, x2: x(p.nashUtility), y2: mid + 15, stroke: COLORS.nash, "stroke-width": 3 }));
    if (a.historical) svg.append(marker("historical", x(a.historical.utilities[i]!), mid, 4));
    if (replay) svg.append(marker("replay", x(replay[i]!), mid, 6));
  });
  const legend = h(
    "ul",
    { class: "legend" },
    legendItem("deal", a.agreement ? t("screens:debrief.chart.dealBar") : t("screens:debrief.chart.walkAwayBar")),
    a.nash ? h("li", null, s("svg", { viewBox: "0 0 20 20", "aria-hidden": "true" }, s("line", { x1: 10, y1: 2, x2: 10, y2: 18, stroke: COLORS.nash, "stroke-width": 3 })), t("screens:debrief.chart.nash")) : null,
    legendItem("walk", t("screens:debrief.chart.walkAway")),
    a.historical ? legendItem("historical", t("screens:debrief.chart.historicalLegend")) : null,
    replay ? legendItem("replay", t("screens:debrief.chart.replay")) : null,
  );
  return h("figure", { style: "margin: 0" }, svg, h("figcaption", null, legend));
}
