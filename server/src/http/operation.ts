// One table of HTTP operations drives both the Express routes and the OpenAPI document, so the
// published contract cannot drift from what the server does.
import type { Request, Response } from "express";
import type { z } from "zod";
import type { UserDoc } from "../models/index.ts";

export type HttpMethod = "get" | "post" | "patch" | "delete";

export interface OperationInput<TBody, TQuery, TAuth extends boolean> {
  body: TBody;
  query: TQuery;
  params: Record<string, string>;
  user: TAuth extends true ? UserDoc : null;
  req: Request;
  res: Response;
}

export interface OperationResult {
  status: number;
  body?: unknown;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** Express-style path below /api, e.g. "/rooms/:roomId". */
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  /** Login-style routes get the stricter per-address limit. */
  authRateLimited?: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  /** Error codes this operation may answer with, for the OpenAPI description. */
  errors?: string[];
  handle(input: OperationInput<unknown, unknown, boolean>): Promise<OperationResult>;
}

export function defineOperation<
  TBody extends z.ZodType | undefined = undefined,
  TQuery extends z.ZodType | undefined = undefined,
  TAuth extends boolean = true,
>(spec: {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  auth: TAuth;
  authRateLimited?: boolean;
  body?: TBody;
  query?: TQuery;
  responses: Record<number, ResponseSpec>;
  errors?: string[];
  handle(
    input: OperationInput<
      TBody extends z.ZodType ? z.output<TBody> : undefined,
      TQuery extends z.ZodType ? z.output<TQuery> : undefined,
      TAuth
    >,
  ): Promise<OperationResult>;
}): Operation {
  return spec as unknown as Operation;
}
