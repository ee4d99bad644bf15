// The "notify" namespace in English: the source every other language translates. Keys are used literally in the code as "notify:path.to.key".
export default {
  subject: {
    your_move: "Your move at {{table}}",
    private_message: "A private message at {{table}}",
    inject: "News at {{table}}",
    grouped_one: "{{count}} thing happened at {{table}}",
    grouped_other: "{{count}} things happened at {{table}}",
  },
  item: {
    your_move: "It is your move ({{delegation}}).",
    private_message: "A private message reached {{delegation}}.",
    inject: "An inject changed the situation for {{delegation}}.",
    more_one: "And {{count}} more.",
    more_other: "And {{count}} more.",
  },
  mail: {
    open: "Open the table",
    why: "You get this because you asked to hear about your tables in Cyber Accord: at most one e-mail per table an hour.",
    stop: "Stop these e-mails",
  },
  unsubscribe: {
    title: "Stop notification e-mails",
    confirm: "Stop every notification e-mail from Cyber Accord to {{email}}?",
    button: "Stop the e-mails",
    done: "Done: no more notification e-mails go to {{email}}. You can ask for them again on the home page.",
    unknown: "This link no longer works: the e-mails were already stopped, or the link is not complete.",
  },

  panel: {
    title: "Notify me",
    lead: "Hear when it is your move, a private message arrives or news breaks at one of your tables while you are away: at most one message per table an hour.",
    noSeats: "Take a seat at a table first: notifications are about your tables.",
    emailLabel: "E-mail address",
    emailSave: "Notify me by e-mail",
    emailOn: "E-mails go to {{email}}.",
    emailStop: "Stop e-mails",
    emailUnavailable: "This server sends no e-mail; notifications on this browser still work.",
    badEmail: "Enter an e-mail address like name@example.org.",
    pushOn: "Notify this browser",
    pushOff: "Stop notifying this browser",
    pushActive: "This browser is notified.",
    pushUnsupported: "This browser cannot show notifications from a web page.",
    pushDenied: "Notifications are blocked for this site in this browser's settings.",
    failed: "Could not save: {{message}}",
  },
} as const;
