// Configuration: loadEnv() refuses a bad value with a ConfigError naming the variable, and fills in
// the documented defaults when a variable is unset.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, executableSearchPath, loadEnv, userCacheDir } from "@mufakat/server";

function configErrorFor(source: Record<string, string>): ConfigError {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadEnv accepted ${JSON.stringify(source)}`);
}

describe("loadEnv refuses bad values, naming the variable", () => {
  it.each([
    [{ PORT: "abc" }, "PORT: Invalid input: expected number, received NaN"],
    [{ PORT: "70000" }, "PORT: Too big: expected number to be <=65535"],
    [{ MONGODB_URI: "http://x" }, "MONGODB_URI: must start with mongodb:// or mongodb+srv://"],
    [{ REDIS_URL: "http://x" }, "REDIS_URL: must start with redis:// or rediss://"],
    [{ CORS_ORIGINS: "notaurl" }, "CORS_ORIGINS.0: each origin must be a URL like https://forum.example.org"],
    [
      { CORS_ORIGINS: "https://ok.example, notaurl" },
      "CORS_ORIGINS.1: each origin must be a URL like https://forum.example.org",
    ],
    [
      { LOG_LEVEL: "loud" },
      'LOG_LEVEL: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"',
    ],
    [{ JWT_SECRET: "too-short-31-characters-0123456" }, "JWT_SECRET: must be at least 32 characters"],
    [{ NODE_ENV: "staging" }, 'NODE_ENV: Invalid option: expected one of "development"|"production"|"test"'],
    [{ COOKIE_SECURE: "yes" }, 'COOKIE_SECURE: Invalid option: expected one of "true"|"false"|"auto"'],
    [{ SERVE_CLIENT: "no" }, 'SERVE_CLIENT: Invalid option: expected one of "true"|"false"'],
    [{ DATA_DIR: "" }, "DATA_DIR: Too small: expected string to have >=1 characters"],
  ])("%j", (source, line) => {
    const error = configErrorFor(source);
    expect(error.name).toBe("ConfigError");
    expect(error.message).toBe(`Invalid configuration:\n  ${line}`);
  });

  it("names every bad variable in one message, in declaration order", () => {
    const error = configErrorFor({ LOG_LEVEL: "loud", PORT: "abc", JWT_SECRET: "short", MONGODB_URI: "http://x" });
    expect(error.message.split("\n").map((line) => line.split(":")[0]?.trim())).toEqual([
      "Invalid configuration",
      "PORT",
      "MONGODB_URI",
      "JWT_SECRET",
      "LOG_LEVEL",
    ]);
  });

  it("accepts a JWT_SECRET of exactly 32 characters", () => {
    expect(loadEnv({ JWT_SECRET: "a".repeat(32) }).JWT_SECRET).toBe("a".repeat(32));
  });
});

describe("loadEnv defaults", () => {
  it("fills in every default when nothing is set", () => {
    expect(loadEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      dataDir: path.resolve("./data"),
      CORS_ORIGINS: [],
      LOG_LEVEL: "info",
      COOKIE_SECURE: "auto",
      SERVE_CLIENT: "true",
    });
  });

  it("treats empty or blank optional values as unset", () => {
    const env = loadEnv({ MONGODB_URI: "", REDIS_URL: " ", JWT_SECRET: "  ", FERRETDB_BIN: "", CORS_ORIGINS: "" });
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.FERRETDB_BIN).toBeUndefined();
    expect(env.CORS_ORIGINS).toEqual([]);
  });

  it("parses the values a deployment sets", () => {
    const env = loadEnv({
      NODE_ENV: "production",
      PORT: "8080",
      DATA_DIR: "/srv/mufakat",
      MONGODB_URI: "mongodb://mongo:27017/mufakat?replicaSet=rs0",
      REDIS_URL: "redis://redis:6379",
      CORS_ORIGINS: " https://a.example , https://b.example ",
      LOG_LEVEL: "warn",
    });
    expect(env).toMatchObject({
      NODE_ENV: "production",
      PORT: 8080,
      dataDir: "/srv/mufakat",
      MONGODB_URI: "mongodb://mongo:27017/mufakat?replicaSet=rs0",
      REDIS_URL: "redis://redis:6379",
      CORS_ORIGINS: ["https://a.example", "https://b.example"],
      LOG_LEVEL: "warn",
    });
  });
});

describe("the other things env.ts reads", () => {
  it("keeps tools in XDG_CACHE_HOME/mufakat, else ~/.cache/mufakat", () => {
    expect(userCacheDir({ XDG_CACHE_HOME: "/xdg", HOME: "/home/siti" })).toBe("/xdg/mufakat");
    expect(userCacheDir({ HOME: "/home/siti" })).toBe("/home/siti/.cache/mufakat");
    expect(userCacheDir({})).toBe("/tmp/.cache/mufakat");
  });

  it("searches the non-empty entries of PATH", () => {
    expect(executableSearchPath({ PATH: "/usr/local/bin::/usr/bin:" })).toEqual(["/usr/local/bin", "/usr/bin"]);
    expect(executableSearchPath({})).toEqual([]);
  });
});
