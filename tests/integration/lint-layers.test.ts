// The layer rules in biome.json (docs/architecture.md) refuse what they promise to refuse. Probe files are
// laid out in a scratch folder at the paths of the layers they pretend to be in, and linted there with the
// repository's own biome.json: each forbidden import must be reported, each allowed one must not, and two
// modules importing each other must be reported as a cycle.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const biomeBin = path.join(repoRoot, "node_modules/.bin/biome");

interface Diagnostic {
  category: string;
  location: { path: string };
}

const refused: Array<[layer: string, file: string, importLine: string]> = [
  ["commands → presenters", "server/src/commands/a.ts", 'import { presentRoom } from "../presenters/rooms.ts";'],
  ["commands → http", "server/src/commands/b.ts", 'import { buildRouter } from "../http/router.ts";'],
  ["commands → realtime", "server/src/commands/c.ts", 'import { roomChannel } from "../realtime/types.ts";'],
  ["commands → socket.io", "server/src/commands/d.ts", 'import { Server } from "socket.io";'],
  ["commands → express", "server/src/commands/e.ts", 'import { Router } from "express";'],
  ["http → realtime", "server/src/http/a.ts", 'import { roomChannel } from "../realtime/types.ts";'],
  ["realtime → http", "server/src/realtime/a.ts", 'import { buildRouter } from "../http/router.ts";'],
  ["shared → server", "shared/src/a.ts", 'import { createApp } from "../../server/src/app.ts";'],
  ["shared → client", "shared/src/b.ts", 'import { App } from "../../client/src/App.tsx";'],
  ["client → server", "client/src/a.ts", 'import { createApp } from "@mufakat/server";'],
];

const allowed: Array<[layer: string, file: string, importLine: string]> = [
  ["commands → models", "server/src/commands/ok.ts", 'import { createModels } from "../models/index.ts";'],
  ["http → commands", "server/src/http/ok.ts", 'import { createRoom } from "../commands/createRoom.ts";'],
  ["realtime → commands", "server/src/realtime/ok.ts", 'import { createRoom } from "../commands/createRoom.ts";'],
  ["presenters → shared", "server/src/presenters/ok.ts", 'import { limits } from "@mufakat/shared";'],
  ["client → shared", "client/src/ok.ts", 'import { limits } from "@mufakat/shared";'],
];

const cycle = ["server/src/commands/first.ts", "server/src/commands/second.ts"];

let scratch = "";
let diagnostics: Diagnostic[] = [];

function categoriesFor(file: string): string[] {
  return diagnostics.filter((d) => d.location.path.endsWith(file)).map((d) => d.category);
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "mufakat-layers-"));
  const config = JSON.parse(readFileSync(path.join(repoRoot, "biome.json"), "utf8")) as Record<string, unknown>;
  // The scratch folder is no git checkout; every rule and override is the repository's.
  delete config.vcs;
  delete config.$schema;
  writeFileSync(path.join(scratch, "biome.json"), JSON.stringify(config));
  const write = (file: string, source: string) => {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), source);
  };
  for (const [, file, importLine] of [...refused, ...allowed]) {
    const name = /import \{ (\w+) \}/.exec(importLine)?.[1] ?? "probe";
    write(file, `${importLine}\nexport const probe = [${name}];\n`);
  }
  write(cycle[0]!, 'import { second } from "./second.ts";\nexport const first = () => second;\n');
  write(cycle[1]!, 'import { first } from "./first.ts";\nexport const second = () => first;\n');

  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      biomeBin,
      ["lint", "--reporter=json", "--max-diagnostics=none", "."],
      { cwd: scratch, timeout: 60_000 },
      (error, stdout) => {
        // Exit code 1 is expected: the probes are meant to fail. Anything else is the tool failing.
        if (error && error.code !== 1) reject(error);
        else resolve(stdout);
      },
    );
  });
  diagnostics = (JSON.parse(output) as { diagnostics: Diagnostic[] }).diagnostics;
}, 90_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("biome refuses imports across the layers", () => {
  it.each(refused)("%s", (_layer, file) => {
    expect(categoriesFor(file)).toEqual(["lint/style/noRestrictedImports"]);
  });

  it.each(allowed)("allows %s", (_layer, file) => {
    expect(categoriesFor(file)).toEqual([]);
  });
});

describe("biome refuses import cycles", () => {
  it("reports two modules that import each other", () => {
    expect(categoriesFor(cycle[0]!)).toEqual(["lint/suspicious/noImportCycles"]);
    expect(categoriesFor(cycle[1]!)).toEqual(["lint/suspicious/noImportCycles"]);
  });
});

describe("presenters are pure mappings", () => {
  it("import nothing but types from commands (the views the commands return)", () => {
    const presentersDir = path.join(repoRoot, "server/src/presenters");
    const valueImports = readdirSync(presentersDir)
      .filter((name) => name.endsWith(".ts"))
      .flatMap((name) =>
        // Every import statement, one or several lines long; `import type` ones are what presenters may take.
        [...readFileSync(path.join(presentersDir, name), "utf8").matchAll(/^import (type )?[^;]*? from "([^"]+)";/gms)]
          .filter((match) => match[1] === undefined && match[2]?.includes("/commands/"))
          .map((match) => `${name}: ${match[0]}`),
      );
    expect(valueImports).toEqual([]);
  });
});
