// Builds the Express router from the operations and their contract entries:
// rate limit -> auth -> validate params, query and body with the contract's schemas -> handler.
import { type Request, type RequestHandler, Router } from "express";
import type { z } from "zod";
import { authenticateUser } from "../commands/authenticateUser.ts";
import type { AppContext } from "../context.ts";
import { validationError } from "../errors.ts";
import type { Operation } from "./operation.ts";

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  return match?.[1];
}

function parseWith(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  // The input lets each issue tell a missing field from one of the wrong type.
  if (!parsed.success) throw validationError(parsed.error.issues, { value });
  return parsed.data;
}

export function buildRouter(ctx: AppContext, operations: Operation[], authRateLimit: RequestHandler): Router {
  const router = Router();
  for (const operation of operations) {
    const { contract } = operation;
    const handlers: RequestHandler[] = [];
    if (contract.authRateLimited) handlers.push(authRateLimit);
    handlers.push(async (req, res) => {
      const user = contract.auth ? await authenticateUser(ctx, { accessToken: bearerToken(req) }) : null;
      // A missing body reads as `{}`, so a body whose every field has a default may be left out.
      const body = contract.body ? parseWith(contract.body, req.body ?? {}) : undefined;
      const query = contract.query ? parseWith(contract.query, req.query) : undefined;
      const params = parseWith(
        contract.params,
        Object.fromEntries(Object.entries(req.params).map(([key, value]) => [key, String(value)])),
      ) as Record<string, string>;
      const result = await operation.handle({ body, query, params, user: user as never, req, res });
      res.status(result.status);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    });
    router[contract.method](contract.path, ...handlers);
  }
  return router;
}
