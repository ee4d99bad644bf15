// The alternating protocol (stacked alternating offers). The turn goes round `order`; a round
// ends when the turn comes back to the first mover. The delegation to move may propose (when no
// other delegation's offer is on the table), counter, accept, reject (clears the table and keeps
// the turn), pass, or walk away. An offer is agreed once every delegation but its proposer has
// accepted it.
import { checkPackage, checkRedLines, endGame, nextRound, recordMove, withResponse, type Draft } from "./common.ts";
import { refuse } from "./errors.ts";
import type { GameAction } from "./types.ts";

/** Hand the turn to the next delegation, starting a new round when it comes back to the first mover. */
function passTurn(d: Draft): void {
  const s = d.s;
  const next = s.order[(s.order.indexOf(s.turn ?? "") + 1) % s.order.length]!;
  if (next === s.firstMover) {
    nextRound(d);
  } else {
    s.turn = next;
    d.events.push({ type: "turn", delegation: next, audience: "all", version: d.version });
  }
  d.tableChanged = true;
}

function requireTurn(d: Draft, type: string, me: string): void {
  if (d.s.turn !== me) refuse("not_your_turn", `${type}: it is ${d.s.turn}'s turn, not ${me}'s`);
}

/** The offer on the table from another delegation, for accept, reject and counter. */
function othersOffer(d: Draft, type: string, me: string) {
  const table = d.s.table;
  if (!table) refuse("nothing_on_table", `${type}: there is no offer on the table`);
  if (table.proposer === me) refuse("own_offer", `${type}: the offer on the table is ${me}'s own`);
  return table;
}

export function applyAlternating(d: Draft, action: GameAction, me: string): void {
  const s = d.s;
  switch (action.type) {
    case "vote":
      return refuse("wrong_protocol", `vote: ${s.scenario.id} uses alternating offers; answer with accept, reject or counter`);
    case "propose": {
      requireTurn(d, "propose", me);
      if (s.table && s.table.proposer !== me) {
        refuse("offer_on_table", `propose: ${s.table.proposer}'s offer is on the table; counter, accept or reject it`);
      }
      const pkg = checkPackage(d, "propose", action.package);
      checkRedLines(s, "propose", me, pkg);
      s.table = { package: pkg, proposer: me, round: s.round, responses: {} };
      recordMove(d, me, "propose", pkg);
      d.events.push({ type: "proposed", by: me, package: pkg, counter: false, audience: "all", version: d.version });
      return passTurn(d);
    }
    case "counter": {
      requireTurn(d, "counter", me);
      othersOffer(d, "counter", me);
      const pkg = checkPackage(d, "counter", action.package);
      checkRedLines(s, "counter", me, pkg);
      s.table = { package: pkg, proposer: me, round: s.round, responses: {} };
      recordMove(d, me, "counter", pkg);
      d.events.push({ type: "proposed", by: me, package: pkg, counter: true, audience: "all", version: d.version });
      return passTurn(d);
    }
    case "accept": {
      requireTurn(d, "accept", me);
      const offer = othersOffer(d, "accept", me);
      checkRedLines(s, "accept", me, offer.package);
      const responses = withResponse(offer.responses, me, "accept");
      s.table = { package: offer.package, proposer: offer.proposer, round: offer.round, responses };
      recordMove(d, me, "accept");
      d.events.push({ type: "accepted", by: me, audience: "all", version: d.version });
      if (s.order.every((id) => id === offer.proposer || responses[id] === "accept")) {
        return endGame(d, true, "agreement", offer.package);
      }
      return passTurn(d);
    }
    case "reject": {
      requireTurn(d, "reject", me);
      othersOffer(d, "reject", me);
      s.table = null;
      recordMove(d, me, "reject");
      d.events.push({ type: "rejected", by: me, audience: "all", version: d.version });
      // The turn stays: the rejecter now proposes, passes or walks away.
      d.tableChanged = true;
      return;
    }
    case "pass": {
      requireTurn(d, "pass", me);
      recordMove(d, me, "pass");
      d.events.push({ type: "passed", by: me, timeout: false, audience: "all", version: d.version });
      return passTurn(d);
    }
    case "walk_away": {
      requireTurn(d, "walk_away", me);
      recordMove(d, me, "walk_away");
      return endGame(d, false, "walked_away", null, me);
    }
    default:
      return refuse("bad_action", `${action.type}: not a move of the alternating protocol`);
  }
}

/** The clock ran out on the turn holder: it passes. */
export function timeoutAlternating(d: Draft): void {
  const holder = d.s.turn!;
  recordMove(d, holder, "timeout");
  d.events.push({ type: "passed", by: holder, timeout: true, audience: "all", version: d.version });
  passTurn(d);
}
