#!/usr/bin/env bash
# Balance of eu-cyber-toolbox-2017: the bot tournament with role rotation, summarised per role
# (mean advantage, mean utility, agreement rate) as in facilitator.md, section "Balance".
# Run from the project root:  bash scenarios/eu-cyber-toolbox-2017/balance.sh
# SEED and REPETITIONS may be overridden from the environment (defaults: 1 and 1). With a chair
# and these four deterministic bots every repetition replays the same games, so 1 is enough.
set -euo pipefail
cd "$(dirname "$0")/../.."

SEED="${SEED:-1}"
REPETITIONS="${REPETITIONS:-1}"
BOTS="boulware,linear,conceder,diplomat"

echo "npx accord tournament --scenario scenarios/eu-cyber-toolbox-2017 --bots $BOTS --repetitions $REPETITIONS --rotate-roles --seed $SEED"
echo "run on $(date -u +%Y-%m-%d)"
echo

npx accord tournament --scenario scenarios/eu-cyber-toolbox-2017 --bots "$BOTS" \
  --repetitions "$REPETITIONS" --rotate-roles --seed "$SEED" --json |
  node -e '
    let input = "";
    process.stdin.on("data", (chunk) => (input += chunk));
    process.stdin.on("end", () => {
      const r = JSON.parse(input);
      const rows = r.roles.map((role) => {
        let games = 0, advantage = 0, utility = 0, agreements = 0;
        for (const bot of r.bots) {
          for (const s of bot.roles) {
            if (s.role !== role) continue;
            games += s.games;
            advantage += s.meanAdvantage * s.games;
            utility += s.meanUtility * s.games;
            agreements += s.agreementRate * s.games;
          }
        }
        return { role, games, advantage: advantage / games, utility: utility / games, agreement: agreements / games };
      });
      const pad = (x, n) => String(x).padStart(n);
      console.log(`${r.games} games (${r.assignments} assignments x ${r.repetitions} repetition(s)), seed ${r.seed}`);
      console.log("");
      console.log("role".padEnd(10) + pad("games", 7) + pad("mean advantage", 16) + pad("mean utility", 14) + pad("agreement rate", 16));
      for (const x of rows) {
        console.log(x.role.padEnd(10) + pad(x.games, 7) + pad(x.advantage.toFixed(3), 16) + pad(x.utility.toFixed(3), 14) + pad(x.agreement.toFixed(3), 16));
      }
      const adv = rows.map((x) => x.advantage);
      console.log("");
      console.log(`agreement rate over all games: ${rows[0].agreement.toFixed(3)}`);
      console.log(`spread of mean advantage between roles: ${(Math.max(...adv) - Math.min(...adv)).toFixed(3)}`);
      const chair = r.roles[0];
      const byChair = r.bots.map((b) => {
        const s = b.roles.find((x) => x.role === chair);
        return `${b.name} ${s ? s.agreementRate.toFixed(3) : "-"}`;
      });
      console.log(`agreement rate by the chair'"'"'s bot (${chair}): ${byChair.join(", ")}`);
    });
  '
