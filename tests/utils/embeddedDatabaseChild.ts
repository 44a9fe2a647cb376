// Child process for the launcher test: starts the embedded FerretDB the way the server does, prints its
// pid as JSON, then waits to be killed.
import { startFerretDb } from "@mufakat/server";

const [binary = "", dataDir = ""] = process.argv.slice(2);
const database = await startFerretDb({ binary, dataDir });
process.stdout.write(`${JSON.stringify({ pid: database.pid, port: database.port })}\n`);
setInterval(() => undefined, 60_000);
