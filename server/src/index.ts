// What the tests package imports: the app factory and the pieces to start it like main.ts does.
export { createApp, type AppDeps, type MufakatApp } from "./app.ts";
export { connectMongoose, openDatabase } from "./db/connection.ts";
export { GroupCommitWriter, groupFailure } from "./db/groupCommit.ts";
export {
  cachedBinaryPath,
  canConnect,
  findFreePort,
  locateOrBuildFerretDb,
  startFerretDb,
  type EmbeddedDatabase,
} from "./db/ferretdb.ts";
export { executableSearchPath, loadEnv, userCacheDir, ConfigError } from "./env.ts";
export { resolveJwtSecret } from "./secrets.ts";
export { createLogger, loggerOptions, redactedText } from "./logging.ts";
export { membershipIdFor } from "./models/index.ts";
export { banUser } from "./commands/banUser.ts";
export { signAccessToken } from "./auth/tokens.ts";
export { OpinionGrouper, type GroupingRun } from "./opinions/opinionGrouper.ts";
export { groupOpinions, type GroupingResult } from "./opinions/groupOpinions.ts";
