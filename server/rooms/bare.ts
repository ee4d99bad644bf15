// The load benchmark's baseline: a bare Colyseus room with no game in it. Each request bumps a
// counter and stores the text, the patch goes out at once, and the request is answered — the same
// shape of work as a table without the rules, the log and the seating.
import { type Client, Room } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";

export const BareState = schema({ version: t.uint32().default(0), last: t.string().default("") }, "BareState");
export type BareState = SchemaType<typeof BareState>;

export class BareRoom extends Room<{ state: BareState }> {
  override state = new BareState();
  /**
   * Each patch at once, plus a periodic patch four times a second (Colyseus's default is twenty):
   * the tables' former setting, kept as the baseline the issue's figures were measured with.
   */
  override patchRate: number | null = 250;

  override onCreate(): void {
    this.onMessage("act", (_client: Client, message: unknown) => {
      const text = typeof message === "object" && message !== null && "text" in message && typeof message.text === "string" ? message.text : "";
      this.state.version++;
      this.state.last = text.slice(0, 2000);
      this.broadcastPatch();
      return { ok: true, version: this.state.version };
    });
  }
}
