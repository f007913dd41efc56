// The error a use case ends with: a reason from the catalogue (schemas/errors.ts), which fixes the
// callable code and the sentence; its parameters travel as details so clients can translate it.
import { ERROR_REASONS, reasonMessage, type ErrorCode, type ErrorParams, type ErrorReason } from "../schemas/errors.js";

export type ServiceErrorCode = ErrorCode;

export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly code: ErrorCode;
  readonly details: { reason: ErrorReason } & ErrorParams;
  constructor(
    readonly reason: ErrorReason,
    params: ErrorParams = {},
  ) {
    super(reasonMessage(reason, params));
    this.code = ERROR_REASONS[reason].code;
    this.details = { ...params, reason };
  }
}
