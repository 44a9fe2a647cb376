// The OpenAPI 3.1 document, generated from the operation table and the shared zod schemas.
import { errorCodes } from "@mufakat/shared";
import { z } from "zod";
import type { Operation } from "./operation.ts";

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

const errorResponseRef = { $ref: "#/components/schemas/ErrorResponse" };

const statusDescriptions: Record<number, string> = {
  400: "Invalid input; details name each field",
  401: "Not logged in, or the token is invalid or expired",
  403: "Not allowed for your role in this room",
  404: "Not found",
  409: "Conflicts with the current state",
  410: "No longer valid",
  429: "Too many requests",
  503: "The database is unavailable; retry later",
};

export function buildOpenApiDocument(operations: Operation[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const openApiPath = `/api${operation.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
    const parameters = [...operation.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
      name: match[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (operation.query) {
      const querySchema = jsonSchema(operation.query, "input") as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(querySchema.properties ?? {})) {
        parameters.push({ name, in: "query", required: false, schema: schema as { type: string } });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(operation.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { "application/json": { schema: jsonSchema(spec.schema, "output") } } } : {}),
      };
    }
    const errorStatuses = new Set<number>([500]);
    if (operation.body || operation.query) errorStatuses.add(400);
    if (operation.auth) errorStatuses.add(401);
    if (operation.authRateLimited) errorStatuses.add(429);
    if (operation.errors?.some((code) => /NOT_A_|READ_ONLY|INVITE_ONLY/.test(code))) errorStatuses.add(403);
    if (operation.errors?.some((code) => code.endsWith("NOT_FOUND"))) errorStatuses.add(404);
    if (operation.errors?.some((code) => /TAKEN|ALREADY|LAST_|CONFLICT|SAME_/.test(code))) errorStatuses.add(409);
    if (operation.errors?.some((code) => /EXPIRED|USED_UP|REVOKED/.test(code) && code.startsWith("INVITE"))) {
      errorStatuses.add(410);
    }
    errorStatuses.add(503);
    for (const status of errorStatuses) {
      responses[String(status)] = {
        description: statusDescriptions[status] ?? "Internal error",
        content: { "application/json": { schema: errorResponseRef } },
      };
    }
    paths[openApiPath] ??= {};
    paths[openApiPath][operation.method] = {
      operationId: operation.operationId,
      summary: operation.summary,
      tags: [operation.tag],
      ...(operation.auth ? { security: [{ bearerAuth: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(operation.body, "input") } },
            },
          }
        : {}),
      ...(operation.errors ? { "x-error-codes": operation.errors } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Mufakat API",
      version,
      description: "Deliberation rooms where government, private-sector and community actors reach consensus.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: {
        ErrorResponse: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string", enum: errorCodes },
                message: { type: "string" },
                details: {},
              },
            },
          },
        },
      },
    },
    paths,
  };
}
