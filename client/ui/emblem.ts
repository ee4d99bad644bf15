// Delegation emblems: abstract roundels drawn from a delegation's place at the table (a colour and
// a motif), never a flag or a logo. The same spec is drawn as SVG here and on the Phaser canvas.
import { s } from "./dom.ts";

export type Motif = "compass" | "rings" | "chevron" | "lattice" | "sunburst" | "keystone" | "wave" | "tower";

export interface EmblemSpec {
  field: string;
  accent: string;
  motif: Motif;
  initials: string;
}

const FIELDS = ["#2f5d8a", "#8a2f3b", "#2f7a6b", "#7a5a1f", "#5b3f7a", "#3f6b2f", "#8a4b2f", "#2f4a7a"];
const MOTIFS: Motif[] = ["compass", "rings", "chevron", "lattice", "sunburst", "keystone", "wave", "tower"];
export const BRASS = "#c9a54a";
export const PAPER = "#f4ecda";

/** Up to three letters from the delegation's name (skipping small words). */
export function initials(name: string): string {
  const words = name
    .replace(/[()]/g, " ")
    .split(/[\s\-–—/]+/)
    .filter((w) => w.length > 0 && !/^(of|the|and|for|de|la|du|des|et)$/i.test(w));
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return words
    .slice(0, 3)
    .map((w) => w[0]!)
    .join("")
    .toUpperCase();
}

export function emblemSpec(index: number, name: string): EmblemSpec {
  return {
    field: FIELDS[index % FIELDS.length]!,
    accent: PAPER,
    motif: MOTIFS[index % MOTIFS.length]!,
    initials: initials(name),
  };
}

/** Motif geometry in a unit circle (radius 1, centre 0,0): lists of polylines/polygons and circles. */
export interface MotifShape {
  polygons: { points: [number, number][]; fill: boolean }[];
  circles: { x: number; y: number; r: number; fill: boolean }[];
  lines: [number, number, number, number][];
}

export function motifShape(motif: Motif): MotifShape {
  const shape: MotifShape = { polygons: [], circles: [], lines: [] };
  switch (motif) {
    case "compass": {
      const pts: [number, number][] = [];
      for (let k = 0; k < 8; k++) {
        const a = (k * Math.PI) / 4 - Math.PI / 2;
        const r = k % 2 === 0 ? 0.78 : 0.24;
        pts.push([Math.cos(a) * r, Math.sin(a) * r]);
      }
      shape.polygons.push({ points: pts, fill: true });
      break;
    }
    case "rings":
      shape.circles.push({ x: -0.24, y: 0, r: 0.42, fill: false }, { x: 0.24, y: 0, r: 0.42, fill: false });
      break;
    case "chevron":
      shape.polygons.push({ points: [[-0.62, -0.05], [0, -0.55], [0.62, -0.05], [0.62, 0.2], [0, -0.3], [-0.62, 0.2]], fill: true });
      shape.polygons.push({ points: [[-0.62, 0.35], [0, -0.15], [0.62, 0.35], [0.62, 0.6], [0, 0.1], [-0.62, 0.6]], fill: true });
      break;
    case "lattice":
      for (const [x, y] of [[0, -0.4], [-0.4, 0], [0.4, 0], [0, 0.4]] as const) {
        shape.polygons.push({ points: [[x, y - 0.3], [x + 0.3, y], [x, y + 0.3], [x - 0.3, y]], fill: (x + y) % 0.8 === 0 });
      }
      break;
    case "sunburst":
      shape.circles.push({ x: 0, y: 0, r: 0.22, fill: true });
      for (let k = 0; k < 12; k++) {
        const a = (k * Math.PI) / 6;
        shape.lines.push([Math.cos(a) * 0.34, Math.sin(a) * 0.34, Math.cos(a) * 0.74, Math.sin(a) * 0.74]);
      }
      break;
    case "keystone":
      shape.polygons.push({ points: [[-0.5, -0.55], [0.5, -0.55], [0.3, 0.6], [-0.3, 0.6]], fill: false });
      shape.polygons.push({ points: [[-0.22, -0.3], [0.22, -0.3], [0.12, 0.32], [-0.12, 0.32]], fill: true });
      break;
    case "wave":
      for (const y of [-0.35, 0, 0.35]) {
        for (let k = 0; k < 6; k++) {
          const x0 = -0.72 + k * 0.24;
          shape.lines.push([x0, y + (k % 2 === 0 ? 0.1 : -0.1), x0 + 0.24, y + (k % 2 === 0 ? -0.1 : 0.1)]);
        }
      }
      break;
    case "tower":
      shape.polygons.push({
        points: [[-0.5, 0.6], [-0.5, -0.1], [-0.3, -0.1], [-0.3, -0.35], [-0.1, -0.35], [-0.1, -0.62], [0.1, -0.62], [0.1, -0.35], [0.3, -0.35], [0.3, -0.1], [0.5, -0.1], [0.5, 0.6]],
        fill: true,
      });
      break;
  }
  return shape;
}

/** The emblem as an SVG element (decorative: the delegation's name is always written next to it). */
export function emblemSvg(spec: EmblemSpec, size = 48): SVGSVGElement {
  const shape = motifShape(spec.motif);
  const k = 36; // motif radius inside a 100-unit viewBox
  const p = (v: number) => (50 + v * k).toFixed(1);
  const root = s("svg", { viewBox: "0 0 100 100", width: size, height: size, class: "emblem", "aria-hidden": "true", focusable: "false" });
  root.append(
    s("circle", { cx: 50, cy: 50, r: 47, fill: BRASS }),
    s("circle", { cx: 50, cy: 50, r: 42, fill: spec.field, stroke: "#0e1a2b", "stroke-width": 2 }),
  );
  for (const poly of shape.polygons) {
    root.append(
      s("polygon", {
        points: poly.points.map(([x, y]) => `${p(x)},${p(y)}`).join(" "),
        fill: poly.fill ? spec.accent : "none",
        stroke: spec.accent,
        "stroke-width": 3,
        "stroke-linejoin": "round",
        opacity: 0.92,
      }),
    );
  }
  for (const c of shape.circles) {
    root.append(s("circle", { cx: p(c.x), cy: p(c.y), r: (c.r * k).toFixed(1), fill: c.fill ? spec.accent : "none", stroke: spec.accent, "stroke-width": 3.5, opacity: 0.92 }));
  }
  for (const [x1, y1, x2, y2] of shape.lines) {
    root.append(s("line", { x1: p(x1), y1: p(y1), x2: p(x2), y2: p(y2), stroke: spec.accent, "stroke-width": 3.5, "stroke-linecap": "round", opacity: 0.92 }));
  }
  return root;
}

/** The game's own mark (the brand), drawn. */
export function brandMark(): SVGSVGElement {
  return s(
    "svg",
    { viewBox: "0 0 64 64", "aria-hidden": "true", focusable: "false" },
    s("circle", { cx: 32, cy: 32, r: 29, fill: "#0e1a2b", stroke: BRASS, "stroke-width": 3 }),
    s("path", { d: "M32 12 L50 32 L32 52 L14 32 Z", fill: "none", stroke: PAPER, "stroke-width": 3.5, "stroke-linejoin": "round" }),
    s("circle", { cx: 32, cy: 32, r: 6, fill: BRASS }),
  );
}
