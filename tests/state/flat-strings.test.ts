// Every client decodes the synced state's strings with shared/state/flat-strings.ts (flat strings,
// a fraction of the memory the library's character-by-character loop keeps). What a client reads must
// be exactly what the server wrote: every length class of msgpack string, every UTF-8 width (Bangla
// is three bytes a character, an emoji four), the 13-byte boundary where decoding switches to
// TextDecoder, map keys, and strings that follow one another in one patch.
import { Decoder, Encoder, decode } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { decodeFlatString } from "../../shared/state/flat-strings.ts";
import { Person, Statement, TableState } from "../../shared/state/table.ts";

const TEXTS = [
  "",
  "a",
  "twelve bytes", // 12: the library's loop
  "thirteen byte", // 13: TextDecoder
  "আলোচনা", // 6 characters, 18 bytes
  "সাইবার নিরাপত্তা সহযোগিতা চুক্তি — ২০১৫", // Bangla with an em dash and Bangla digits
  "We accept 🤝 the review clause.", // a four-byte character (a surrogate pair in JS)
  "x".repeat(31), // the longest fixstr
  "y".repeat(32), // str 8
  "z".repeat(255),
  "long ".repeat(60), // 300 bytes: str 16
  "ব".repeat(3_000), // 9,000 bytes
];

function statementsOf(texts: string[]): TableState {
  const state = new TableState();
  texts.forEach((text, i) => {
    state.statements.push(new Statement({ id: `statement-${i}-of-the-table`, from: "alpha", text, round: i, version: i + 1 }));
  });
  return state;
}

describe("flat strings in the synced state", () => {
  it("is the decoder every client of the table state uses", () => {
    expect(decode.string).toBe(decodeFlatString);
  });

  it("decodes every string exactly as the server encoded it, in a full state and in patches", () => {
    const server = statementsOf(TEXTS);
    const encoder = new Encoder(server);
    const client = new TableState();
    const decoder = new Decoder(client);
    decoder.decode(encoder.encodeAll());
    expect(client.statements.map((s) => s.text)).toEqual(TEXTS);
    expect(client.statements.map((s) => s.id)).toEqual(TEXTS.map((_, i) => `statement-${i}-of-the-table`));
    encoder.discardChanges();

    // A patch: new strings beside changed ones, and a map keyed by strings of both lengths.
    server.statements.at(4)!.text = "নতুন প্রস্তাব";
    server.statements.push(new Statement({ id: "s-last", from: "epsilon", text: "Agreed, on condition of a joint review.", round: 99, version: 99 }));
    server.people.set("p", new Person({ id: "p", name: "Nusrat Jahan" }));
    server.people.set("person-with-a-long-id-7f3a", new Person({ id: "person-with-a-long-id-7f3a", name: "রহিম" }));
    server.stage = "closing statements";
    decoder.decode(encoder.encode());
    expect(client.statements.at(4)!.text).toBe("নতুন প্রস্তাব");
    expect(client.statements.at(-1)!.text).toBe("Agreed, on condition of a joint review.");
    expect(client.statements.at(-1)!.round).toBe(99);
    expect([...client.people.keys()].sort()).toEqual(["p", "person-with-a-long-id-7f3a"]);
    expect(client.people.get("person-with-a-long-id-7f3a")!.name).toBe("রহিম");
    expect(client.stage).toBe("closing statements");
    expect(client.toJSON()).toEqual(server.toJSON());
  });

  it("reads the 32-bit length header too (longer texts than a table lets anyone write)", () => {
    const text = "চুক্তি signed";
    const body = new TextEncoder().encode(text);
    // The library writes its integers little-endian.
    const bytes = new Uint8Array([0xdb, body.length, 0, 0, 0, ...body, 0x01]);
    const it = { offset: 0 };
    expect(decodeFlatString(bytes, it)).toBe(text);
    expect(it.offset).toBe(5 + body.length);
  });

  it("stops at the end of the bytes it was given, as the library does, instead of reading past them", () => {
    const bytes = new Uint8Array([0xa0 | 20, ...new TextEncoder().encode("only ten b")]);
    const it = { offset: 0 };
    expect(decodeFlatString(bytes, it)).toBe("only ten b");
    expect(it.offset).toBe(bytes.length);
  });
});
