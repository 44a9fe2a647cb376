// The OpenAPI document: generated from the same table as the routes, with stable operationIds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonBody } from "../utils/api.ts";
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
    expect(getRoom.responses["403"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/ErrorResponse",
    });
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
});
