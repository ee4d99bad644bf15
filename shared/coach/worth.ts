// What a package is worth to the seat itself: its utility against the walk-away (the reservation
// value) and the red lines it crosses. Read from the seat's own profile in its `SeatView`.
import { utility } from "../analysis/utility.ts";
import { redLinesCrossed } from "../rules/legal.ts";
import type { Package, ReadonlyPackage, SeatView } from "../rules/types.ts";

export interface Worth {
  /** The package's utility to me, in [0, 1]. */
  readonly utility: number;
  /** What walking away is worth to me (my reservation value, after any inject). */
  readonly walkAway: number;
  /** utility − walkAway: above 0, better than no deal. */
  readonly margin: number;
  /** My red lines the package crosses (I could never sign it). */
  readonly redLines: readonly { readonly issue: string; readonly option: string }[];
}

/** The worth of `pkg` to the seat; null for a viewer without a seat. */
export function worthToMe(view: SeatView, pkg: ReadonlyPackage | Package): Worth | null {
  const me = view.me;
  if (!me) return null;
  const u = utility(me.profile, pkg);
  const walkAway = me.profile.reservationValue;
  return {
    utility: u,
    walkAway,
    margin: u - walkAway,
    redLines: redLinesCrossed(me.profile, pkg).map((l) => ({ issue: l.issue, option: l.option })),
  };
}
