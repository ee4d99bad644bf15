// Numbers and names the table's panels and canvas share, in the reader's language: utilities as
// whole points out of 100 and shares as percentages through the active Translator (Bengali or Latin
// digits as the reader chose), bot strategies by name, the default scorecard criteria.
import { DEFAULT_CRITERIA } from "../../shared/classroom/criteria.ts";
import { fmt, t } from "../i18n.ts";

/** A utility in [0,1] as whole points out of 100 ("—" when there is none). */
export function points(u: number | null | undefined): string {
  if (u === null || u === undefined || !Number.isFinite(u)) return "—";
  return fmt.number(Math.round(u * 100));
}

/** A share in [0,1] as a percentage. */
export function percent(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return fmt.percent(x, digits);
}

/** A whole number (a round, a count, a table) in the reader's digits. */
export function num(n: number): string {
  return fmt.number(n);
}

const CRITERIA = {
  understanding: { label: "table:criteria.understanding", help: "table:criteria.understandingHelp" },
  analysis: { label: "table:criteria.analysis", help: "table:criteria.analysisHelp" },
  strategy: { label: "table:criteria.strategy", help: "table:criteria.strategyHelp" },
  communication: { label: "table:criteria.communication", help: "table:criteria.communicationHelp" },
  teamwork: { label: "table:criteria.teamwork", help: "table:criteria.teamworkHelp" },
} as const;

/**
 * A scorecard criterion in the reader's language: one of DEFAULT_CRITERIA as it stands (its label
 * unchanged; the class form gives it an id of its own) is translated; one the facilitator wrote or
 * reworded stays as written.
 */
export function criterionText(c: { id: string; label: string; description?: string }): { label: string; description: string | undefined } {
  const standard = DEFAULT_CRITERIA.find((d) => d.label === c.label);
  const keys = standard ? CRITERIA[standard.id as keyof typeof CRITERIA] : undefined;
  if (!standard || !keys) return { label: c.label, description: c.description };
  return { label: t(keys.label), description: c.description === undefined || c.description !== standard.description ? c.description : t(keys.help) };
}
