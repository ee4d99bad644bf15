// The catalogs by language and namespace. Namespaces: common and screens (the shell and screens), table
// (the Phaser table and its panels), errors (refusals and error messages), exports (transcripts, CSV
// headings, debrief exports), scenario (labels around scenario text), coach (the coach beside the table), lessons (lessons
// after the game and the concepts' glossary), practice (drills and the ladder), inbox (a person's tables across devices
// and personal links), notify (e-mail and Web Push notifications). A third language adds a folder
// beside en/ and bn/ with one file per namespace, typed `satisfies Catalog<typeof en>`, and a line below.
import bnCommon from "./bn/common.ts";
import bnErrors from "./bn/errors.ts";
import bnExports from "./bn/exports.ts";
import bnScenario from "./bn/scenario.ts";
import bnScreens from "./bn/screens.ts";
import bnTable from "./bn/table.ts";
import enCommon from "./en/common.ts";
import enErrors from "./en/errors.ts";
import enExports from "./en/exports.ts";
import enScenario from "./en/scenario.ts";
import enScreens from "./en/screens.ts";
import enTable from "./en/table.ts";
import bnCoach from "./bn/coach.ts";
import bnLessons from "./bn/lessons.ts";
import bnPractice from "./bn/practice.ts";
import bnInbox from "./bn/inbox.ts";
import bnNotify from "./bn/notify.ts";
import enCoach from "./en/coach.ts";
import enLessons from "./en/lessons.ts";
import enPractice from "./en/practice.ts";
import enInbox from "./en/inbox.ts";
import enNotify from "./en/notify.ts";

export const NAMESPACES = ["common", "screens", "table", "errors", "exports", "scenario", "coach", "lessons", "practice", "inbox", "notify"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const CATALOGS = {
  en: { common: enCommon, screens: enScreens, table: enTable, errors: enErrors, exports: enExports, scenario: enScenario, coach: enCoach, lessons: enLessons, practice: enPractice, inbox: enInbox, notify: enNotify },
  bn: { common: bnCommon, screens: bnScreens, table: bnTable, errors: bnErrors, exports: bnExports, scenario: bnScenario, coach: bnCoach, lessons: bnLessons, practice: bnPractice, inbox: bnInbox, notify: bnNotify },
} as const;
