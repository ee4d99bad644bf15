// The multilateral protocol. Each round has one proposer (the chair, or rotating in order from
// the first mover). In the `proposing` stage the proposer tables a package (and so accepts it)
// or passes; in `voting` every other delegation votes, in any order. When all have voted the
// package is adopted if every required delegation accepts and at least `quorum` accept;
// otherwise the next round begins.
import { checkPackage, checkRedLines, endGame, nextRound, recordMove, type Draft } from "./common.ts";
import { refuse } from "./errors.ts";
import type { GameAction } from "./types.ts";

/** Every delegation has voted: adopt the package or move on to the next round. */
function closeVote(d: Draft): void {
  const s = d.s;
  const table = s.table!;
  const accepts = s.order.filter((id) => table.responses[id] === "accept");
  const rejects = s.order.filter((id) => table.responses[id] !== "accept");
  const adopted = s.agreement.required.every((id) => accepts.includes(id)) && accepts.length >= s.agreement.quorum;
  d.events.push({ type: "vote_closed", adopted, accepts, rejects, audience: "all" });
  d.tableChanged = true;
  if (adopted) endGame(d, { agreement: true, reason: "agreement", package: table.package });
  else nextRound(d);
}

function allVoted(d: Draft): boolean {
  const responses = d.s.table?.responses ?? {};
  return d.s.order.every((id) => responses[id] !== undefined);
}

export function applyMultilateral(d: Draft, action: GameAction, me: string): void {
  const s = d.s;
  switch (action.type) {
    case "accept":
    case "reject":
    case "counter":
    case "walk_away":
      return refuse(
        "wrong_protocol",
        `${action.type}: ${s.scenario.id} is multilateral; the proposer proposes or passes and every delegation votes`,
      );
    case "propose": {
      if (s.stage !== "proposing") refuse("wrong_stage", `propose: a package is already being voted on in round ${s.round}`);
      if (s.turn !== me) refuse("not_your_turn", `propose: ${s.turn} proposes in round ${s.round}, not ${me}`);
      const pkg = checkPackage(s, "propose", action.package);
      checkRedLines(s, "propose", me, pkg);
      s.table = { package: pkg, proposer: me, round: s.round, responses: { [me]: "accept" } };
      s.stage = "voting";
      recordMove(d, { by: me, type: "propose", package: pkg });
      d.events.push({ type: "proposed", by: me, package: pkg, counter: false, audience: "all" });
      d.tableChanged = true;
      return;
    }
    case "pass": {
      if (s.stage !== "proposing") refuse("wrong_stage", `pass: round ${s.round} is voting; vote accept or reject`);
      if (s.turn !== me) refuse("not_your_turn", `pass: ${s.turn} proposes in round ${s.round}, not ${me}`);
      recordMove(d, { by: me, type: "pass" });
      d.events.push({ type: "passed", by: me, timeout: false, audience: "all" });
      return nextRound(d);
    }
    case "vote": {
      if (s.stage !== "voting" || !s.table) refuse("wrong_stage", `vote: nothing has been tabled yet in round ${s.round}`);
      const table = s.table;
      if (table.responses[me] !== undefined) {
        refuse("already_voted", `vote: ${me} has already voted ${table.responses[me]} in round ${s.round}`);
      }
      if (action.accept) checkRedLines(s, "vote", me, table.package);
      s.table = { ...table, responses: { ...table.responses, [me]: action.accept ? "accept" : "reject" } };
      recordMove(d, { by: me, type: "vote", accept: action.accept });
      d.events.push({ type: "voted", by: me, accept: action.accept, audience: "all" });
      // A vote that does not close the round leaves the table as the other voters saw it, so
      // it does not make their pending votes stale; closing the vote does.
      if (allVoted(d)) closeVote(d);
      return;
    }
    default:
      return refuse("bad_action", `${action.type}: not a move of the multilateral protocol`);
  }
}

/** The clock ran out: the proposer passes, or every missing vote counts as a reject. */
export function timeoutMultilateral(d: Draft): void {
  const s = d.s;
  if (s.stage === "proposing" || !s.table) {
    const proposer = s.turn!;
    recordMove(d, { by: proposer, type: "timeout" });
    d.events.push({ type: "passed", by: proposer, timeout: true, audience: "all" });
    return nextRound(d);
  }
  const responses = { ...s.table.responses };
  for (const id of s.order) {
    if (responses[id] !== undefined) continue;
    responses[id] = "reject";
    recordMove(d, { by: id, type: "timeout", accept: false });
    d.events.push({ type: "voted", by: id, accept: false, timeout: true, audience: "all" });
  }
  s.table = { ...s.table, responses };
  closeVote(d);
}
