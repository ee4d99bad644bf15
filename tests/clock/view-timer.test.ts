// The client's view of a turn timer with quiet hours (client/net/view.ts toView): before the
// welcome gives the server's time, the deadline is checked against `secondsLeft`, which is running
// time: it must be spent around the mover's night, not added straight to the moment received.
import { describe, expect, it } from "vitest";
import { toView } from "../../client/net/view.ts";
import { TableState } from "../../shared/state/table.ts";

const utc = (iso: string): number => Date.parse(iso);

function stateWith(timer: { endsAt: number; secondsLeft: number; zone: string; quietFrom: string; quietTo: string }): TableState {
  const state = new TableState();
  state.phase = "running";
  Object.assign(state.timer, { running: true, seconds: 8 * 3600, ...timer });
  return state;
}

describe("toView's turn timer with quiet hours", () => {
  it("keeps the server's deadline when the local clock agrees, though the running time left is shorter than the wall time", () => {
    // 16:00 in Dhaka (10:00Z): 6 hours to 22:00, the night, 2 hours from 07:00: due 03:00Z.
    const received = utc("2026-01-01T10:00:00Z");
    const state = stateWith({ endsAt: utc("2026-01-02T03:00:00Z"), secondsLeft: 8 * 3600, zone: "Asia/Dhaka", quietFrom: "22:00", quietTo: "07:00" });
    const view = toView(state, null, null, received);
    expect(view.timer.endsAtLocal).toBe(utc("2026-01-02T03:00:00Z"));
    expect(view.timer).toMatchObject({ zone: "Asia/Dhaka", quiet: { from: "22:00", to: "07:00" }, untilAll: false });
  });

  it("still corrects a local clock that is far off (here 10 minutes slow)", () => {
    const received = utc("2026-01-01T09:50:00Z");
    const state = stateWith({ endsAt: utc("2026-01-02T03:00:00Z"), secondsLeft: 8 * 3600, zone: "Asia/Dhaka", quietFrom: "22:00", quietTo: "07:00" });
    // Counted from the local moment: 6 h 10 min to 22:00 local-Dhaka, then 1 h 50 min from 07:00: 02:50Z.
    expect(toView(state, null, null, received).timer.endsAtLocal).toBe(utc("2026-01-02T02:50:00Z"));
  });
});
