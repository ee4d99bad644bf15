// The "scenario" namespace in English: the source every other language translates. Keys are used literally in the code as "scenario:path.to.key".
// Scenario text itself comes from the scenario and its overlays (scenarios/<id>/scenario.<lang>.yaml), not from here.
export default {
  /** A bot's general lines (shared/bots/statements.ts TEMPLATES, same order): {{issue}} an issue's title, {{option}} an option's label, {{name}} the delegation's name. */
  bot: {
    propose: {
      builtAround: "We table a package built around {{option}} on {{issue}}.",
      keeps: 'Our proposal keeps "{{option}}" on {{issue}}; the rest is open to balance.',
      putForward: "We put forward a text with {{option}} on {{issue}}.",
    },
    counter: {
      tooFar: 'On {{issue}}, "{{option}}" goes too far for us. We table a different balance.',
      cannotSign: 'We cannot sign "{{option}}" on {{issue}}. Here is our counter-proposal.',
      asksTooMuch: "The text on the table asks too much of us on {{issue}}. We propose another.",
    },
    accept: {
      canAccept: "We can accept this package.",
      canSign: "This is a text {{name}} can sign.",
      canLiveWith: "With {{option}} on {{issue}}, we can live with this package.",
    },
    reject: {
      cannotAccept: 'We cannot accept "{{option}}" on {{issue}}.',
      notSignable: 'On {{issue}}, "{{option}}" is not something we can sign.',
      doesNotMeet: "This text does not meet us on {{issue}}.",
    },
    walkAway: {
      noBasis: "We see no basis for agreement and leave the table.",
    },
  },
  /** Marks scenario text shown in English because its translation is missing. */
  untranslated: "Not yet translated: shown in English",
} as const;
