// The default scorecard, in a module of its own (no zod) so the client's create form can show it
// without loading the schemas.

/** One line of the scorecard, as the session's schema (`Criterion` in session.ts) checks it. */
export interface CriterionLine {
  id: string;
  label: string;
  description: string;
}

/** A Cyber 9/12-like scorecard, adapted to a negotiation: each line scored 1 (weak) to 4 (excellent). */
export const DEFAULT_CRITERIA: readonly CriterionLine[] = [
  { id: "understanding", label: "Understanding of the issues", description: "Knows the brief, the issues and what each option means for the delegation." },
  { id: "analysis", label: "Analysis of the other delegations", description: "Reads the others' interests and red lines from what they say and offer." },
  { id: "strategy", label: "Negotiation strategy", description: "Opening, concessions and trades that serve the delegation's priorities." },
  { id: "communication", label: "Communication", description: "Clear, diplomatic statements and messages; uses the right channel." },
  { id: "teamwork", label: "Teamwork and adaptability", description: "Works as a delegation; adapts to injects and to the deadline." },
];

