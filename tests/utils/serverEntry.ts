// A server in a child process, for crash tests: `node --import tsx tests/utils/serverEntry.ts '<json>'`
// with { mongoUri, databaseName, jwtSecret, redisUrl?, compactAfterUpdates? }. Listens on port 0 and prints
// one line `{"port":<n>}` when ready. Killed with SIGKILL by the tests, on purpose without any cleanup.
import { connectMongoose, createApp } from "@mufakat/server";

interface EntryOptions {
  mongoUri: string;
  databaseName: string;
  jwtSecret: string;
  redisUrl?: string;
  compactAfterUpdates?: number;
}

const options = JSON.parse(process.argv[2] ?? "{}") as EntryOptions;
const connection = await connectMongoose(options.mongoUri, options.databaseName);
const app = await createApp({
  connection,
  jwtSecret: options.jwtSecret,
  authRateLimit: { limit: 10_000, windowMs: 60_000 },
  redisUrl: options.redisUrl,
  ...(options.compactAfterUpdates ? { collaboration: { compactAfterUpdates: options.compactAfterUpdates } } : {}),
});
const { port } = await app.listen(0);
process.stdout.write(`${JSON.stringify({ port })}\n`);
