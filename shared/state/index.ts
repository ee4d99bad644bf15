// The @colyseus/schema classes of the synced table, shared by the server and the client.
export * from "./table.ts";
