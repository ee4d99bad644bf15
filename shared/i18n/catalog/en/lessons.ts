// The "lessons" namespace in English: the source every other language translates. Keys are used literally in the code as "lessons:path.to.key".
export default {
  card: {
    title3: "Three moves that mattered",
    title2: "Two moves that mattered",
    title1: "One move that mattered",
    lead: "Your moves that cost you most, or could have gained you most, largest first.",
    none: "No move of yours stood out: nothing given away for nothing, no better deal for everyone missed, no concession badly timed.",
    move: "Move {{step}} · round {{round}}",
    showStep: "Show move {{step}} in the replay",
    idea: "The idea:",
  },
  kind: {
    givenAway: {
      title: "Value given away",
      text: "Your new offer cost you {{lost}} points and gave the other delegations {{others}} between them: a concession that bought almost nothing.",
      nothing: "Your new offer cost you {{lost}} points and gave the other delegations nothing: a concession that bought nothing.",
      both: "Your new offer cost you {{lost}} points and the other delegations {{others}} more between them: value thrown away on both sides.",
    },
    missedPareto: {
      title: "A better deal for everyone",
      tabled: "You tabled a package worth {{mine}} points to you. With “{{changes}}” instead, it would have given you {{gain}} more, and no other delegation less.",
      accepted: "You accepted a package worth {{mine}} points to you. With “{{changes}}” instead, it would have given you {{gain}} more, and no other delegation less.",
    },
    earlyConcession: {
      title: "Conceded early",
      text: "By round {{round}} of {{deadline}} you were down to {{mine}} points, {{share}} of the way from your best package to your walk-away ({{walkAway}}), with most of the talks still ahead.",
    },
    lateConcession: {
      title: "Conceded at the deadline",
      text: "You held firm until round {{round}} of {{deadline}}, then gave up {{share}} of your range at once, down to {{mine}} points.",
      noDeal: "The deadline ended the talks without a deal while you had barely moved; a fair deal would have given you {{gain}} points above your walk-away.",
    },
    acceptedBelow: {
      title: "Accepted too little",
      walkAway: "You accepted a package worth {{mine}} points, {{gain}} below your walk-away of {{walkAway}}: no deal would have served you better.",
      earlier: "You accepted a package worth {{mine}} points, {{gain}} less than the {{reference}} you had been offered in round {{round}}.",
    },
    turnedDown: {
      title: "Turned down more",
      text: "You turned down an offer worth {{mine}} points to you and ended with {{reference}}, {{gain}} less.",
    },
    walkedAway: {
      title: "Walked away from more",
      text: "You walked away from an offer worth {{mine}} points, {{gain}} above your walk-away of {{walkAway}}.",
    },
  },
  idea: {
    logrolling: "give way on what matters little to you and much to them, and ask for the reverse.",
    anchoring: "the first offers set the range the talks move in; open strong and give ground slowly, each time for something.",
    batna: "weigh every offer against what you would get with no deal, and against what this table can still give you.",
    reservationValue: "your walk-away is a floor, not a target: never accept below it, and expect more once better offers have been made.",
    deadlineEffects: "pressure builds as the deadline nears; pace your concessions so the last round does not force them all out of you.",
    paretoEfficiency: "when another package is better for someone and worse for no one, signing the first leaves value on the table.",
  },
  learn: {
    eyebrow: "Negotiation ideas",
    title: "The ideas behind the game",
    lead: "Short pages on the ideas the debrief's lessons point to. Each takes a minute to read.",
    seeAlso: "See also",
    back: "All ideas",
    unknown: "There is no page called “{{name}}”.",
  },
  concept: {
    logrolling: {
      name: "Logrolling",
      summary: "Trading across issues you value differently, so that both sides gain.",
      body1:
        "Logrolling is trading across issues. Delegations rarely care equally about everything: one cares most about verification, another about sanctions. If each gives way on the issue it values less and holds on to the one it values more, both end up better off than by splitting every issue down the middle.",
      body2:
        "The trade works only if you know your own priorities and can read theirs. Watch what the others refuse to move on and what they give up easily: that is where a trade lies. A concession that costs you much and gives them little is value thrown away; the same concession on the right issue buys something.",
    },
    anchoring: {
      name: "Anchoring",
      summary: "The first positions on the table pull the final deal toward them.",
      body1:
        "An anchor is the first position put on the table. Negotiators adjust from it rather than starting afresh, so an ambitious but defensible opening tends to pull the final agreement toward it, and a modest one gives value away before the talks have begun.",
      body2:
        "Anchoring works on you as well. Giving up most of your range in the first rounds tells the others that more will follow, and it leaves you nothing to trade later. Open near your best package, explain why, and make each concession smaller than the last, each in return for something.",
    },
    batna: {
      name: "BATNA",
      summary: "Your best alternative to a negotiated agreement: what you get if there is no deal.",
      body1:
        "BATNA stands for Best Alternative To a Negotiated Agreement: what your delegation does, and gets, if these talks fail. In Cyber Accord it is your walk-away value. It is the yardstick for every offer: one above it deserves thought, one below it is worse than leaving.",
      body2:
        "Knowing your BATNA protects you both ways. Do not accept less than it, and do not walk away from, or turn down, an offer clearly worth more than it unless you are sure something better will come. Improving your BATNA before the talks is the surest way to strengthen your hand in them.",
    },
    reservationValue: {
      name: "Reservation value",
      summary: "The least you can accept: below it, no deal is better.",
      body1:
        "Your reservation value is the worst deal you can still accept: the point where a deal and no deal are worth the same to you. In Cyber Accord it is the walk-away mark on your meter, and your BATNA sets it.",
      body2:
        "Accepting a package below it leaves you worse off than not signing at all. But the floor is not the target: once an offer above your floor has been on the table, settling later for less than that offer gives value away. Keep your reservation value to yourself; if the others learn it, they will offer you just above it.",
    },
    deadlineEffects: {
      name: "Deadline effects",
      summary: "Most concessions, and most deals, come just before the deadline.",
      body1:
        "Negotiations tend to stall until the deadline is close and then move fast: most concessions, and many agreements, come in the last rounds. A deadline puts pressure on everyone, and most of all on the side whose alternative to a deal is worse.",
      body2:
        "Holding firm to the end can work, but it is a gamble. Conceding everything in the last round usually gives more away than conceding step by step, and holding out too long can end the talks with no deal at all, leaving everyone at their walk-away. Know how many rounds remain and pace yourself.",
    },
    paretoEfficiency: {
      name: "Pareto efficiency",
      summary: "A deal where no one can gain without someone else losing.",
      body1:
        "A package is Pareto-efficient when no other package would make one delegation better off without making another worse off. If such an improvement exists, signing the first package leaves value on the table that nobody collects.",
      body2:
        "Inefficient deals are common: people split the difference issue by issue instead of trading across issues. Before you table or accept a package, ask whether a change on an issue you care little about could give someone more at no cost to you, or give you more at no cost to them. The debrief's chart draws the efficient packages as the frontier.",
    },
    boulwareConceder: {
      name: "Boulware and conceder",
      summary: "Two styles of conceding: hold firm until late, or give ground early.",
      body1:
        "Negotiation research names two ways of conceding over time. A Boulware negotiator, named after Lemuel Boulware of General Electric, stays near their best package for most of the talks and concedes only as the deadline nears. A conceder gives ground early and quickly.",
      body2:
        "Neither is right every time. Against a conceder, patience pays. Against a Boulware, conceding fast only feeds them; the real question is whether a deal above your walk-away is in reach before time runs out. The bots in Cyber Accord play both styles: watch how fast each one's offers move, and answer in kind.",
    },
    frontier: {
      name: "The Pareto frontier",
      summary: "All the efficient deals: where the best agreements lie.",
      body1:
        "The Pareto frontier is the set of all Pareto-efficient packages. On the debrief's chart, with each delegation's utility along one axis, it is the outer edge of the cloud of possible deals: any package inside that edge can be improved for someone at no cost to anyone.",
      body2:
        "A good negotiation ends on the frontier or near it; where on it depends on each side's bargaining power. The distance from your deal to the frontier measures the value left on the table. Points such as the Nash bargaining solution lie on the frontier and share the gains by a rule of fairness.",
    },
  },
} as const;
