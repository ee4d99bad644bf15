// The catalogs by language and namespace. Namespaces: common and screens (the shell and screens), table
// (the Phaser table and its panels), errors (refusals and error messages), exports (transcripts, CSV
// headings, debrief exports), scenario (labels around scenario text). A third language adds a folder
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

export const NAMESPACES = ["common", "screens", "table", "errors", "exports", "scenario"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const CATALOGS = {
  en: { common: enCommon, screens: enScreens, table: enTable, errors: enErrors, exports: enExports, scenario: enScenario },
  bn: { common: bnCommon, screens: bnScreens, table: bnTable, errors: bnErrors, exports: bnExports, scenario: bnScenario },
} as const;
