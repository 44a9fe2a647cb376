// The floor: y-websocket 2.x's own server (bin/utils setupWSConnection, documents in memory, no
// persistence), on a port the bench chose, in its own (pinned) process.
import http from "node:http";
import { createRequire } from "node:module";
import { WebSocketServer } from "ws";
import { announce, installProbe } from "./probe.ts";

const require = createRequire(import.meta.url);
const { setupWSConnection } = require("y-websocket/bin/utils") as {
  setupWSConnection: (connection: unknown, request: http.IncomingMessage) => void;
};

const { port } = JSON.parse(process.argv[2] ?? "{}") as { port: number };
const server = http.createServer((_request, response) => {
  response.writeHead(200).end("ok");
});
const wss = new WebSocketServer({ server });
wss.on("connection", (connection, request) => setupWSConnection(connection, request));
await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
installProbe();
announce(port);
