// The negotiation ideas the lessons and the glossary teach: one id per idea (the glossary's route is
// `#/learn/<id>`), and which other ideas each page points to. The words are in the `lessons` catalogs.

export const CONCEPTS = [
  "logrolling",
  "anchoring",
  "batna",
  "reservation-value",
  "deadline-effects",
  "pareto-efficiency",
  "boulware-conceder",
  "frontier",
] as const;

export type ConceptId = (typeof CONCEPTS)[number];

export function isConcept(id: string): id is ConceptId {
  return (CONCEPTS as readonly string[]).includes(id);
}

/** The ideas a glossary page links to ("see also"), in reading order. */
export const RELATED: Readonly<Record<ConceptId, readonly ConceptId[]>> = {
  logrolling: ["pareto-efficiency", "frontier", "anchoring"],
  anchoring: ["boulware-conceder", "reservation-value", "deadline-effects"],
  batna: ["reservation-value", "deadline-effects", "logrolling"],
  "reservation-value": ["batna", "anchoring", "frontier"],
  "deadline-effects": ["boulware-conceder", "batna", "anchoring"],
  "pareto-efficiency": ["frontier", "logrolling", "reservation-value"],
  "boulware-conceder": ["anchoring", "deadline-effects", "batna"],
  frontier: ["pareto-efficiency", "logrolling", "reservation-value"],
};
