// Hocuspocus under benchmark: @hocuspocus/server with its SQLite extension (default debounce), on a port
// the bench chose, in its own (pinned) process.
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";
import { announce, installProbe } from "./probe.ts";

const { port, database } = JSON.parse(process.argv[2] ?? "{}") as { port: number; database: string };

const storage = new SQLite({ database });
const server = new Server({ port, address: "127.0.0.1", quiet: true, extensions: [storage] });
await server.listen();

installProbe({
  loaded: (request) => server.hocuspocus.documents.has(String(request.name)),
  // What the extension stored: one row per document, the whole state, rewritten after each debounce.
  storedBytes: () =>
    new Promise((resolve, reject) => {
      storage.db?.all("SELECT name, length(data) AS bytes FROM documents", (error: Error | null, rows: unknown) => {
        if (error) reject(error);
        else resolve(rows);
      });
    }),
});
announce(server.address.port);
