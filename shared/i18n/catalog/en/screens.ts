// The "screens" namespace in English: the shell and every screen (home, join, solo, briefing, debrief,
// class, dashboard, projector, tournament, materials). Keys are used literally as "screens:path.to.key".
export default {
  shell: {
    navLabel: "Screens",
    homeLabel: "Cyber Accord, home",
    language: "Language",
    digits: "Digits",
    digitsNative: "Bengali digits (০১২৩)",
    digitsLatin: "Latin digits (0123)",
    loadFailed: "This screen could not be loaded",
    loadFailedHint: "Check your connection and reload the page.",
  },
} as const;
