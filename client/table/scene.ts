// The negotiating table on a Phaser canvas, seen from your own chair: the delegations seated round
// the table with their names, emblems and connection state, who is to move, the turn timer, the
// package on the table as one card per issue, and what it is worth to you against your walk-away
// line. The scene only draws: it reads the connection's snapshot and listens to its events, and
// unbinds them when it shuts down.
import Phaser from "phaser";
import type { ReadonlyProfile } from "../../shared/rules/types.ts";
import type { TableConnection } from "../net/connection.ts";
import { waitingFor } from "../net/legal.ts";
import { secondsLeft, type SeatInfo, type TableView } from "../net/view.ts";
import { emblemSpec, motifShape } from "../ui/emblem.ts";
import { clock, endReason, strategyLabel } from "../ui/format.ts";
import { optionLabel, utilityOf } from "../ui/package.ts";

const C = {
  bg: 0x0e1a2b,
  felt: 0x17344a,
  feltEdge: 0x0f2637,
  rim: 0x6b4f22,
  rimLight: 0xc9a54a,
  paper: 0xf4ecda,
  paperEdge: 0xd6c7a6,
  ink: "#1b2231",
  inkSoft: "#5a5f6b",
  text: "#ece5d3",
  textSoft: "#b7c3d6",
  dim: "#93a3bb",
  brass: 0xc9a54a,
  brassText: "#e2c476",
  green: 0x6cc49a,
  greenText: "#7fd3aa",
  red: 0xec8b7c,
  redText: "#f09a8c",
  amber: 0xe8bf5a,
  amberText: "#f0c96a",
  blue: 0x8fb8ea,
  track: 0x223652,
};

const SERIF = '"Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif';
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

function hex(color: string): number {
  return Number.parseInt(color.replace("#", ""), 16);
}

type LabelPlace = "left" | "right" | "above" | "below";

export interface SceneData {
  conn: TableConnection;
}

export class TableScene extends Phaser.Scene {
  private conn!: TableConnection;
  private layer!: Phaser.GameObjects.Container;
  private timerGfx!: Phaser.GameObjects.Graphics;
  private timerShown = "";
  private timerSeats: { x: number; y: number; r: number; tag: Phaser.GameObjects.Text; tags: string[] }[] = [];
  private unbind: (() => void)[] = [];
  private dirty = true;
  private dpr = 1;
  /** Frames drawn with nothing new: past a few, the game loop sleeps until something changes. */
  private idleFrames = 0;

  constructor() {
    super({ key: "table" });
  }

  init(data: SceneData): void {
    this.conn = data.conn;
  }

  create(): void {
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    this.cameras.main.setBackgroundColor(C.bg);
    this.layer = this.add.container(0, 0);
    this.timerGfx = this.add.graphics();
    // Nothing moves between events but the turn timer, so the loop sleeps when idle and wakes on
    // a change, a resize, or the timer's next second (a table left open costs next to nothing).
    const redraw = () => {
      this.dirty = true;
      this.wake();
    };
    this.unbind.push(this.conn.events.on("table", redraw), this.conn.events.on("seat", redraw), this.conn.events.on("connection", redraw));
    this.scale.on(Phaser.Scale.Events.RESIZE, redraw);
    this.unbind.push(() => this.scale.off(Phaser.Scale.Events.RESIZE, redraw));
    const parent = this.game.canvas.parentElement;
    if (parent && typeof ResizeObserver !== "undefined") {
      const observer = new ResizeObserver(() => this.wake());
      observer.observe(parent);
      this.unbind.push(() => observer.disconnect());
    }
    const tick = window.setInterval(() => {
      const v = this.conn.view;
      if (v && (v.phase === "running" || v.phase === "paused")) this.wake();
    }, 1000);
    this.unbind.push(() => window.clearInterval(tick));
    // Callbacks are unbound when the scene stops or the game is destroyed.
    const shutdown = () => {
      for (const fn of this.unbind.splice(0)) fn();
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, shutdown);
    this.events.once(Phaser.Scenes.Events.DESTROY, shutdown);
  }

  private wake(): void {
    this.idleFrames = 0;
    this.game.loop.wake();
  }

  override update(): void {
    let changed = false;
    if (this.dirty) {
      this.dirty = false;
      this.draw();
      changed = true;
    }
    if (this.drawTimer()) changed = true;
    this.idleFrames = changed ? 0 : this.idleFrames + 1;
    // About a second of quiet (the scale manager checks its parent's size twice a second).
    if (this.idleFrames > 10) this.game.loop.sleep();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private text(x: number, y: number, s: string, size: number, color: string, family = SANS, style = "normal", wrap?: number): Phaser.GameObjects.Text {
    const t = this.add.text(x, y, s, {
      fontFamily: family,
      fontSize: `${Math.round(size)}px`,
      fontStyle: style,
      color,
      resolution: this.dpr,
      align: "center",
      ...(wrap ? { wordWrap: { width: wrap, useAdvancedWrap: true } } : {}),
    });
    return t;
  }

  private add2<T extends Phaser.GameObjects.GameObject>(obj: T): T {
    this.layer.add(obj);
    return obj;
  }

  private emblem(g: Phaser.GameObjects.Graphics, index: number, name: string, x: number, y: number, r: number): void {
    const spec = emblemSpec(index, name);
    g.fillStyle(C.rimLight, 1).fillCircle(x, y, r);
    g.fillStyle(hex(spec.field), 1).fillCircle(x, y, r * 0.88);
    const shape = motifShape(spec.motif);
    const k = r * 0.72;
    const accent = hex(spec.accent);
    g.lineStyle(Math.max(1.5, r * 0.07), accent, 0.95);
    for (const poly of shape.polygons) {
      g.beginPath();
      poly.points.forEach(([px, py], i) => (i === 0 ? g.moveTo(x + px * k, y + py * k) : g.lineTo(x + px * k, y + py * k)));
      g.closePath();
      if (poly.fill) {
        g.fillStyle(accent, 0.95);
        g.fillPath();
      }
      g.strokePath();
    }
    for (const c of shape.circles) {
      if (c.fill) g.fillStyle(accent, 0.95).fillCircle(x + c.x * k, y + c.y * k, c.r * k);
      else g.strokeCircle(x + c.x * k, y + c.y * k, c.r * k);
    }
    for (const [x1, y1, x2, y2] of shape.lines) g.lineBetween(x + x1 * k, y + y1 * k, x + x2 * k, y + y2 * k);
  }

  // ---- the drawing --------------------------------------------------------------------------

  private draw(): void {
    this.layer.removeAll(true);
    this.timerSeats = [];
    const view = this.conn.view;
    const scenario = this.conn.scenario;
    if (!view || !scenario) return;
    const W = this.scale.width;
    const H = this.scale.height;
    const narrow = W < 640;
    const me = this.conn.delegation;
    const profile = this.conn.seat?.me?.profile ?? null;
    const g = this.add2(this.add.graphics());
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
    // Two delegations sit top and bottom: their labels need no room at the sides.
    const labelW = n <= 2 ? 20 : 150;
    let cardsBelow = narrow;
    let tableH = cardsBelow ? Math.max(200, areaH * 0.56) : areaH;
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
        tableH = Math.max(200, areaH * 0.56);
        ({ rx, ry } = radii(tableH));
      }
    }
    const cy = areaTop + tableH / 2;
    const cardArea = cardsBelow ? { x: 14, y: areaTop + tableH + 8, w: W - 28, h: areaH - tableH - 10 } : { x: cx - rx * 0.74, y: cy - ry * 0.58, w: rx * 1.48, h: ry * 1.24 };

    // The table itself.
    g.fillStyle(0x000000, 0.35).fillEllipse(cx, cy + 8, rx * 2 + 26, ry * 2 + 26);
    g.fillStyle(C.rim, 1).fillEllipse(cx, cy, rx * 2 + 22, ry * 2 + 22);
    g.lineStyle(2, C.rimLight, 0.9).strokeEllipse(cx, cy, rx * 2 + 22, ry * 2 + 22);
    g.fillStyle(C.feltEdge, 1).fillEllipse(cx, cy, rx * 2, ry * 2);
    g.fillStyle(C.felt, 1).fillEllipse(cx, cy, rx * 2 - 12, ry * 2 - 12);
    g.lineStyle(1, C.rimLight, 0.25).strokeEllipse(cx, cy, rx * 1.6, ry * 1.6);

    // Seats round the table, your own at the bottom.
    const order = view.delegations;
    const mine = Math.max(0, order.findIndex((d) => d.id === me));
    const offer = view.offer;
    order.forEach((seat, i) => {
      const a = Math.PI / 2 + (2 * Math.PI * (i - mine)) / n;
      const sx = cx + Math.cos(a) * (rx + seatR * 1.9);
      const sy = cy + Math.sin(a) * (ry + seatR * 1.75);
      const place: LabelPlace = sideLabels ? (Math.cos(a) < -0.3 ? "left" : "right") : Math.sin(a) < -0.2 ? "above" : "below";
      this.drawSeat(g, view, seat, i, sx, sy, seatR, place, me, waiting, offer);
    });

    // The package on the table (or the deal).
    const pkg = offer?.package ?? (view.phase === "ended" ? view.outcome?.package ?? null : null);
    if (pkg) {
      this.drawCards(g, pkg, cardArea, profile);
      if (cardsBelow) {
        const who = offer ? `Package from ${nameOf(view, offer.proposer)}` : "The deal";
        this.add2(this.text(cx, cy, who, narrow ? 13 : 15, C.brassText, SERIF, "bold", rx * 1.5).setOrigin(0.5));
      }
    } else {
      const text =
        view.phase === "waiting" ? "The table is being set" : view.phase === "ended" ? (view.outcome?.agreement ? "Agreement" : "No agreement") : "No package on the table";
      this.add2(this.text(cx, cy, text, narrow ? 14 : 17, C.textSoft, SERIF, "italic", rx * 1.4).setOrigin(0.5));
    }
    if (view.phase !== "waiting") {
      const round = view.phase === "ended" ? `Ended in round ${view.outcome?.round ?? view.round}` : `Round ${view.round} of ${view.deadlineRounds}`;
      const t = this.add2(this.text(cx, cy - ry + Math.min(22, ry * 0.3), round.toUpperCase(), narrow ? 10 : 11, C.brassText, SANS, "bold").setOrigin(0.5));
      t.setLetterSpacing(2);
      if (!cardsBelow && pkg) t.setVisible(ry > 80);
    }

    // Your utility of the package against your walk-away line.
    if (profile) {
      const y0 = H - bottom;
      const x0 = 20;
      const x1 = W - 20;
      const barY = y0 + 34;
      const u = pkg ? utilityOf(profile, pkg) : null;
      const r = profile.reservationValue;
      g.fillStyle(0x0b1524, 0.9).fillRect(0, y0, W, bottom);
      g.lineStyle(1, 0x2c4566, 1).lineBetween(0, y0, W, y0);
      g.fillStyle(C.track, 1).fillRoundedRect(x0, barY, x1 - x0, 10, 5);
      if (u !== null) g.fillStyle(u >= r ? C.green : C.red, 1).fillRoundedRect(x0, barY, Math.max(10, (x1 - x0) * u), 10, 5);
      const wx = x0 + (x1 - x0) * r;
      g.fillStyle(C.red, 1).fillRect(wx - 1.5, barY - 6, 3, 22);
      const caption =
        u === null
          ? `Your walk-away point: ${Math.round(r * 100)}`
          : narrow
            ? `Worth ${Math.round(u * 100)} to you · walk-away ${Math.round(r * 100)}`
            : `${offer ? (offer.proposer === me ? "Your offer" : "The package on the table") : "The deal"} is worth ${Math.round(u * 100)} to you · walk-away ${Math.round(r * 100)}`;
      this.add2(this.text(x0, y0 + 16, caption, narrow ? 12 : 13, u === null ? C.text : u >= r ? C.greenText : C.redText, SANS, "bold").setOrigin(0, 0.5));
    }

    // Phase overlays.
    if (view.phase === "paused" || this.conn.state === "reconnecting" || this.conn.state === "lost") {
      const paused = view.phase === "paused";
      g.fillStyle(0x05090f, 0.55).fillRect(0, 0, W, H - bottom);
      const text = paused ? "PAUSED" : this.conn.state === "lost" ? "CONNECTION LOST" : "RECONNECTING…";
      const t = this.add2(this.text(cx, cy, text, narrow ? 22 : 30, paused ? C.amberText : C.redText, SERIF, "bold").setOrigin(0.5));
      t.setLetterSpacing(6);
    }
    this.timerShown = "";
  }

  private drawSeat(
    g: Phaser.GameObjects.Graphics,
    view: TableView,
    seat: SeatInfo,
    index: number,
    x: number,
    y: number,
    r: number,
    place: LabelPlace,
    me: string | null,
    waiting: string[],
    offer: TableView["offer"],
  ): void {
    const toMove = (view.phase === "running" || view.phase === "paused") && waiting.includes(seat.id);
    if (toMove) {
      g.fillStyle(C.brass, 0.16).fillCircle(x, y, r * 1.6);
      g.lineStyle(4, C.track, 1).strokeCircle(x, y, r * 1.3);
    } else if (seat.id === me) {
      g.lineStyle(2, C.blue, 0.8).strokeCircle(x, y, r * 1.22);
    }
    this.emblem(g, index, seat.name, x, y, r);
    const present = seat.control === "bot" || seat.connected > 0;
    if (!present) g.fillStyle(C.bg, 0.55).fillCircle(x, y, r);

    // Connection dot.
    const reconnecting = seat.control === "people" && seat.connected === 0 && seat.people.some((p) => p.status === "reconnecting");
    const dot = seat.control === "bot" ? C.blue : seat.connected > 0 ? C.green : reconnecting ? C.amber : 0x6b7a90;
    g.fillStyle(C.bg, 1).fillCircle(x + r * 0.74, y + r * 0.74, r * 0.3);
    g.fillStyle(dot, 1).fillCircle(x + r * 0.74, y + r * 0.74, r * 0.21);

    // Vote or answer marks.
    const response = offer?.responses[seat.id];
    if (response && !(view.protocol === "multilateral" && offer?.proposer === seat.id)) {
      const ok = response === "accept";
      const bx = x - r * 0.78;
      const by = y - r * 0.78;
      g.fillStyle(ok ? C.green : C.red, 1).fillCircle(bx, by, r * 0.36);
      this.add2(this.text(bx, by, ok ? "✓" : "✗", r * 0.5, "#0e1a2b", SANS, "bold").setOrigin(0.5));
    }

    const name = seat.id === me ? `${seat.name} (you)` : seat.name;
    const people = seat.people.filter((p) => p.delegation === seat.id);
    const state =
      seat.control === "bot"
        ? `Bot · ${strategyLabel(seat.strategy)}`
        : seat.connected > 0
          ? seat.id === me
            ? "Connected"
            : people.length === 1
            ? people[0]!.name
            : `${seat.connected} connected`
          : reconnecting
            ? "Reconnecting…"
            : seat.members > 0
              ? "Away"
              : "Empty seat";
    const tags: string[] = [];
    if (toMove) tags.push(view.protocol === "multilateral" && view.stage === "voting" ? "VOTING" : "TO MOVE");
    if (offer && offer.proposer === seat.id) tags.push(view.protocol === "multilateral" ? "TABLED" : "OFFER");
    const nameSize = Math.max(11, Math.min(14, r * 0.55));
    const side = place === "left" || place === "right";
    const wrap = side ? 140 : Math.min(this.scale.width - 40, 260);
    const ox = place === "left" ? 1 : place === "right" ? 0 : 0.5;
    const tx = place === "left" ? x - r * 1.45 : place === "right" ? x + r * 1.45 : x;
    const align = place === "left" ? "right" : place === "right" ? "left" : "center";
    const nameText = this.add2(this.text(tx, 0, name, nameSize, seat.id === me ? C.brassText : C.text, SERIF, "bold", wrap).setOrigin(ox, 0).setAlign(align));
    const stateText = this.add2(this.text(tx, 0, state, nameSize - 2, reconnecting ? C.amberText : C.dim, SANS, "normal", wrap).setOrigin(ox, 0).setAlign(align));
    const tagText = this.add2(this.text(tx, 0, tags.length ? tags.join(" · ") : " ", nameSize - 2, toMove ? C.brassText : C.textSoft, SANS, "bold").setOrigin(ox, 0).setAlign(align));
    tagText.setLetterSpacing(1.2);
    const blocks = [nameText, stateText, tagText];
    const total = blocks.reduce((sum, t) => sum + t.height, 0) + 2;
    let ly = side ? y - total / 2 : place === "above" ? y - r * 1.35 - 4 - total : y + r * 1.35 + 4;
    for (const t of blocks) {
      t.setY(ly);
      ly += t.height + 1;
    }
    if (toMove) this.timerSeats.push({ x, y, r: r * 1.3, tag: tagText, tags });
  }

  private drawCards(g: Phaser.GameObjects.Graphics, pkg: Record<string, string>, area: { x: number; y: number; w: number; h: number }, profile: ReadonlyProfile | null): void {
    const scenario = this.conn.scenario!;
    const issues = scenario.issues;
    const grid = cardGrid(issues.length, area.w, area.h);
    const gap = 6;
    issues.forEach((issue, k) => {
      const col = k % grid.cols;
      const row = Math.floor(k / grid.cols);
      const inRow = Math.min(grid.cols, issues.length - row * grid.cols);
      const rowW = inRow * grid.w + (inRow - 1) * gap;
      const x = area.x + (area.w - rowW) / 2 + col * (grid.w + gap);
      const y = area.y + (area.h - (grid.rows * grid.h + (grid.rows - 1) * gap)) / 2 + row * (grid.h + gap);
      g.fillStyle(0x000000, 0.25).fillRoundedRect(x + 1, y + 2, grid.w, grid.h, 5);
      g.fillStyle(C.paper, 1).fillRoundedRect(x, y, grid.w, grid.h, 5);
      g.fillStyle(C.brass, 1).fillRect(x, y, grid.w, 3);
      const value = profile ? profile.values[issue.id]?.[pkg[issue.id] ?? ""] ?? null : null;
      const small = Math.max(9, Math.min(11, grid.h * 0.15));
      const title = this.add2(this.text(x + 6, y + 6, issue.title.toUpperCase(), small, C.inkSoft, SANS, "bold", grid.w - 12).setOrigin(0, 0).setAlign("left"));
      title.setLetterSpacing(0.5);
      clampLines(title, grid.h >= 70 ? 2 : 1);
      const room = grid.h - 6 - title.height - 2 - (value !== null ? 7 : 3);
      // The option in the largest type that still fits two lines (one, on a flat card).
      let big = Math.max(10, Math.min(14, grid.h * 0.22));
      while (big > 10 && room < 2 * big * 1.2) big -= 0.5;
      const label = this.add2(this.text(x + 6, y + 8 + title.height, optionLabel(scenario, issue.id, pkg[issue.id]), big, C.ink, SERIF, "bold", grid.w - 12).setOrigin(0, 0).setAlign("left"));
      clampLines(label, Math.max(1, Math.floor(room / (big * 1.2))));
      if (value !== null) {
        const bw = grid.w - 12;
        g.fillStyle(0xdccfb3, 1).fillRect(x + 6, y + grid.h - 6, bw, 3);
        g.fillStyle(0x3e6a98, 1).fillRect(x + 6, y + grid.h - 6, bw * value, 3);
      }
    });
  }

  /** The turn timer: a ring round each seat that is to move, emptying as the turn runs out. */
  /** Returns whether anything was redrawn. */
  private drawTimer(): boolean {
    const view = this.conn.view;
    if (!view) return false;
    const running = view.phase === "running" || view.phase === "paused";
    const left = running ? secondsLeft(view.timer) : 0;
    const label = running ? clock(left) : "";
    const key = `${label}|${this.timerSeats.length}|${view.phase}`;
    if (key === this.timerShown) return false;
    this.timerShown = key;
    const g = this.timerGfx;
    g.clear();
    if (!running || view.timer.seconds <= 0) return true;
    const frac = Math.max(0, Math.min(1, left / view.timer.seconds));
    const color = left <= 10 ? C.red : frac < 0.25 ? C.amber : C.brass;
    for (const seat of this.timerSeats) {
      g.lineStyle(4, color, 1);
      g.beginPath();
      g.arc(seat.x, seat.y, seat.r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * frac, false);
      g.strokePath();
      seat.tag.setText([...seat.tags, label].join(" · "));
      seat.tag.setColor(left <= 10 ? C.redText : C.brassText);
    }
    return true;
  }
}

function nameOf(view: TableView, id: string): string {
  return view.delegations.find((d) => d.id === id)?.name ?? id;
}

/** Columns and rows of cards, and each card's size, for n cards in a w × h area. */
function cardGrid(n: number, w: number, h: number): { cols: number; rows: number; w: number; h: number } {
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

/** Cut a wrapped text to at most `lines` lines, with an ellipsis. */
function clampLines(t: Phaser.GameObjects.Text, lines: number): void {
  const wrapped = t.getWrappedText(t.text);
  if (wrapped.length <= lines) return;
  const kept = wrapped.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1]!.replace(/\s+\S*$/, "")}…`;
  t.setText(kept.join("\n"));
}
