#!/usr/bin/env bash
# Balance of us-china-2015: the bot tournament behind the "Balance" table of facilitator.md.
# Run from the project root (or anywhere: it moves there): bash scenarios/us-china-2015/balance.sh
# It prints the tournament's own table (per bot, per bot and role), then the per-role summary
# (mean advantage, mean utility, agreement rate over every bot that held the role).
set -euo pipefail
cd "$(dirname "$0")/../.."

CMD=(npx accord tournament --scenario scenarios/us-china-2015 --bots boulware,linear,conceder,diplomat
  --repetitions 20 --rotate-roles --seed 1)

echo "\$ ${CMD[*]}"
"${CMD[@]}"
echo
"${CMD[@]}" --json | node -e '
const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
const pad = (s, n) => String(s).padStart(n);
console.log(`per role (${r.games} games, seed ${r.seed}, ${r.repetitions} repetitions, roles rotated: ${r.rotateRoles})`);
console.log("role".padEnd(8) + pad("games", 7) + pad("advantage", 11) + pad("utility", 9) + pad("agreements", 12));
const adv = [];
for (const role of r.roles) {
  let games = 0, a = 0, u = 0, g = 0;
  for (const b of r.bots) for (const x of b.roles) if (x.role === role) {
    games += x.games; a += x.meanAdvantage * x.games; u += x.meanUtility * x.games; g += x.agreementRate * x.games;
  }
  adv.push(a / games);
  console.log(role.padEnd(8) + pad(games, 7) + pad((a / games).toFixed(3), 11) + pad((u / games).toFixed(3), 9) + pad((100 * g / games).toFixed(1) + "%", 12));
}
console.log(`spread of mean advantage between roles: ${(Math.max(...adv) - Math.min(...adv)).toFixed(3)} (target: at most 0.2)`);
'
