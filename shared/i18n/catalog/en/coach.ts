// The "coach" namespace in English: the source every other language translates. Keys are used literally in the code as "coach:path.to.key".
export default {
  title: "Coach",
  label: "The coach's hints, from what your seat has seen",
  hide: "Hide the coach",
  show: "Show the coach",
  classOption: "A coach beside the table: hints for each student from what their own seat sees",
  draft: {
    worth: "Your draft is worth {{points}} points to you; walking away is worth {{walkAway}}.",
  },
  estimate: {
    heading: "What the others seem to think of it",
    value: "about {{points}} for them",
    unknown: "not known yet",
  },
  sure: {
    none: "no moves of theirs seen yet",
    low_one: "a guess, from {{count}} move",
    low_other: "a guess, from {{count}} moves",
    medium_one: "fairly sure, from {{count}} move",
    medium_other: "fairly sure, from {{count}} moves",
    high_one: "sure, from {{count}} move",
    high_other: "sure, from {{count}} moves",
  },
  trade: {
    heading: "A trade to try",
    text_one: "Give {{giveIssue}}: {{giveOption}}, ask {{askIssue}}: {{askOption}} — about +{{points}} for you, likely better for {{names}} too.",
    text_other: "Give {{giveIssue}}: {{giveOption}}, ask {{askIssue}}: {{askOption}} — about +{{points}} for you, likely better for {{names}} too.",
    apply: "Put it in my draft",
    none: "No trade in sight that looks better for you and for them.",
  },
  accept: {
    below: "This offer is worth {{offer}} points to you, less than walking away ({{walkAway}}).",
    weak_one: "Wait before accepting: this offer is worth {{offer}} points to you, and their moves suggest about {{within}} is still within reach, with {{count}} round left.",
    weak_other: "Wait before accepting: this offer is worth {{offer}} points to you, and their moves suggest about {{within}} is still within reach, with {{count}} rounds left.",
    fair_one: "This offer is worth {{offer}} points to you; their moves suggest little more is within reach ({{count}} round left).",
    fair_other: "This offer is worth {{offer}} points to you; their moves suggest little more is within reach ({{count}} rounds left).",
    opening_one: "Wait before accepting: this is their first offer, worth {{offer}} points to you, with {{count}} round left. A first offer is an anchor, rarely their last word.",
    opening_other: "Wait before accepting: this is their first offer, worth {{offer}} points to you, with {{count}} rounds left. A first offer is an anchor, rarely their last word.",
    confirmTitle: "The coach would wait",
  },
  walk: {
    noOffer: "Walking away is worth {{walkAway}} points to you; nothing is on the table.",
    withOffer: "Walking away is worth {{walkAway}} points to you; the offer on the table, {{offer}}.",
  },
} as const;
