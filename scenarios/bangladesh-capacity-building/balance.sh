#!/usr/bin/env bash
# Balance of the bangladesh-capacity-building scenario: the bot tournament with role rotation
# (every assignment of the four bots to the six delegations), summarised per role (delegation)
# over all bots. This produced the "Balance" table in facilitator.md.
# Run from the project root:  bash scenarios/bangladesh-capacity-building/balance.sh [REPETITIONS] [SEED]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

REPETITIONS="${1:-12}"
SEED="${2:-1}"

npx accord tournament \
  --scenario scenarios/bangladesh-capacity-building \
  --bots boulware,linear,conceder,diplomat \
  --repetitions "$REPETITIONS" --rotate-roles --seed "$SEED" --json |
  node -e '
    let input = "";
    process.stdin.on("data", (chunk) => (input += chunk));
    process.stdin.on("end", () => {
      const t = JSON.parse(input);
      const fix = (x, d) => (x === null ? "-" : x.toFixed(d));
      const pad = (s, n) => String(s).padStart(n);
      console.log(`Tournament on ${t.scenario.id}, seed ${t.seed}: ${t.games} games ` +
        `(${t.assignments} assignments, roles rotated, x ${t.repetitions} repetitions)`);
      console.log("bots: " + t.bots.map((b) => b.name).join(", "));
      console.log("");
      console.log("role".padEnd(10) + pad("seats", 8) + pad("advantage", 11) + pad("utility", 9) + pad("agreements", 12));
      const means = [];
      for (const role of t.roles) {
        let games = 0, adv = 0, util = 0, agr = 0;
        for (const b of t.bots) for (const r of b.roles) {
          if (r.role !== role) continue;
          games += r.games; adv += r.meanAdvantage * r.games; util += r.meanUtility * r.games; agr += r.agreementRate * r.games;
        }
        means.push(adv / games);
        console.log(role.padEnd(10) + pad(games, 8) + pad(fix(adv / games, 3), 11) + pad(fix(util / games, 3), 9) + pad((100 * agr / games).toFixed(1) + "%", 12));
      }
      let seats = 0, agreed = 0;
      for (const b of t.bots) { seats += b.games; agreed += b.agreementRate * b.games; }
      console.log("");
      console.log(`agreement rate over all games: ${(100 * agreed / seats).toFixed(1)}%`);
      console.log(`spread of mean advantage between roles: ${(Math.max(...means) - Math.min(...means)).toFixed(3)} (target: within 0.2)`);
      console.log("");
      console.log("bot".padEnd(10) + pad("seats", 8) + pad("advantage", 11) + pad("utility", 9) + pad("agreements", 12) + pad("rounds", 8));
      for (const b of t.bots) {
        console.log(b.name.padEnd(10) + pad(b.games, 8) + pad(fix(b.meanAdvantage, 3), 11) + pad(fix(b.meanUtility, 3), 9) +
          pad((100 * b.agreementRate).toFixed(1) + "%", 12) + pad(fix(b.meanRoundsToAgreement, 1), 8));
      }
      console.log("");
      console.log("advantage = (u - r)/(best - r), 0 when there is no deal; means over every seat a role was played.");
    });
  '
