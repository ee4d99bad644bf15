// The "common" namespace in English: words every screen shares (the game's own terms, buttons, states).
// The source every other language translates; keys are used literally in the code as "common:key".
export default {
  loading: "Loading…",
  connecting: "Connecting…",
  tryAgain: "Try again",
  backHome: "Back to home",
  dismiss: "Dismiss",
  cancel: "Cancel",
  package: "Package",
  walkAwayAt: "walk-away {{points}}",
  hostKey: { use: "Use this key", label: "Host key" },
  strategy: {
    easy: "Easy",
    medium: "Medium",
    hard: "Hard",
    conceder: "Conceder",
    titForTat: "Tit-for-tat",
    diplomat: "Diplomat",
    hardliner: "Hardliner",
    boulware: "Boulware",
    linear: "Linear",
    random: "Random",
  },
  protocol: {
    multilateral: "Multilateral: one package tabled per round, everyone votes",
    alternating: "Alternating offers between delegations",
  },
  duration: {
    days_one: "{{count}} day",
    days_other: "{{count}} days",
    hours: "{{count}} h",
    minutes: "{{count}} min",
    seconds: "{{count}} s",
    /** Two units of one length of time, the larger first: "1 day 12 h". */
    both: "{{larger}} {{smaller}}",
  },
  end: {
    agreement: "Agreement reached",
    walkedAway: "{{name}} walked away",
    someoneWalkedAway: "A delegation walked away",
    deadline: "No agreement before the deadline",
    byFacilitator: "Ended by the facilitator",
    other: "The negotiation has ended",
  },
} as const;
