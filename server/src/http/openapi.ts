// The OpenAPI 3.1 document, derived from the shared HTTP contract: paths, parameters and bodies from its
// zod schemas, success responses as declared, and one error response per status its error codes map to
// (shared/src/errors.ts), whose schema names exactly those codes.
import { type OperationContract, errorCodes, errorStatusesOf } from "@mufakat/shared";
import { z } from "zod";

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
  413: "The request body is too large",
  429: "Too many requests",
  500: "Internal error",
  503: "The database is unavailable; retry later",
};

/** The error shape, narrowed to the codes one status of one operation can carry. */
function errorSchema(codes: string[]): Record<string, unknown> {
  return {
    allOf: [
      errorResponseRef,
      {
        type: "object",
        properties: { error: { type: "object", properties: { code: { type: "string", enum: codes } } } },
      },
    ],
  };
}

function pathItem(operation: OperationContract): Record<string, unknown> {
  const parameters: Array<Record<string, unknown>> = [...operation.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const descriptions: string[] = [];
  if (operation.query) {
    const querySchema = jsonSchema(operation.query, "input") as {
      properties?: Record<string, unknown>;
      required?: string[];
      description?: string;
    };
    for (const [name, schema] of Object.entries(querySchema.properties ?? {})) {
      parameters.push({ name, in: "query", required: querySchema.required?.includes(name) ?? false, schema });
    }
    if (querySchema.description) descriptions.push(`Query: ${querySchema.description}`);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(operation.responses)) {
    const content = spec.schema
      ? { "application/json": { schema: jsonSchema(spec.schema, "output") } }
      : spec.contentType
        ? { [spec.contentType.split(";")[0] as string]: { schema: { type: "string" } } }
        : undefined;
    responses[status] = { description: spec.description, ...(content ? { content } : {}) };
  }
  for (const [status, codes] of errorStatusesOf(operation)) {
    responses[String(status)] = {
      description: `${statusDescriptions[status] ?? "Error"}: ${codes.join(", ")}`,
      content: { "application/json": { schema: errorSchema(codes) } },
    };
  }
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(descriptions.length ? { description: descriptions.join("\n\n") } : {}),
    tags: [operation.tag],
    ...(operation.auth ? { security: [{ bearerAuth: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: operation.bodyRequired,
            content: { "application/json": { schema: jsonSchema(operation.body, "input") } },
          },
        }
      : {}),
    "x-error-codes": operation.errors,
    responses,
  };
}

export function buildOpenApiDocument(
  operations: readonly OperationContract[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const openApiPath = `/api${operation.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
    paths[openApiPath] ??= {};
    paths[openApiPath][operation.method] = pathItem(operation);
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
