// Errors from the Rust side arrive as `{ code, message, hint, retry }` (hoshin_ops::Error,
// generated type). These helpers read any rejected value safely.
import type { Error as OpError } from "../generated/Error";
import type { ErrorCode } from "../generated/ErrorCode";

export type { OpError, ErrorCode };

/** The coded error inside a rejected invoke, or null for anything else. */
export function asOpError(e: unknown): OpError | null {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const o = e as Record<string, unknown>;
    if (typeof o.code === "string" && typeof o.message === "string") {
      return { code: o.code as ErrorCode, message: o.message, hint: typeof o.hint === "string" ? o.hint : "", retry: o.retry === true };
    }
  }
  return null;
}

/** The code of a rejected invoke (null when it is not a coded error). */
export function errorCode(e: unknown): ErrorCode | null {
  return asOpError(e)?.code ?? null;
}

/** What to show: the message, then what to do. */
export function errorText(e: unknown): string {
  const op = asOpError(e);
  if (op) return op.hint ? `${op.message}。${op.hint}`.replace(/。。/g, "。") : op.message;
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Worth retrying later unchanged (a full disk, a lock). */
export function isRetryable(e: unknown): boolean {
  return asOpError(e)?.retry ?? false;
}
