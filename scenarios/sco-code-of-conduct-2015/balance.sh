#!/usr/bin/env bash
# Balance of sco-code-of-conduct-2015: four bots play every assignment of bots to the six
# delegations (roles rotated), REPS times each, and the table gives per role the mean advantage
# (u - r)/(max - r), the mean utility and the agreement rate, averaged over the four bots.
# Run from the project root:  bash scenarios/sco-code-of-conduct-2015/balance.sh
# (SEED and REPS may be set in the environment; the figures in facilitator.md use the defaults.)
set -euo pipefail
SEED="${SEED:-1}"
REPS="${REPS:-6}"
SCENARIO=scenarios/sco-code-of-conduct-2015
BOTS=boulware,linear,conceder,diplomat

echo "npx accord tournament --scenario $SCENARIO --bots $BOTS --repetitions $REPS --rotate-roles --seed $SEED"
npx accord tournament --scenario "$SCENARIO" --bots "$BOTS" --repetitions "$REPS" --rotate-roles --seed "$SEED" --json |
  node -e '
    let text = "";
    process.stdin.on("data", (c) => (text += c));
    process.stdin.on("end", () => {
      const r = JSON.parse(text);
      console.log(`${r.scenario.id}, seed ${r.seed}, ${r.games} games (${r.assignments} assignments x ${r.repetitions} repetitions), bots: ${r.bots.map((b) => b.name).join(", ")}`);
      console.log("");
      console.log("role".padEnd(16) + "games".padStart(8) + "advantage".padStart(12) + "utility".padStart(10) + "agreements".padStart(12));
      const rows = r.roles.map((role) => {
        let games = 0, adv = 0, u = 0, agree = 0;
        for (const b of r.bots) {
          const s = b.roles.find((x) => x.role === role);
          if (!s) continue;
          games += s.games;
          adv += s.meanAdvantage * s.games;
          u += s.meanUtility * s.games;
          agree += s.agreementRate * s.games;
        }
        return { role, games, adv: adv / games, u: u / games, agree: agree / games };
      });
      for (const x of rows) {
        console.log(x.role.padEnd(16) + String(x.games).padStart(8) + x.adv.toFixed(3).padStart(12) + x.u.toFixed(3).padStart(10) + (100 * x.agree).toFixed(1).padStart(11) + "%");
      }
      const advs = rows.map((x) => x.adv);
      const spread = Math.max(...advs) - Math.min(...advs);
      const games = r.bots.reduce((n, b) => n + b.games, 0);
      const agreement = r.bots.reduce((n, b) => n + b.agreementRate * b.games, 0) / games;
      console.log("");
      console.log(`agreement rate over all games: ${(100 * agreement).toFixed(1)}%   advantage spread between roles: ${spread.toFixed(3)}`);
      console.log("");
      console.log("per bot:");
      for (const b of r.bots) {
        console.log("  " + b.name.padEnd(12) + "advantage " + b.meanAdvantage.toFixed(3) + "   utility " + b.meanUtility.toFixed(3) + "   agreements " + (100 * b.agreementRate).toFixed(1) + "%");
      }
    });
  '
