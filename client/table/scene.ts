// The negotiating table on a Phaser canvas, seen from your own chair: the delegations seated round
// the table with their names, emblems and connection state, who is to move, the turn timer, the
// package on the table as one card per issue, and what it is worth to you against your walk-away
// line. Where everything goes and what it says is `layout()` (layout.ts, pure and tested without
// Phaser); the scene only draws that: it reads the connection's snapshot and listens to its events,
// and unbinds them when it shuts down.
import Phaser from "phaser";
import type { TableConnection } from "../net/connection.ts";
import { secondsLeft } from "../net/view.ts";
import { emblemSpec, motifShape } from "../ui/emblem.ts";
import { clock } from "../ui/format.ts";
import { locale } from "../i18n.ts";
import { layout, spacing, type CardLayout, type Family, type SeatLayout, type TextItem, type Tone } from "./layout.ts";

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

/** The text colour of each tone of the layout. */
const TONE: Record<Tone, string> = {
  text: C.text,
  soft: C.textSoft,
  dim: C.dim,
  brass: C.brassText,
  green: C.greenText,
  red: C.redText,
  amber: C.amberText,
  ink: C.ink,
  inkSoft: C.inkSoft,
  dark: "#0e1a2b",
};
const FAMILY: Record<Family, string> = { serif: SERIF, sans: SANS };

/** The page's font stacks (styles.css: under :lang(bn) they start with the Bengali face), so the canvas reads like the page around it. */
function pageFamily(family: Family): string {
  const css = getComputedStyle(document.documentElement).getPropertyValue(family === "serif" ? "--serif" : "--sans").trim();
  return css || FAMILY[family];
}

/** Measured for a line's height: Latin capitals and descenders, and Bengali's tall vowel signs and marks below. */
const TALL = "|MÉqgyকেঁড়ুূৃ্র্য";

/** The Bengali face, asked for before anything Bangla is drawn (a canvas does not redraw when a font arrives). */
function bengaliFace(): Promise<unknown> {
  if (typeof document === "undefined" || !document.fonts) return Promise.resolve();
  // A face that does not load leaves the canvas with the browser's fallback font: drawn all the same, nothing to tell the reader.
  return Promise.all(["400", "700"].map((w) => document.fonts.load(`${w} 16px "Noto Sans Bengali"`, "বাংলা"))).catch(() => undefined);
}
const DOT: Record<SeatLayout["dot"], number> = { bot: C.blue, connected: C.green, reconnecting: C.amber, away: 0x6b7a90 };

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
  /** The faces the reader's language needs are loaded: text is drawn only then. */
  private fontsReady = true;
  private families: Record<Family, string> = FAMILY;
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
    this.families = { serif: pageFamily("serif"), sans: pageFamily("sans") };
    if (locale() === "bn") {
      // Drawn once the Bengali face is there: text drawn before it would stay in boxes.
      this.fontsReady = false;
      void bengaliFace().then(() => {
        this.fontsReady = true;
        this.dirty = true;
        this.wake();
      });
    }
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
    if (this.dirty && this.fontsReady) {
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

  private text(x: number, y: number, s: string, size: number, color: string, family: Family = "sans", style = "normal", wrap?: number): Phaser.GameObjects.Text {
    const t = this.add.text(x, y, s, {
      fontFamily: this.families[family],
      // Bangla's vowel signs reach above and below Latin letters: measure the line with them.
      ...(spacing(s, 1) === 0 ? { testString: TALL } : {}),

      fontSize: `${Math.round(size)}px`,
      // Bengali has no italic: a slanted Bangla face is a forgery.
      fontStyle: style === "italic" && spacing(s, 1) === 0 ? "normal" : style,
      color,
      resolution: this.dpr,
      align: "center",
      ...(wrap ? { wordWrap: { width: wrap, useAdvancedWrap: true } } : {}),
    });
    return t;
  }

  /** One text of the layout, on the layer. */
  private item(t: TextItem): Phaser.GameObjects.Text {
    const text = this.add2(this.text(t.x, t.y, t.text, t.size, TONE[t.tone], t.family, t.style, t.wrap).setOrigin(t.originX, t.originY));
    if (t.letterSpacing) text.setLetterSpacing(t.letterSpacing);
    if (t.hidden) text.setVisible(false);
    return text;
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
    const L = layout({ view, scenario, me: this.conn.delegation, profile: this.conn.seat?.me?.profile ?? null, connection: this.conn.state }, { width: this.scale.width, height: this.scale.height });
    const g = this.add2(this.add.graphics());

    // The table itself.
    const { cx, cy, rx, ry } = L.table;
    g.fillStyle(0x000000, 0.35).fillEllipse(cx, cy + 8, rx * 2 + 26, ry * 2 + 26);
    g.fillStyle(C.rim, 1).fillEllipse(cx, cy, rx * 2 + 22, ry * 2 + 22);
    g.lineStyle(2, C.rimLight, 0.9).strokeEllipse(cx, cy, rx * 2 + 22, ry * 2 + 22);
    g.fillStyle(C.feltEdge, 1).fillEllipse(cx, cy, rx * 2, ry * 2);
    g.fillStyle(C.felt, 1).fillEllipse(cx, cy, rx * 2 - 12, ry * 2 - 12);
    g.lineStyle(1, C.rimLight, 0.25).strokeEllipse(cx, cy, rx * 1.6, ry * 1.6);

    for (const seat of L.seats) this.drawSeat(g, seat);
    for (const card of L.cards) this.drawCard(g, card);
    if (L.centre) this.item(L.centre);
    if (L.round) this.item(L.round);

    // Your utility of the package against your walk-away line.
    const m = L.meter;
    if (m) {
      const W = L.size.width;
      g.fillStyle(0x0b1524, 0.9).fillRect(0, m.y, W, m.h);
      g.lineStyle(1, 0x2c4566, 1).lineBetween(0, m.y, W, m.y);
      g.fillStyle(C.track, 1).fillRoundedRect(m.x0, m.barY, m.x1 - m.x0, 10, 5);
      if (m.utility !== null) g.fillStyle(m.utility >= m.walkAway ? C.green : C.red, 1).fillRoundedRect(m.x0, m.barY, Math.max(10, (m.x1 - m.x0) * m.utility), 10, 5);
      const wx = m.x0 + (m.x1 - m.x0) * m.walkAway;
      g.fillStyle(C.red, 1).fillRect(wx - 1.5, m.barY - 6, 3, 22);
      this.item(m.caption);
    }

    if (L.overlay) {
      const { rect, text } = L.overlay;
      g.fillStyle(0x05090f, 0.55).fillRect(rect.x, rect.y, rect.w, rect.h);
      this.item(text);
    }
    this.timerShown = "";
  }

  private drawSeat(g: Phaser.GameObjects.Graphics, seat: SeatLayout): void {
    const { x, y, r } = seat;
    if (seat.toMove) {
      g.fillStyle(C.brass, 0.16).fillCircle(x, y, r * 1.6);
      g.lineStyle(4, C.track, 1).strokeCircle(x, y, r * 1.3);
    } else if (seat.mine) {
      g.lineStyle(2, C.blue, 0.8).strokeCircle(x, y, r * 1.22);
    }
    this.emblem(g, seat.index, seat.emblemName, x, y, r);
    if (!seat.present) g.fillStyle(C.bg, 0.55).fillCircle(x, y, r);

    // Connection dot.
    g.fillStyle(C.bg, 1).fillCircle(x + r * 0.74, y + r * 0.74, r * 0.3);
    g.fillStyle(DOT[seat.dot], 1).fillCircle(x + r * 0.74, y + r * 0.74, r * 0.21);

    // Vote or answer marks.
    if (seat.response) {
      const ok = seat.response === "accept";
      const bx = x - r * 0.78;
      const by = y - r * 0.78;
      g.fillStyle(ok ? C.green : C.red, 1).fillCircle(bx, by, r * 0.36);
      this.add2(this.text(bx, by, ok ? "✓" : "✗", r * 0.5, TONE.dark, "sans", "bold").setOrigin(0.5));
    }

    // Name, state and tags, stacked by their measured heights round the layout's anchor.
    const l = seat.label;
    const nameText = this.add2(this.text(l.x, 0, l.name, l.nameSize, seat.mine ? C.brassText : C.text, "serif", "bold", l.wrap).setOrigin(l.originX, 0).setAlign(l.align));
    const stateText = this.add2(this.text(l.x, 0, l.state, l.nameSize - 2, TONE[l.stateTone], "sans", "normal", l.wrap).setOrigin(l.originX, 0).setAlign(l.align));
    const tagText = this.add2(this.text(l.x, 0, l.tags.length ? l.tags.join(" · ") : " ", l.nameSize - 2, seat.toMove ? C.brassText : C.textSoft, "sans", "bold").setOrigin(l.originX, 0).setAlign(l.align));
    // The tags are the reader's language's (and its digits, once the clock joins them).
    tagText.setLetterSpacing(locale() === "en" ? spacing(l.tags.join(" "), 1.2) : 0);
    clampLines(nameText, l.nameLines);
    clampLines(stateText, 1);
    const blocks = [nameText, stateText, tagText];
    const total = blocks.reduce((sum, t) => sum + t.height, 0) + 2;
    let ly = l.place === "above" ? l.y - total : l.place === "below" ? l.y : l.y - total / 2;
    for (const t of blocks) {
      t.setY(ly);
      ly += t.height + 1;
    }
    if (seat.toMove) this.timerSeats.push({ x, y, r: r * 1.3, tag: tagText, tags: l.tags });
  }

  private drawCard(g: Phaser.GameObjects.Graphics, card: CardLayout): void {
    const { x, y, w, h } = card;
    g.fillStyle(0x000000, 0.25).fillRoundedRect(x + 1, y + 2, w, h, 5);
    g.fillStyle(C.paper, 1).fillRoundedRect(x, y, w, h, 5);
    g.fillStyle(C.brass, 1).fillRect(x, y, w, 3);
    const title = this.add2(this.text(x + 6, y + 6, card.title, card.titleSize, C.inkSoft, "sans", "bold", w - 12).setOrigin(0, 0).setAlign("left"));
    title.setLetterSpacing(spacing(card.title, 0.5));
    clampLines(title, card.titleLines);
    const label = this.add2(this.text(x + 6, y + 8 + title.height, card.option, card.optionSize, C.ink, "serif", "bold", w - 12).setOrigin(0, 0).setAlign("left"));
    // The layout's lines, or fewer if the title took more room than it estimated.
    const fits = Math.floor((h - 8 - title.height - (card.value !== null ? 7 : 3)) / (card.optionSize * 1.2));
    clampLines(label, Math.max(1, Math.min(card.optionLines, fits)));
    if (card.value !== null) {
      const bw = w - 12;
      g.fillStyle(0xdccfb3, 1).fillRect(x + 6, y + h - 6, bw, 3);
      g.fillStyle(0x3e6a98, 1).fillRect(x + 6, y + h - 6, bw * card.value, 3);
    }
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

/** Cut a wrapped text to at most `lines` lines, with an ellipsis. */
function clampLines(t: Phaser.GameObjects.Text, lines: number): void {
  const wrapped = t.getWrappedText(t.text);
  if (wrapped.length <= lines) return;
  const kept = wrapped.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1]!.replace(/\s+\S*$/, "")}…`;
  t.setText(kept.join("\n"));
}
