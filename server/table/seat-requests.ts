// The facilitator's seat requests (room business, not game rules): hand a delegation to a bot or
// back to its people (`set_control`), move a person to another delegation or to the observers
// (`reassign`). Both run in the table's queue.
import { MESSAGE, type RequestPayload } from "../../shared/protocol/index.ts";
import { refusal } from "../requests/pipeline.ts";
import type { TableMaster } from "./master.ts";
import type { Reply } from "./actions.ts";

/** `set_control` (the facilitator; in the queue). */
export async function setControl(table: TableMaster, req: RequestPayload<"set_control">): Promise<Reply> {
  const current = table.seating.control.get(req.delegation);
  if (!current) return refusal("not_found", `set_control: no delegation '${req.delegation}' at this table`);
  if (table.game().phase === "ended") return refusal("negotiation_over", "set_control: the negotiation is over");
  await table.changeControl(req.delegation, req.control, req.strategy ?? current.strategy, "facilitator");
  table.notifyDelegation(req.delegation, {
    code: "control_changed",
    message: `the facilitator handed ${req.delegation} to ${req.control === "bot" ? "a bot" : "its people"}`,
    delegation: req.delegation,
    control: req.control,
  });
  table.env.transport.broadcastPatch();
  table.bots.schedule();
  table.maybeAutoStart();
  return { ok: true, version: table.game().version };
}

/** `reassign` (the facilitator; in the queue): move a person to another delegation or to the observers. */
export async function reassign(table: TableMaster, req: RequestPayload<"reassign">): Promise<Reply> {
  const person = table.seating.people.get(req.person);
  if (!person) return refusal("not_found", `reassign: no person '${req.person}' at this table`);
  const target = req.delegation;
  if (target !== null) {
    const d = table.scenario.delegations.find((x) => x.id === target);
    if (!d) return refusal("not_found", `reassign: no delegation '${target}' at this table`);
    if (person.delegation !== target && table.seating.membersOf(target) >= d.seats.max) {
      return refusal("delegation_full", `reassign: ${target} already has ${d.seats.max} ${d.seats.max === 1 ? "person" : "people"}`);
    }
  }
  const from = person.delegation;
  person.delegation = target;
  await table.env.store.updateSeat(person.id, { delegation: target });
  table.seating.refresh();
  for (const id of [...person.sessions]) {
    const session = table.seating.sessions.get(id);
    if (!session) continue;
    table.env.transport.send(id, MESSAGE.notice, { code: "reassigned", message: `the facilitator moved you to ${target ?? "the observers"}`, delegation: target });
    table.sendWelcome(session);
    table.sendSeat(session, []);
  }
  if (from && from !== target && table.seating.membersOf(from) === 0) await table.seatLeftForGood(from);
  table.env.transport.broadcastPatch();
  table.maybeAutoStart();
  return { ok: true, version: table.game().version };
}
