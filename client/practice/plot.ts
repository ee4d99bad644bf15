// The progress page's plot, SVG built node by node like the debrief's charts: every game and drill
// in time order, games as your advantage (0 at your walk-away, 100 at your best possible deal) on
// one line, drills as their score on another.
import { fmt, t } from "../i18n.ts";
import { h, s } from "../ui/dom.ts";
import type { Entry } from "./ladder.ts";

const COLORS = { game: "#6cc49a", drill: "#e2c476", grid: "#2c3f5c" };

export function progressPlot(entries: readonly Entry[]): HTMLElement {
  const W = 640;
  const H = 300;
  const m = { l: 48, r: 16, t: 14, b: 40 };
  const n = entries.length;
  const x = (k: number) => m.l + (n <= 1 ? 0.5 : k / (n - 1)) * (W - m.l - m.r);
  const games = entries.flatMap((e, k) => (e.kind === "game" ? [{ k, v: e.advantage * 100 }] : []));
  const drills = entries.flatMap((e, k) => (e.kind === "drill" ? [{ k, v: e.score }] : []));
  // Below 0 is a deal worse than walking away: the scale goes down to the lowest such game (at most −100).
  const lo = Math.max(-100, Math.min(0, Math.floor(Math.min(...games.map((g) => g.v), 0) / 25) * 25));
  const y = (v: number) => H - m.b - ((Math.max(lo, Math.min(100, v)) - lo) / (100 - lo)) * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart progress-plot", id: "progress-plot", role: "img", "aria-labelledby": "plot-title plot-desc" });
  svg.append(
    s("title", { id: "plot-title", text: t("practice:progress.plotTitle") }),
    s("desc", { id: "plot-desc", text: t("practice:progress.plotDesc", { games: fmt.number(games.length), drills: fmt.number(drills.length) }) }),
  );
  for (let v = lo; v <= 100; v += 25) {
    svg.append(s("line", { class: "grid", x1: m.l, y1: y(v), x2: W - m.r, y2: y(v) }), s("text", { x: m.l - 8, y: y(v) + 4, "text-anchor": "end", text: fmt.number(v) }));
  }
  svg.append(
    s("line", { class: "axis", x1: m.l, y1: y(0), x2: W - m.r, y2: y(0), "stroke-width": 2 }),
    s("text", { x: (m.l + W - m.r) / 2, y: H - 10, "text-anchor": "middle", style: "fill: #ece5d3", text: t("practice:progress.axisX") }),
  );
  const series = (points: { k: number; v: number }[], color: string, kind: "game" | "drill") => {
    if (points.length > 1) svg.append(s("polyline", { points: points.map((p) => `${x(p.k).toFixed(1)},${y(p.v).toFixed(1)}`).join(" "), fill: "none", stroke: color, "stroke-width": 2.5, "stroke-linejoin": "round", opacity: 0.85 }));
    for (const p of points) {
      svg.append(
        kind === "game"
          ? s("circle", { class: "point game", cx: x(p.k), cy: y(p.v), r: 6, fill: color, stroke: "#0e1a2b", "stroke-width": 2 })
          : s("rect", { class: "point drill", x: x(p.k) - 6, y: y(p.v) - 6, width: 12, height: 12, fill: color, stroke: "#0e1a2b", "stroke-width": 2, transform: `rotate(45 ${x(p.k)} ${y(p.v)})` }),
      );
    }
  };
  series(games, COLORS.game, "game");
  series(drills, COLORS.drill, "drill");
  const key = (kind: "game" | "drill", label: string) => {
    const icon = s("svg", { viewBox: "0 0 20 20", "aria-hidden": "true" });
    icon.append(kind === "game" ? s("circle", { cx: 10, cy: 10, r: 6, fill: COLORS.game }) : s("rect", { x: 5, y: 5, width: 10, height: 10, fill: COLORS.drill, transform: "rotate(45 10 10)" }));
    return h("li", null, icon, label);
  };
  return h("figure", { style: "margin: 0" }, svg, h("figcaption", null, h("ul", { class: "legend" }, key("game", t("practice:progress.plotGames")), key("drill", t("practice:progress.plotDrills")))));
}
