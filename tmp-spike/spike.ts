import { defineServer, defineRoom, Room, createRouter, createEndpoint, matchMaker, type Client } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { schema, t, type SchemaType } from "@colyseus/schema";
import { Client as SDK, Room as SDKRoom } from "@colyseus/sdk";

const Item = schema({ text: t.string(), n: t.uint32() }, "Item");
const State = schema({ phase: t.string(), items: t.array(Item), pkg: t.map("string"), opt: Item.optional ? t.ref(Item).optional() : t.ref(Item).optional() }, "State");
type State = SchemaType<typeof State>;

class R extends Room<{ state: State }> {
  state = new State();
  patchRate = null as any;
  onCreate(options: any) {
    this.roomId = "abc" + Math.floor(Math.random()*1000);
    this.state.phase = "waiting";
    this.onMessage("say", async (client: Client, msg: any, ctx: any) => {
      await new Promise((r) => setTimeout(r, 5));
      if (msg?.bad) return ctx.reject({ code: "bad", message: "nope" });
      this.state.items.push(new Item({ text: String(msg.text), n: this.state.items.length }));
      this.state.pkg.set("a", "b");
      this.broadcastPatch();
      return { ok: true, n: this.state.items.length };
    });
    this.clock.setTimeout(() => { this.state.phase = "ticked"; setImmediate(() => this.broadcastPatch()); }, 200);
  }
  onAuth(client: Client, options: any) { if (options.deny) throw Object.assign(new Error("bad_code: go away"), { code: 4401 }); return { who: options.name ?? "x" }; }
  onJoin(client: Client, options: any) { client.send("welcome", { hi: (client.auth as any).who }); }
}

const server = defineServer({
  rooms: { negotiation: defineRoom(R) },
  routes: createRouter({
    health: createEndpoint("/healthz", { method: "GET" }, async () => Response.json({ ok: true })),
    m: createEndpoint("/api/matches/:id/:file", { method: "GET" }, async (ctx) => Response.json({ p: ctx.params })),
  }, { onResponse: async (res: Response) => res.status === 404 && !res.body ? Response.json({ error: { code: "not_found", message: "no such route" } }, { status: 404 }) : undefined } as any),
  transport: new WebSocketTransport({ maxPayload: 16 * 1024 }),
  greet: false,
  gracefullyShutdown: false,
});
await server.listen(0 as any);
const port = (server.transport.server!.address() as any).port;
console.log("port", port);
for (const p of ["/healthz", "/api/matches/x/transcript.csv", "/nope", "/"]) {
  const r = await fetch(`http://127.0.0.1:${port}${p}`); console.log(p, r.status, await r.text());
}
class RecRoom extends SDKRoom { frames: Uint8Array[] = []; protected override onMessageCallback(ev: MessageEvent) { this.frames.push(new Uint8Array(ev.data as ArrayBuffer)); super.onMessageCallback(ev); } }
class RecSDK extends SDK { protected override createRoom<T>(name: string, root?: any) { return new RecRoom(name, root) as any; } }
const sdk = new RecSDK(`http://127.0.0.1:${port}`);
const room = await sdk.create("negotiation", { name: "ann" }, State);
room.onMessage("welcome", (m: any) => console.log("welcome", m));
room.onStateChange((s: any) => console.log("state", s.phase, s.items.length, s.pkg.get("a"), s.opt));
console.log(await room.request("say", { text: "hello" }));
try { await room.request("say", { bad: true }); } catch (e: any) { console.log("rejected", e.name, e.reason, e.message); }
try { await room.request("nope", {}); } catch (e: any) { console.log("err", e.name, e.message); }
try { await sdk.joinById(room.roomId, { deny: true }); } catch (e: any) { console.log("join err", e.constructor.name, e.code, e.message); }
await new Promise((r) => setTimeout(r, 400));
console.log("frames", room.frames.length, room.frames.map(f=>f[0]));
await room.leave();
await server.gracefullyShutdown(false);
console.log("done");
