// The OpenAPI document: derived from the shared HTTP contract, like the routes, with stable operationIds,
// and saying what the server does: every status each operation can answer with, each error code under its status.
import { type ErrorResponse, contract, errorStatus } from "@mufakat/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonBody, registeredClient } from "../utils/api.ts";
import { type TestServer, startServer } from "../utils/server.ts";

let server: TestServer;
let document: any;
beforeAll(async () => {
  server = await startServer();
  document = await (await fetch(`${server.url}/api/openapi.json`)).json();
});
afterAll(async () => {
  await server.close();
});

function operations(): Array<{ path: string; method: string; operation: any }> {
  return Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
}

describe("/api/openapi.json", () => {
  it("is OpenAPI 3.1 with the stable operationIds generated clients rely on", () => {
    expect(document.openapi).toBe("3.1.0");
    const ids = operations().map(({ operation }) => operation.operationId);
    for (const id of [
      "register",
      "login",
      "refreshSession",
      "logout",
      "getMe",
      "updateMe",
      "createRoom",
      "listMyRooms",
      "listOpenRooms",
      "getRoom",
      "joinRoom",
      "createInvite",
      "listInvites",
      "revokeInvite",
      "previewInvite",
      "acceptInvite",
      "changeMemberRole",
      "removeMember",
      "listPendingActions",
      "confirmPendingAction",
      "changeRoomStage",
      "listRoomAudit",
      "getRoomDecisionSettings",
      "updateRoomDecisionSettings",
      "openMotion",
      "listMotions",
      "getMotion",
      "castVote",
      "closeMotion",
      "listDecisions",
      "verifyDecisions",
      "correctDecision",
      "listChatMessages",
      "listProposalComments",
      "createCommitment",
      "updateCommitment",
      "addCommitmentProgress",
      "listCommitments",
      "createPledge",
      "updatePledgeStatus",
      "listResourceLedger",
      "getParticipation",
      "listReviewDecisions",
      "getReviewDecision",
      "exportDecisionsCsv",
      "exportCommitmentsCsv",
      "exportPledgesCsv",
      "exportRoomJson",
      "getRoomReport",
    ]) {
      expect(ids, id).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it("describes request bodies from the shared schemas", () => {
    const register = document.paths["/api/auth/register"].post;
    const schema = register.requestBody.content["application/json"].schema;
    expect(schema.required.sort()).toEqual(["displayName", "email", "organisation", "password", "sector"]);
    expect(schema.properties.sector.enum).toEqual(["government", "private", "community", "academia", "media"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("declares path parameters, bearer security and the one error shape", () => {
    const getRoom = document.paths["/api/rooms/{roomId}"].get;
    expect(getRoom.parameters).toEqual([{ name: "roomId", in: "path", required: true, schema: { type: "string" } }]);
    expect(getRoom.security).toEqual([{ bearerAuth: [] }]);
    expect(getRoom.responses["403"].content["application/json"].schema.allOf).toEqual([
      { $ref: "#/components/schemas/ErrorResponse" },
      {
        type: "object",
        properties: { error: { type: "object", properties: { code: { type: "string", enum: ["NOT_A_MEMBER"] } } } },
      },
    ]);
    expect(document.components.schemas.ErrorResponse.properties.error.properties.code.enum).toContain("NOT_A_MEMBER");
  });

  it("lists exactly the routes the server answers", async () => {
    for (const { path, method } of operations()) {
      const concrete = path.replace(/\{[A-Za-z]+\}/g, "0123456789abcdef01234567");
      const response = await fetch(`${server.url}${concrete}`, {
        method: method.toUpperCase(),
        headers: { "content-type": "application/json" },
        body: method === "get" ? undefined : "{}",
      });
      // Unknown routes answer 404 NOT_FOUND "no such API route"; every documented route exists.
      const body = response.status === 204 ? null : await jsonBody(response);
      expect(body?.error?.message ?? "", `${method} ${path}`).not.toBe("no such API route");
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
    }
    const unknown = await fetch(`${server.url}/api/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect((await jsonBody(unknown)).error).toEqual({ code: "NOT_FOUND", message: "no such API route" });
  });

  it("declares every operation of the shared contract, once", () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.sort()).toEqual(Object.keys(contract).sort());
    for (const entry of Object.values(contract)) {
      const path = `/api${entry.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
      expect(document.paths[path]?.[entry.method]?.operationId, entry.operationId).toBe(entry.operationId);
    }
  });

  it("declares each error code an operation can answer with under its status, and no other error status", () => {
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`;
      const codes: Array<keyof typeof errorStatus> = operation["x-error-codes"];
      expect(codes, where).toEqual(expect.arrayContaining(["VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "INTERNAL"]));
      if (operation.security)
        expect(codes, where).toEqual(expect.arrayContaining(["UNAUTHENTICATED", "TOKEN_EXPIRED"]));
      const errorStatuses = new Set(codes.map((code) => String(errorStatus[code])));
      for (const code of codes) {
        const response = operation.responses[String(errorStatus[code])];
        expect(response, `${where} ${code}`).toBeDefined();
        expect(response.content["application/json"].schema.allOf[1].properties.error.properties.code.enum).toContain(
          code,
        );
      }
      for (const status of Object.keys(operation.responses)) {
        if (Number(status) >= 400) expect(errorStatuses.has(status), `${where} ${status}`).toBe(true);
      }
    }
  });

  it("says what the server does where the old document did not", () => {
    const refresh = document.paths["/api/auth/refresh"].post;
    expect(
      refresh.responses["401"].content["application/json"].schema.allOf[1].properties.error.properties.code.enum,
    ).toEqual(expect.arrayContaining(["REFRESH_TOKEN_INVALID", "REFRESH_TOKEN_REUSED"]));
    for (const path of ["/api/motions/{motionId}/votes", "/api/motions/{motionId}/close"]) {
      const conflict = document.paths[path].post.responses["409"];
      expect(
        conflict.content["application/json"].schema.allOf[1].properties.error.properties.code.enum,
        path,
      ).toContain("MOTION_CLOSED");
    }
    expect(document.paths["/api/rooms/{roomId}/invites"].post.requestBody.required).toBe(false);
    expect(document.paths["/api/auth/register"].post.requestBody.required).toBe(true);
    expect(document.paths["/api/auth/register"].post.responses["429"]).toBeDefined();
    expect(document.paths["/api/me"].patch.requestBody.content["application/json"].schema.minProperties).toBe(1);
    expect(
      document.paths["/api/commitments/{commitmentId}"].patch.requestBody.content["application/json"].schema
        .minProperties,
    ).toBe(1);
    const createCommitment = document.paths["/api/rooms/{roomId}/commitments"].post;
    expect(createCommitment.requestBody.content["application/json"].schema.anyOf).toHaveLength(2);
    for (const path of ["/api/rooms/{roomId}/participation", "/api/rooms/{roomId}/report"]) {
      expect(document.paths[path].get.description, path).toContain("spans at most 366 days");
    }
  });

  it("refuses with 400 a period the schema refuses, as the document says", async () => {
    const { client } = await registeredClient(server.url);
    const room = await client.call("createRoom", { body: { title: "Period room" } });
    expect(room.status).toBe(201);
    const response = await client.call(contract.getParticipation, {
      params: { roomId: room.body.id },
      query: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" },
    });
    expect(response.status).toBe(400);
    // A refusal answers the API's one error shape, not the operation's 200 body.
    expect((response.body as unknown as ErrorResponse).error).toEqual({
      code: "VALIDATION_FAILED",
      message: "from: must be before to",
      details: [{ path: "from", message: "must be before to", code: "custom", rule: "periodReversed" }],
    });
  });
});
