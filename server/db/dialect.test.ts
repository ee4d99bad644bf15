import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { preparedOnce } from "./dialect.ts";

interface Db {
  t: { id: number; name: string };
}

/** A real in-memory SQLite whose `prepare` calls are counted by SQL text. */
function counted(): { sqlite: SQLite.Database; prepared: Map<string, number> } {
  const sqlite = new SQLite(":memory:");
  const prepared = new Map<string, number>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((sql: string) => {
    prepared.set(sql, (prepared.get(sql) ?? 0) + 1);
    return prepare(sql);
  }) as typeof sqlite.prepare;
  sqlite.exec("create table t (id integer primary key, name text not null)");
  return { sqlite, prepared };
}

describe("preparedOnce: Kysely's SQLite connection with each statement prepared once", () => {
  let db: Kysely<Db> | null = null;
  afterEach(async () => {
    await db?.destroy();
    db = null;
  });

  it("prepares a query's SQL once and answers each run with its own parameters", async () => {
    const { sqlite, prepared } = counted();
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
    for (let id = 1; id <= 5; id++) await db.insertInto("t").values({ id, name: `n${id}` }).execute();
    for (let id = 1; id <= 5; id++) {
      const row = await db.selectFrom("t").select("name").where("id", "=", id).executeTakeFirst();
      expect(row?.name).toBe(`n${id}`);
    }
    const updated = await db.updateTable("t").set({ name: "x" }).where("id", ">", 3).executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(2);
    const insert = db.insertInto("t").values({ id: 1, name: "" }).compile().sql;
    const select = db.selectFrom("t").select("name").where("id", "=", 1).compile().sql;
    expect(prepared.get(insert)).toBe(1);
    expect(prepared.get(select)).toBe(1);
    expect((await db.selectFrom("t").select("name").orderBy("id").execute()).map((r) => r.name)).toEqual(["n1", "n2", "n3", "x", "x"]);
  });

  it("keeps the most recently used statements only", async () => {
    const { sqlite, prepared } = counted();
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite, 2) }) });
    const byId = (id: number) => db!.selectFrom("t").selectAll().where("id", "=", id);
    const byName = (name: string) => db!.selectFrom("t").selectAll().where("name", "=", name);
    const inList = (ids: number[]) => db!.selectFrom("t").selectAll().where("id", "in", ids);
    await byId(1).execute();
    await byName("a").execute();
    await byId(2).execute(); // byId is now the most recent
    await inList([1, 2]).execute(); // a third text: byName, the least recently used, goes
    await byId(3).execute();
    await byName("b").execute();
    expect(prepared.get(byId(0).compile().sql)).toBe(1);
    expect(prepared.get(byName("").compile().sql)).toBe(2);
  });

  it("lets a streamed query end before the same statement runs again", async () => {
    const { sqlite } = counted();
    db = new Kysely<Db>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
    for (let id = 1; id <= 3; id++) await db.insertInto("t").values({ id, name: `n${id}` }).execute();
    const query = () => db!.selectFrom("t").select("id").where("id", ">", 0).orderBy("id");
    const streamed: number[] = [];
    // A query of the same text issued mid-stream waits for the stream's end (Kysely's one connection).
    let during: Promise<{ id: number }[]> | null = null;
    for await (const row of query().stream()) {
      streamed.push(row.id);
      during ??= query().execute();
    }
    expect(streamed).toEqual([1, 2, 3]);
    expect((await during!).map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
