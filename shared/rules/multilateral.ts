// The multilateral protocol. Each round has one proposer (the chair, or rotating in order from
// the first mover). In the `proposing` stage the proposer tables a package (and so accepts it)
// or passes; in `voting` every other delegation votes, in any order. When all have voted the
// package is adopted if every required delegation accepts and at least `quorum` accept;
// otherwise the next round begins.
import { checkPackage, checkRedLines, endGame, nextRound, recordMove, withResponse, type Draft } from "./common.ts";
import { refuse } from "./errors.ts";
import { positionOf, waitingFor } from "./legal.ts";
import type { GameAction, GameState } from "./types.ts";

/** Every delegation has voted: adopt the package or move on to the next round. */
function closeVote(d: Draft): void {
  const s = d.s;
  const table = s.table!;
  const responses = table.responses;
  const accepts: string[] = [];
  const rejects: string[] = [];
  for (const id of s.order) (responses[id] === "accept" ? accepts : rejects).push(id);
  let adopted = accepts.length >= s.agreement.quorum;
  for (const id of s.agreement.required) if (!accepts.includes(id)) adopted = false;
  d.events.push({ type: "vote_closed", adopted, accepts, rejects, audience: "all", version: d.version });
  d.tableChanged = true;
  if (adopted) endGame(d, true, "agreement", table.package);
  else nextRound(d);
}

function allVoted(d: Draft): boolean {
  const responses = d.s.table?.responses;
  // Every answer is a delegation's (the rules let no one else answer): count them. Counting is
  // cheaper than looking each delegation up, as these records take many shapes.
  return responses !== undefined && Object.keys(responses).length === d.s.order.length;
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
      const pkg = checkPackage(d, "propose", action.package);
      checkRedLines(s, "propose", me, pkg);
      s.table = { package: pkg, proposer: me, round: s.round, responses: withResponse(null, me, "accept") };
      s.stage = "voting";
      recordMove(d, me, "propose", pkg);
      d.events.push({ type: "proposed", by: me, package: pkg, counter: false, audience: "all", version: d.version });
      d.tableChanged = true;
      return;
    }
    case "pass": {
      if (s.stage !== "proposing") refuse("wrong_stage", `pass: round ${s.round} is voting; vote accept or reject`);
      if (s.turn !== me) refuse("not_your_turn", `pass: ${s.turn} proposes in round ${s.round}, not ${me}`);
      recordMove(d, me, "pass");
      d.events.push({ type: "passed", by: me, timeout: false, audience: "all", version: d.version });
      return nextRound(d);
    }
    case "vote": {
      if (s.stage !== "voting" || !s.table) refuse("wrong_stage", `vote: nothing has been tabled yet in round ${s.round}`);
      const table = s.table;
      if (table.responses[me] !== undefined) {
        refuse("already_voted", `vote: ${me} has already voted ${table.responses[me]} in round ${s.round}`);
      }
      if (action.accept) checkRedLines(s, "vote", me, table.package);
      s.table = {
        package: table.package,
        proposer: table.proposer,
        round: table.round,
        responses: withResponse(table.responses, me, action.accept ? "accept" : "reject"),
      };
      recordMove(d, me, "vote", undefined, action.accept);
      d.events.push({ type: "voted", by: me, accept: action.accept, audience: "all", version: d.version });
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
    recordMove(d, proposer, "timeout");
    d.events.push({ type: "passed", by: proposer, timeout: true, audience: "all", version: d.version });
    return nextRound(d);
  }
  const table = s.table;
  let responses = table.responses;
  for (const id of s.order) {
    if (responses[id] !== undefined) continue;
    responses = withResponse(responses, id, "reject");
    recordMove(d, id, "timeout", undefined, false);
    d.events.push({ type: "voted", by: id, accept: false, timeout: true, audience: "all", version: d.version });
  }
  s.table = { package: table.package, proposer: table.proposer, round: table.round, responses };
  closeVote(d);
}

/**
 * Whether the turn clock times this turn. A table whose votes are open "until everyone has moved"
 * (`voteClock: "until-all"`) does not time a multilateral vote: it closes when the last delegation
 * votes (`allVoted` above), or when the facilitator times it out; the proposing stage stays timed.
 */
export function turnIsTimed(s: GameState, voteClock: "turn" | "until-all"): boolean {
  return !(voteClock === "until-all" && s.scenario.protocol === "multilateral" && s.stage === "voting");
}

/** Who the turn clock waits for: `delegationsToMove`, also while the table is paused (the turn it would resume). */
export function movers(s: GameState): string[] {
  if (s.phase !== "running" && s.phase !== "paused") return [];
  return waitingFor({ ...positionOf(s), phase: "running" }, s.order);
}
