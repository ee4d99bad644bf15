// The table's canvas: a Phaser game with one scene, sized to its container. Loaded on demand
// (dynamic import) so Phaser is downloaded only when a table is on screen.
import Phaser from "phaser";
import type { TableConnection } from "../net/connection.ts";
import { TableScene } from "./scene.ts";

export interface TableCanvas {
  destroy(): void;
}

export function mountTableCanvas(parent: HTMLElement, conn: TableConnection): TableCanvas {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: "#0e1a2b",
    scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
    banner: false,
    audio: { noAudio: true },
    input: { keyboard: false },
    render: { antialias: true, powerPreference: "low-power" },
    // A turn-based table has nothing to animate but the turn timer: a few frames a second spare
    // the battery (and software-rendered browsers).
    fps: { target: 30, limit: 8 },
    scene: [],
  });
  game.scene.add("table", TableScene, true, { conn });
  game.canvas?.setAttribute("aria-hidden", "true");
  game.events.once(Phaser.Core.Events.READY, () => game.canvas.setAttribute("aria-hidden", "true"));
  return {
    destroy() {
      // Stops the scene first, so it unbinds its callbacks, then removes the canvas.
      game.scene.stop("table");
      game.destroy(true);
    },
  };
}
