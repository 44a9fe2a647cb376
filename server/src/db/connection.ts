// Opens the database: MongoDB at MONGODB_URI, or the embedded FerretDB under DATA_DIR.
import path from "node:path";
import mongoose from "mongoose";
import { type EmbeddedDatabase, type ProgressReporter, locateOrBuildFerretDb, startFerretDb } from "./ferretdb.ts";

// Query operators in user input ({"$gt": ""}) must never reach a query: sanitizeFilter neutralises them, so
// the server's own operators are marked with mongoose.trusted(). Unknown filter paths are errors.
mongoose.set("strictQuery", true);
mongoose.set("sanitizeFilter", true);

export interface DatabaseOptions {
  mongodbUri?: string | undefined;
  dataDir: string;
  ferretDbBinary?: string | undefined;
  cacheDir: string;
  searchPath: string[];
  progress?: ProgressReporter;
}

export interface Database {
  connection: mongoose.Connection;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

export const defaultDatabaseName = "mufakat";

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let uri = options.mongodbUri;
  if (!uri) {
    const binary = await locateOrBuildFerretDb({
      explicitBinary: options.ferretDbBinary,
      searchPath: options.searchPath,
      cacheDir: options.cacheDir,
      ...(options.progress ? { progress: options.progress } : {}),
    });
    embedded = await startFerretDb({
      binary,
      dataDir: path.join(options.dataDir, "ferretdb"),
      ...(options.progress ? { progress: options.progress } : {}),
    });
    uri = `${embedded.uri}${defaultDatabaseName}`;
  }
  try {
    const connection = await connectMongoose(uri);
    return {
      connection,
      embedded,
      close: async () => {
        await connection.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * A mongoose connection that fails fast while the server is unreachable instead of queueing forever.
 *
 * FerretDB v1.24 (SQLite) does not make a single-document update atomic against a concurrent one on
 * another connection: measured here, 20 concurrent `$inc` on one document left it at 1 to 7, and 20
 * concurrent conditional findOneAndUpdate calls had up to 20 winners. Requests on one connection run
 * one at a time, so against FerretDB the pool is one connection: every conditional update (refresh
 * rotation, invite uses, closing a motion) is then exclusive, as it is on MongoDB with any pool.
 */
export async function connectMongoose(uri: string, dbName?: string): Promise<mongoose.Connection> {
  const options: mongoose.ConnectOptions = {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 5000,
    bufferCommands: false,
    autoIndex: false,
  };
  const probe = await mongoose.createConnection(uri, { ...options, maxPoolSize: 1 }).asPromise();
  if (await isFerretDb(probe)) return probe;
  await probe.close();
  return mongoose.createConnection(uri, options).asPromise();
}

async function isFerretDb(connection: mongoose.Connection): Promise<boolean> {
  const info = (await connection.db?.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: unknown } | undefined;
  return typeof info?.ferretdbVersion === "string";
}
