// The embedded database launcher: FerretDB never outlives the process that started it, and a machine
// without Go gets a message naming the two ways out.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { canConnect, locateOrBuildFerretDb } from "@mufakat/server";
import { eventually } from "../utils/eventually.ts";

const binary = inject("ferretDbBinary");
const childEntry = fileURLToPath(new URL("../utils/embeddedDatabaseChild.ts", import.meta.url));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("embedded FerretDB", () => {
  it.skipIf(!binary)("stops when the process that started it is killed with SIGKILL", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-orphan-"));
    const child = spawn(process.execPath, ["--import", "tsx", childEntry, binary, dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const { pid, port } = JSON.parse(line) as { pid: number; port: number };
    expect(isRunning(pid)).toBe(true);
    expect(await canConnect(port)).toBe(true);

    child.kill("SIGKILL");
    await eventually(async () => expect(await canConnect(port)).toBe(false), { timeout: 15_000 });
    await eventually(() => expect(isRunning(pid)).toBe(false), { timeout: 15_000 });
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it("without Go, fails with a message naming both ways out", async () => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-nogo-"));
    const attempt = locateOrBuildFerretDb({
      cacheDir,
      searchPath: [],
      goCommand: path.join(cacheDir, "no-such-go"),
      progress: () => undefined,
    });
    await expect(attempt).rejects.toThrow(/needs Go, which is not installed[\s\S]*install Go[\s\S]*set MONGODB_URI/);
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it("refuses a FERRETDB_BIN that does not exist", async () => {
    await expect(
      locateOrBuildFerretDb({ explicitBinary: "/nonexistent/ferretdb", cacheDir: os.tmpdir(), searchPath: [] }),
    ).rejects.toThrow("FERRETDB_BIN points to /nonexistent/ferretdb, which does not exist.");
  });
});
