// Boot only: read configuration, open the database, build the app, listen, and stop cleanly on signals.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.ts";
import { openDatabase } from "./db/connection.ts";
import { ConfigError, executableSearchPath, loadEnv, userCacheDir } from "./env.ts";
import { createLogger } from "./logging.ts";
import { resolveJwtSecret } from "./secrets.ts";

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL });
  const database = await openDatabase({
    mongodbUri: env.MONGODB_URI,
    dataDir: env.dataDir,
    ferretDbBinary: env.FERRETDB_BIN,
    cacheDir: userCacheDir(),
    searchPath: executableSearchPath(),
    progress: (message) => logger.info(message),
  });
  if (database.embedded) logger.info({ dataDir: env.dataDir }, "embedded FerretDB started");
  const here = path.dirname(fileURLToPath(import.meta.url));
  const app = await createApp({
    connection: database.connection,
    jwtSecret: await resolveJwtSecret({
      configured: env.JWT_SECRET,
      dataDir: env.dataDir,
      production: env.NODE_ENV === "production",
    }),
    logger,
    corsOrigins: env.CORS_ORIGINS,
    cookieSecurity: env.COOKIE_SECURE,
    clientDir: env.SERVE_CLIENT === "true" ? path.resolve(here, "../../client/dist") : null,
    redisUrl: env.REDIS_URL,
  });
  const { url } = await app.listen(env.PORT, env.HOST);
  logger.info(`Mufakat is running at ${url}`);
  // The opinion-grouping worker loads its code now rather than when the first room asks for its groups.
  app.opinions.warm().catch((error: unknown) => logger.warn({ err: error }, "opinion worker did not start"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    try {
      await app.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof Error && error.name === "EmbeddedDatabaseError")) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(
      `\nMufakat could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
