// The embedded database: FerretDB v1.24.2 on its SQLite backend, started as a child process on a free
// loopback port when MONGODB_URI is not set. The binary is found (FERRETDB_BIN, PATH, per-user cache)
// or built once from the Go module proxy into the cache, so fresh clones on one machine share it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { childProcessEnvironment } from "../env.ts";

export const ferretDbVersion = "v1.24.2";
export const ferretDbModule = "github.com/FerretDB/FerretDB";

export type ProgressReporter = (message: string) => void;

const reportToStderr: ProgressReporter = (message) => process.stderr.write(`[mufakat] ${message}\n`);

export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

export interface LocateOptions {
  /** FERRETDB_BIN, when set: used as is, never built. */
  explicitBinary?: string | undefined;
  /** Directories of PATH. */
  searchPath: string[];
  /** Per-user cache folder; the binary lives in `<cacheDir>/ferretdb-<version>/ferretdb`. */
  cacheDir: string;
  progress?: ProgressReporter;
  /** The Go command to build with; "go" from PATH by default. */
  goCommand?: string;
}

/** Where a FerretDB binary is, building it into the cache when none is found. */
export async function locateOrBuildFerretDb(options: LocateOptions): Promise<string> {
  const progress = options.progress ?? reportToStderr;
  if (options.explicitBinary) {
    if (!existsSync(options.explicitBinary)) {
      throw new EmbeddedDatabaseError(`FERRETDB_BIN points to ${options.explicitBinary}, which does not exist.`);
    }
    return options.explicitBinary;
  }
  const cached = cachedBinaryPath(options.cacheDir);
  if (existsSync(cached)) return cached;
  for (const dir of options.searchPath) {
    const candidate = path.join(dir, "ferretdb");
    if (existsSync(candidate) && (await reportsVersion(candidate, ferretDbVersion))) return candidate;
  }
  await buildFerretDb(cached, progress, options.goCommand ?? "go");
  return cached;
}

export function cachedBinaryPath(cacheDir: string): string {
  return path.join(cacheDir, `ferretdb-${ferretDbVersion}`, "ferretdb");
}

async function reportsVersion(binary: string, version: string): Promise<boolean> {
  try {
    const { stdout } = await run(binary, ["--version"], {});
    return stdout.includes(`version: ${version}`);
  } catch {
    // A binary that cannot even print its version is not one we can run.
    return false;
  }
}

/**
 * Builds FerretDB from its module source. `go install …/cmd/ferretdb@v1.24.2` alone yields a binary that
 * panics at start ("Invalid build/version/version.txt"), because the module as published lacks the
 * generated version file; so the module is downloaded, the file is written, and `go build` runs.
 * A lock directory keeps two processes on one machine from building at once.
 */
async function buildFerretDb(target: string, progress: ProgressReporter, goCommand: string): Promise<void> {
  const targetDir = path.dirname(target);
  await fs.mkdir(targetDir, { recursive: true });
  const lockDir = `${targetDir}.lock`;
  const lockDeadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const stat = await fs.stat(lockDir).catch(() => null);
      // A lock left by a build that was killed is older than any real build takes.
      if (stat && Date.now() - stat.mtimeMs > 10 * 60_000) await fs.rm(lockDir, { recursive: true, force: true });
      if (Date.now() > lockDeadline) throw new EmbeddedDatabaseError(`Timed out waiting for ${lockDir}.`);
      progress("Another process is building FerretDB; waiting for it…");
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (existsSync(target)) return;
    }
  }
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "mufakat-ferretdb-build-"));
  const started = Date.now();
  const heartbeat = setInterval(
    () => progress(`…still building FerretDB (${Math.round((Date.now() - started) / 1000)} s)`),
    15_000,
  );
  try {
    if (existsSync(target)) return;
    progress(`FerretDB ${ferretDbVersion} not found; building it once into ${targetDir} (about 2 minutes)…`);
    const moduleRef = `${ferretDbModule}@${ferretDbVersion}`;
    const download = await runGo(goCommand, ["mod", "download", "-json", moduleRef], os.tmpdir(), progress);
    const moduleDir = (JSON.parse(download.stdout) as { Dir?: string }).Dir;
    if (!moduleDir) throw new EmbeddedDatabaseError(`go mod download ${moduleRef} did not report a source folder.`);
    const sourceDir = path.join(workDir, "src");
    await fs.cp(moduleDir, sourceDir, { recursive: true });
    await makeWritable(sourceDir);
    await fs.writeFile(path.join(sourceDir, "build", "version", "version.txt"), `${ferretDbVersion}\n`);
    progress("Compiling FerretDB…");
    const partial = `${target}.partial-${process.pid}`;
    await runGo(goCommand, ["build", "-trimpath", "-o", partial, "./cmd/ferretdb"], sourceDir, progress);
    await fs.rename(partial, target);
    progress(`FerretDB built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  } finally {
    clearInterval(heartbeat);
    await fs.rm(workDir, { recursive: true, force: true });
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}

async function makeWritable(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(full);
    else await fs.chmod(full, 0o644);
  }
}

async function runGo(goCommand: string, args: string[], cwd: string, progress: ProgressReporter) {
  try {
    return await run(goCommand, args, {
      cwd,
      env: childProcessEnvironment({ GOFLAGS: "-mod=mod" }),
      onStderrLine: progress,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new EmbeddedDatabaseError(
        "The embedded database needs FerretDB, and building it needs Go, which is not installed.\n" +
          "Either install Go (https://go.dev/doc/install, or `apt-get install golang`) and start again,\n" +
          "or set MONGODB_URI to a MongoDB server (for example mongodb://localhost:27017/mufakat).",
      );
    }
    throw error;
  }
}

interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onStderrLine?: (line: string) => void;
}

function run(command: string, args: string[], options: RunOptions): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      for (const line of text.split("\n")) if (line.trim()) options.onStderrLine?.(line.trim());
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new EmbeddedDatabaseError(
            `\`${command} ${args.join(" ")}\` failed with exit code ${code}:\n${stderr.trim()}`,
          ),
        );
    });
  });
}

/** A free TCP port on 127.0.0.1, as the kernel hands it out. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface EmbeddedDatabase {
  /** A mongodb:// URI without a database name. */
  uri: string;
  port: number;
  pid: number;
  /** Stops FerretDB; resolves when the process has exited. */
  stop(): Promise<void>;
}

/**
 * FerretDB runs under a small sh guard whose stdin is a pipe from this process: when this process exits
 * for any reason, SIGKILL included, the pipe closes and the guard stops FerretDB, so it is never orphaned.
 */
const guardScript = [
  "exec 3<&0",
  '"$0" "$@" </dev/null 3<&- &',
  "child=$!",
  '( read -r _ignored <&3; kill -TERM "$child" 2>/dev/null ) &',
  "watcher=$!",
  'wait "$child"',
  "status=$?",
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join("\n");

export interface StartOptions {
  binary: string;
  /** Folder for FerretDB's SQLite files and state; created when missing. */
  dataDir: string;
  /** Port to listen on; a free one when omitted. */
  port?: number;
  progress?: ProgressReporter;
}

export async function startFerretDb(options: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const args = [
    "--handler=sqlite",
    `--sqlite-url=file:${dataDir}/`,
    `--state-dir=${dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    "--debug-addr=-",
    "--telemetry=disable",
    "--log-level=warn",
    "--log-format=text",
  ];
  const child = spawn("sh", ["-c", guardScript, options.binary, ...args], { stdio: ["pipe", "ignore", "pipe"] });
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await waitForPort(port, exited, 30_000);
  } catch (error) {
    child.stdin?.end();
    throw new EmbeddedDatabaseError(`FerretDB did not start: ${(error as Error).message}\n${stderrTail.trim()}`);
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    pid: child.pid ?? -1,
    stop: () => stopGuarded(child, exited),
  };
}

async function stopGuarded(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port: number, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  while (Date.now() < deadline) {
    if (hasExited) throw new Error("the process exited during start-up");
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
