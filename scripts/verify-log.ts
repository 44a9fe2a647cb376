// `pnpm verify-log FILE_OR_URL [--token TOKEN] [--pin HASH]`: checks a Mufakat decision log by
// docs/decision-log.md, outside the server. It reads a room export (GET /api/rooms/:id/exports/room.json,
// saved or fetched) or the API's log (GET /api/rooms/:id/decisions), prints one line per record, and
// exits 0 when the chain is whole, 1 at the first broken record (named), 2 when the input cannot be read.
// It imports no server code: only the shared canonical form and chain check (shared/src/decisionLog).
// A URL is fetched with `Authorization: Bearer TOKEN` when --token or MUFAKAT_TOKEN gives one.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type ChainProblem,
  type RecordCheck,
  type ServedRecord,
  verifyDecisionChain,
} from "../shared/src/decisionLog/index.ts";

const usage = "usage: pnpm verify-log FILE_OR_URL [--token TOKEN] [--pin HASH]   (or MUFAKAT_TOKEN=… for the token)";

class InputError extends Error {}

const problemText: Record<ChainProblem, string> = {
  seqGap: "a record is missing or repeated",
  prevHashMismatch: "its prevHash is not the previous record's hash",
  hashMismatch: "its content was changed",
  unsupportedHashVersion: "it was hashed by a rule this verifier does not know",
};

interface LoadedLog {
  source: string;
  records: ServedRecord[];
  /** Set for a room export: the room it names and when it was made. */
  room: { id: string; title: string } | null;
  exportedAt: string | null;
}

async function readInput(target: string, token: string | undefined): Promise<{ source: string; text: string }> {
  if (/^https?:\/\//i.test(target)) {
    const response = await fetch(target, {
      headers: { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }).catch((error: unknown) => {
      throw new InputError(`cannot fetch ${target}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const text = await response.text();
    if (!response.ok) {
      const code = /"code"\s*:\s*"([A-Z_]+)"/.exec(text)?.[1];
      throw new InputError(`${target} answered ${response.status}${code ? ` ${code}` : ""}`);
    }
    return { source: target, text };
  }
  // pnpm runs the script from the workspace root; a relative path means the caller's directory.
  // biome-ignore lint/style/noProcessEnv: INIT_CWD is where `pnpm verify-log` was typed
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), target);
  try {
    return { source: path, text: await readFile(path, "utf8") };
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function loadLog(source: string, text: string): LoadedLog {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(document) ? document : isObject(document) ? document.decisions : undefined;
  if (!Array.isArray(list)) {
    throw new InputError(`${source} is neither a room export (with "decisions") nor a list of decision records`);
  }
  const bad = list.findIndex((item) => !isObject(item));
  if (bad >= 0) throw new InputError(`${source}: decision entry ${bad + 1} is not an object`);
  const room = isObject(document) && isObject(document.room) ? document.room : null;
  return {
    source,
    records: list as ServedRecord[],
    room: room ? { id: String(room.id ?? ""), title: String(room.title ?? "") } : null,
    exportedAt: isObject(document) && typeof document.exportedAt === "string" ? document.exportedAt : null,
  };
}

function describeRecord(check: RecordCheck, record: ServedRecord | undefined): string {
  const seq = check.seq === null ? "#?" : `#${check.seq}`;
  const corrects = typeof record?.corrects === "number" ? ` of #${record.corrects}` : "";
  const kind = `${check.kind ?? "?"}${corrects}`;
  return `${seq.padStart(5)}  ${kind.padEnd(18)} ${(check.at ?? "?").padEnd(24)}`;
}

function brokenDetail(check: RecordCheck): string {
  switch (check.problem) {
    case "seqGap":
      return `expected record #${check.expected} here, found ${check.seq === null ? "no seq" : `#${check.seq}`}`;
    case "prevHashMismatch":
      return `its prevHash should be ${check.expected}`;
    case "hashMismatch":
      return `it carries ${check.hash}, its content hashes to ${check.expected}`;
    case "unsupportedHashVersion":
      return `known hash versions: ${check.expected}`;
    default:
      return "";
  }
}

function verify(log: LoadedLog, pin: string | undefined): number {
  const print = (line = "") => process.stdout.write(`${line}\n`);
  print(`Decision log from ${log.source}`);
  if (log.room)
    print(`  room export of "${log.room.title}" (${log.room.id})${log.exportedAt ? `, made ${log.exportedAt}` : ""}`);
  print(`  ${log.records.length} record${log.records.length === 1 ? "" : "s"}; rule: docs/decision-log.md`);
  print();
  const result = verifyDecisionChain(log.records);
  const bySeq = new Map(log.records.map((record) => [record.seq, record]));
  for (const check of result.records) {
    const line = describeRecord(check, check.seq === null ? undefined : bySeq.get(check.seq));
    if (check.problem === null) print(`${line} ok      ${check.hash}`);
    else print(`${line} BROKEN  ${problemText[check.problem]}: ${brokenDetail(check)}`);
  }
  print();
  if (!result.valid) {
    print(
      `BROKEN at record #${result.firstBrokenSeq}: ${result.problem ? problemText[result.problem] : "?"} ` +
        `(${result.problem}). Records before it are linked and unchanged; from it on nothing can be trusted.`,
    );
    return 1;
  }
  const foreign = log.room ? log.records.find((record) => record.roomId !== log.room?.id) : undefined;
  if (foreign) {
    print(`BROKEN: record #${String(foreign.seq)} belongs to room ${String(foreign.roomId)}, not to ${log.room?.id}.`);
    return 1;
  }
  print(
    result.headSeq === null
      ? "OK: the log is empty (head: 64 zeros)."
      : `OK: all ${result.checked} records are linked and unchanged. Head: record #${result.headSeq}, ${result.headHash}`,
  );
  if (pin !== undefined) {
    const pinned = log.records.find((record) => record.hash === pin.toLowerCase());
    if (!pinned) {
      print(`PIN NOT FOUND: no record carries ${pin}: the records it pinned are not in this log as they were.`);
      return 1;
    }
    print(`PIN OK: ${pin} is record #${String(pinned.seq)}'s hash: records #1–#${String(pinned.seq)} are as pinned.`);
  }
  return 0;
}

async function main(): Promise<number> {
  const options = { token: { type: "string" }, pin: { type: "string" } } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  // biome-ignore lint/style/noProcessEnv: the token may come from the environment, out of the shell history
  const token = parsed.values.token ?? process.env.MUFAKAT_TOKEN;
  try {
    const { source, text } = await readInput(target, token);
    return verify(loadLog(source, text), parsed.values.pin);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`verify-log: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = await main();
