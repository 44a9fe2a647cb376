// Hostile input over REST: every route of the operation table gets fast-check payloads (wrong types,
// missing and extra fields, huge strings, deep nesting, prototype keys, query operators), hostile path
// parameters and query strings, and raw bodies that are not JSON at all (invalid UTF-8, truncated,
// other charsets, nesting bombs, oversized). The server runs as a child process so a crash would show:
// after each route's batch it is still alive, /healthz and a valid request succeed, no answer was a 5xx,
// and a batch whose every request was refused left every collection's document count unchanged.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MufakatApp } from "@mufakat/server";
import { ApiClient } from "../utils/api.ts";
import { decide } from "../utils/accountability.ts";
import { roomOfSectors, seedProposal } from "../utils/deliberation.ts";
import {
  countChanges,
  documentCounts,
  expectServing,
  hostilePayload,
  hostileStrings,
  samples,
  schemaKeys,
} from "../utils/hostile.ts";
import { serverForSuite } from "../utils/server.ts";
import { type ServerProcess, spawnServer } from "../utils/serverProcess.ts";

const setup = serverForSuite({ motionSweepMs: 0 });
let child: ServerProcess;
let fuzzer: ApiClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const room = await roomOfSectors(setup, 1);
  const { decisionSeq } = await (async () => {
    const decided = await decide(setup, room, { title: "Sumur bor" });
    return { decisionSeq: decided.seq };
  })();
  const coordinator = room.coordinator.client;
  const proposalId = await seedProposal(setup, room.roomId, room.coordinator.id, "Usulan uji");
  const motion = await coordinator.post(`/api/rooms/${room.roomId}/motions`, { proposalId, durationMinutes: 600 });
  const invite = await coordinator.post(`/api/rooms/${room.roomId}/invites`, { role: "participant" });
  const commitment = await coordinator.post(`/api/rooms/${room.roomId}/commitments`, {
    decisionSeq,
    what: "Membangun sumur",
    ownerOrganisation: "Dinas PU",
    dueDate: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const pledge = await coordinator.post(`/api/rooms/${room.roomId}/pledges`, {
    decisionSeq,
    kind: "funds",
    quantity: 1000,
    unit: "IDR",
  });
  const statement = await coordinator.post(`/api/rooms/${room.roomId}/opinion-statements`, { text: "Sumur dulu" });
  for (const [label, response] of Object.entries({ motion, invite, commitment, pledge, statement })) {
    expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBe(201);
  }
  Object.assign(ids, {
    roomId: room.roomId,
    userId: room.members[1]?.id ?? "",
    proposalId,
    motionId: motion.body.id,
    inviteId: invite.body.id,
    token: invite.body.token,
    seq: String(decisionSeq),
    commitmentId: commitment.body.id,
    pledgeId: pledge.body.id,
    statementId: statement.body.id,
  });
  child = await spawnServer({ databaseName: setup.databaseName });
  fuzzer = new ApiClient(child.url);
  fuzzer.accessToken = room.coordinator.accessToken;
});

afterAll(async () => {
  await child?.kill();
});

/** `pnpm test:soak` (tests/vitest.soak.config.ts) tries ten times as many inputs. */
const soak = inject("soak") === true;
const inputsPerRoute = soak ? 300 : 30;

/** A path parameter: the real one (so validation and authorization are reached) or a hostile one. */
function paramArbitrary(name: string): fc.Arbitrary<string> {
  const real = ids[name];
  const hostile = fc.oneof(
    hostileStrings,
    fc.constantFrom("$gt", "__proto__", "constructor", "%00", "..%2F..%2Fhealthz", "a".repeat(3000), "0", "-1", "1e9"),
  );
  return real ? fc.oneof(fc.constant(real), hostile) : hostile;
}

function fillPath(path: string, params: Record<string, string>): string {
  // Lone surrogates cannot be percent-encoded: they travel as U+FFFD, as a browser would send them.
  const encode = (value: string) => encodeURIComponent(Buffer.from(value).toString());
  return path.replace(/:(\w+)/g, (_match, name: string) => encode(params[name] ?? ""));
}

const queryValue = fc.oneof(
  hostileStrings.map((value) => [value]),
  fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 3 }),
  fc.constant(["[object Object]"]),
);

interface RestInput {
  params: Record<string, string>;
  body: unknown;
  query: Array<[string, string]>;
  auth: "member" | "none" | "garbage";
}

type Operation = MufakatApp["operations"][number];

function inputArbitrary(operation: Operation): fc.Arbitrary<RestInput> {
  const paramNames = [...operation.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
  const queryKeys = schemaKeys(operation.query);
  return fc.record({
    params: fc.record(Object.fromEntries(paramNames.map((name) => [name, paramArbitrary(name)]))),
    body: hostilePayload(schemaKeys(operation.body)),
    query: fc
      .array(
        fc.tuple(
          fc
            .tuple(
              fc.oneof(fc.constantFrom(...queryKeys, "limit", "$where"), fc.string({ maxLength: 8 })),
              fc.constantFrom("", "[$gt]", "[]"),
            )
            .map(([key, suffix]) => `${key}${suffix}`),
          queryValue,
        ),
        { maxLength: 4 },
      )
      .map((pairs) => pairs.flatMap(([key, values]) => values.map((value) => [key, value] as [string, string]))),
    auth: fc.constantFrom("member", "member", "member", "member", "none", "garbage"),
  });
}

function headersFor(auth: RestInput["auth"], contentType = "application/json"): Record<string, string> {
  return {
    "content-type": contentType,
    ...(auth === "member" ? { authorization: `Bearer ${fuzzer.accessToken}` } : {}),
    ...(auth === "garbage" ? { authorization: "Bearer eyJhbGciOiJub25lIn0.e30." } : {}),
  };
}

const figures = { inputs: 0, crashes: 0, fiveXx: 0, accepted: 0, stored: 0 };
const failures: string[] = [];

async function send(
  method: string,
  path: string,
  init: { headers: Record<string, string>; body?: string | Uint8Array },
) {
  figures.inputs += 1;
  const response = await fetch(`${child.url}/api${path}`, { method: method.toUpperCase(), ...init });
  await response.arrayBuffer();
  if (response.status >= 500) {
    figures.fiveXx += 1;
    failures.push(`${method} ${path.slice(0, 120)} -> ${response.status}`);
  }
  return response.status;
}

/** Runs a batch; when nothing in it was accepted, every collection's count must be unchanged. */
async function batch(label: string, run: () => Promise<boolean>) {
  const before = await documentCounts(setup.connection);
  const anyAccepted = await run();
  if (child.child.exitCode !== null || child.child.signalCode !== null) {
    figures.crashes += 1;
    throw new Error(`server process died during ${label}`);
  }
  await expectServing(child.url, fuzzer);
  if (!anyAccepted) {
    const changed = countChanges(before, await documentCounts(setup.connection));
    if (changed.length > 0) {
      figures.stored += 1;
      failures.push(`${label} stored: ${changed.join(", ")}`);
    }
  }
}

describe("REST fuzzing", () => {
  it("answers every generated payload of every route without a 5xx, storing nothing it refused", async () => {
    const operations = setup.app.operations;
    expect(operations.length).toBeGreaterThan(30);
    for (const [index, operation] of operations.entries()) {
      const inputs = samples(inputArbitrary(operation), inputsPerRoute, 7_000 + index);
      await batch(operation.operationId, async () => {
        let anyAccepted = false;
        for (const input of inputs) {
          const query = new URLSearchParams(input.query).toString();
          const path = `${fillPath(operation.path, input.params)}${query ? `?${query}` : ""}`;
          const hasBody = operation.method !== "get";
          const status = await send(operation.method, path, {
            headers: headersFor(input.auth),
            ...(hasBody ? { body: JSON.stringify(input.body) ?? "null" } : {}),
          });
          if (status < 400 && operation.method !== "get") {
            anyAccepted = true;
            figures.accepted += 1;
          }
        }
        return anyAccepted;
      });
    }
    expect(failures).toEqual([]);
  });

  it("answers raw bodies that are not JSON (invalid UTF-8, truncated, other charsets, bombs) with 4xx", async () => {
    const writes = setup.app.operations.filter((operation) => operation.method !== "get");
    const deepText = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const raws: Array<[string, string | Uint8Array, string]> = [
      [
        "invalid UTF-8",
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
        "application/json",
      ],
      ["lone continuation bytes", Buffer.from([0x80, 0x81, 0x82]), "application/json"],
      ["truncated JSON", '{"title": "Air', "application/json"],
      ["trailing garbage", '{"title":"Air"}}}', "application/json"],
      ["not JSON", "title=Air&visibility=open", "application/json"],
      ["form encoded", "title=Air&visibility=open", "application/x-www-form-urlencoded"],
      ["text/plain", '{"title":"Air"}', "text/plain"],
      ["UTF-16 charset", Buffer.from('{"title":"Air","zzz":1}', "utf16le"), "application/json; charset=utf-16"],
      ["unknown charset", '{"title":"Air"}', "application/json; charset=klingon"],
      ["nesting bomb", deepText, "application/json"],
      ["nested objects", `${'{"a":['.repeat(5_000)}1${"]}".repeat(5_000)}`, "application/json"],
      ["oversized", JSON.stringify({ title: "x".repeat(300 * 1024) }), "application/json"],
      ["number", "1e999999", "application/json"],
      ["null", "null", "application/json"],
      ["empty", "", "application/json"],
      [
        "random bytes",
        Buffer.from(samples(fc.uint8Array({ minLength: 64, maxLength: 64 }), 1, 5)[0] ?? []),
        "application/json",
      ],
    ];
    for (const operation of writes) {
      await batch(`${operation.operationId} raw`, async () => {
        let anyAccepted = false;
        for (const [label, body, contentType] of raws) {
          const status = await send(operation.method, fillPath(operation.path, ids), {
            headers: headersFor("member", contentType),
            body,
          });
          // Routes that read no body may accept any; those whose body was rejected must store nothing.
          if (status < 400) {
            // A body that is not JSON is read as no body: fine for a route whose fields are all optional.
            const emptyIsValid = !operation.body || operation.body.safeParse({}).success;
            if (!emptyIsValid || (label === "UTF-16 charset" && operation.body)) {
              failures.push(`${operation.operationId} accepted a raw body (${label}): ${status}`);
            }
            anyAccepted = true;
            figures.accepted += 1;
          }
        }
        return anyAccepted;
      });
    }
    expect(failures).toEqual([]);
    console.log(
      `fuzz: REST ${figures.inputs} inputs over ${setup.app.operations.length} routes, ${figures.crashes} crashes, ` +
        `${figures.fiveXx} 5xx, ${figures.stored} stored (${figures.accepted} accepted as valid)`,
    );
  });
});
