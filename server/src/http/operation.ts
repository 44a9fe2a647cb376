// A server operation is a handler keyed to its entry in the shared HTTP contract (@mufakat/shared's
// `contract`): the entry says method, path, params, query, body, responses and errors; the router and
// the OpenAPI document are derived from it, and the handler's input and result are typed by it.
import type { BodyOf, OperationContract, ParamsOf, QueryOf, ResponseOf } from "@mufakat/shared";
import type { Request, Response } from "express";
import type { UserDoc } from "../models/index.ts";

export interface OperationInput<C extends OperationContract> {
  body: BodyOf<C>;
  query: QueryOf<C>;
  params: ParamsOf<C>;
  user: C["auth"] extends true ? UserDoc : null;
  req: Request;
  res: Response;
}

export interface OperationResult {
  status: number;
  body?: unknown;
}

export interface Operation {
  contract: OperationContract;
  handle(input: OperationInput<OperationContract>): Promise<OperationResult>;
}

/**
 * `defineOperation(contract.getRoom)({ async handle(...) {...} })`: the handler for a contract entry. Curried
 * so the entry fixes the types before the handler is checked (the result's status stays a literal).
 */
export function defineOperation<C extends OperationContract>(
  contract: C,
): (implementation: { handle(input: OperationInput<C>): Promise<ResponseOf<C>> }) => Operation {
  return (implementation) => ({ contract, handle: implementation.handle as Operation["handle"] });
}
