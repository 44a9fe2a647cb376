// The only module that reads process.env. Every configuration variable is declared, defaulted and
// validated here, so a bad value stops start-up with a message that names the variable.
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
      .optional(),
  ),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
      .optional(),
  ),
  JWT_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url("each origin must be a URL like https://forum.example.org"))),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FERRETDB_BIN: optionalString,
  COOKIE_SECURE: z
    .enum(["true", "false", "auto"])
    .default("auto")
    .transform((value) => value),
  SERVE_CLIENT: z.enum(["true", "false"]).default("true"),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

/** Every variable the schema declares, so documentation can be checked against it. */
export const configurationVariables = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}

/** The per-user cache folder (XDG_CACHE_HOME or ~/.cache) where tools built once are kept. */
export function userCacheDir(source: Record<string, string | undefined> = process.env): string {
  const base = source.XDG_CACHE_HOME?.trim() || path.join(source.HOME?.trim() || "/tmp", ".cache");
  return path.join(base, "mufakat");
}

/** The directories to search for executables, from PATH. */
export function executableSearchPath(source: Record<string, string | undefined> = process.env): string[] {
  return (source.PATH ?? "").split(path.delimiter).filter(Boolean);
}

/** A copy of the environment for child processes that must inherit it (the Go toolchain needs HOME, PATH, GOPATH…). */
export function childProcessEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
