// Talk: public statements, private messages between two delegations, and a delegation's team
// notes. All of it goes on the record; `viewFor` decides who reads what.
import { append, isDelegation, type Draft } from "./common.ts";
import { refuse } from "./errors.ts";
import type { Audience, GameAction, Message } from "./types.ts";

export const MAX_TEXT = 2000;

export type TalkAction = Extract<GameAction, { type: "statement" | "private_message" | "team_note" }>;

export function applyTalk(d: Draft, action: TalkAction, me: string): void {
  const text = action.text.trim();
  if (text === "") refuse("empty_text", `${action.type}: the text is empty`);
  if (text.length > MAX_TEXT) {
    refuse("text_too_long", `${action.type}: the text has ${text.length} characters; at most ${MAX_TEXT} are allowed`);
  }
  const id = `m${d.version}`;
  const round = d.s.round;
  const version = d.version;
  let message: Message;
  let audience: Audience;
  switch (action.type) {
    case "statement":
      message = action.phrase ? { id, from: me, channel: "public", text, round, version, phrase: action.phrase } : { id, from: me, channel: "public", text, round, version };
      audience = "all";
      break;
    case "private_message":
      if (!isDelegation(d.s, action.to)) refuse("unknown_delegation", `private_message: no delegation '${action.to}' at this table`);
      if (action.to === me) refuse("not_allowed", `private_message: ${me} cannot write a private message to itself; use team_note`);
      message = { id, from: me, channel: "private", to: action.to, text, round, version };
      audience = { delegations: [me, action.to] };
      break;
    case "team_note":
      message = { id, from: me, channel: "team", text, round, version };
      audience = { delegations: [me] };
      break;
  }
  d.s.messages = append(d.s.messages, message);
  d.events.push({ type: "message", message, audience, version });
}
