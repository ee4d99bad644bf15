#!/usr/bin/env bash
# Balance of un-cybercrime-convention-2024: the figures behind the "Balance" section of facilitator.md.
# Run from anywhere (it moves to the project root): bash scenarios/un-cybercrime-convention-2024/balance.sh
# Every trio of the standard strategies (every bot but random), every ordering of the trio over
# the 6 delegations, seeds 1, 2 and 3, 1 repetition per assignment and seed: per trio the agreement
# rate and each role's mean advantage, the worst spread, and a PASS/FAIL line per target
# (roles' mean advantage within 0.15 of each other; agreement strictly inside 5–95%).
set -euo pipefail
cd "$(dirname "$0")/../.."

CMD=(npx accord scenario balance scenarios/un-cybercrime-convention-2024 --repetitions 1 --seeds 1,2,3)

echo "\$ ${CMD[*]}"
"${CMD[@]}" "$@"
