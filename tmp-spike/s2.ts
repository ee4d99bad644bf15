import { TableState, DelegationSeat, Offer } from "../shared/state/index.ts";
import { Encoder, Decoder } from "@colyseus/schema";
const s = new TableState();
console.log(s.timer, s.offer, s.moves.length, s.people.size);
s.phase = "running"; s.delegations.push(new DelegationSeat({ id: "a", name: "A", required: true, control: "people", strategy: "", connected: 0, members: 0, maxMembers: 1 }));
const o = new Offer(); o.proposer = "a"; o.package.set("x", "y"); s.offer = o;
const enc = new Encoder(s); const bytes = enc.encodeAll();
const d = new TableState(); new Decoder(d).decode(bytes); console.log(JSON.stringify(d.toJSON()));
