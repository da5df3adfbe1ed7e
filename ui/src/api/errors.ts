// The one error shape the UI understands. Every command rejects with an
// `IpcError`; anything else (a Tauri plumbing failure, a panic message, running
// outside the app) is folded into kind "internal" so views branch on `kind` only.
import type { ErrorKind } from "../bindings/ErrorKind";
import type { FieldError } from "../bindings/FieldError";
import type { IpcError } from "../bindings/IpcError";

const ERROR_KINDS: readonly ErrorKind[] = [
  "validation",
  "notFound",
  "storage",
  "corrupt",
  "tooNew",
  "io",
  "notReady",
  "locked",
  "throttled",
  "internal",
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && (ERROR_KINDS as readonly string[]).includes(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === "string" && typeof value.message === "string";
}

/** True when `value` has exactly the shape the Rust side promises. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    isRecord(value) &&
    isErrorKind(value.kind) &&
    typeof value.message === "string" &&
    Array.isArray(value.fields) &&
    value.fields.every(isFieldError)
  );
}

/** Message shown when the page runs without the Tauri shell (e.g. a plain browser). */
export const NOT_IN_APP_MESSAGE = "未在驻场运维台应用内运行，无法读取数据。请从桌面快捷方式启动驻场运维台。";

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Turns any rejection into an `IpcError`. A well-formed error passes through; an
 * error with a known kind and message but a missing or malformed `fields` keeps
 * its kind (fields dropped to the valid ones); everything else becomes "internal".
 */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  if (isRecord(value) && isErrorKind(value.kind) && typeof value.message === "string") {
    const fields = Array.isArray(value.fields) ? value.fields.filter(isFieldError) : [];
    return { kind: value.kind, message: value.message, fields };
  }
  if (!hasTauri()) {
    return { kind: "internal", message: NOT_IN_APP_MESSAGE, fields: [] };
  }
  const detail = describe(value).trim();
  return {
    kind: "internal",
    message: detail
      ? `程序内部错误，请重启驻场运维台后重试。（详情：${detail}）`
      : "程序内部错误，请重启驻场运维台后重试。",
    fields: [],
  };
}

function hasTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** A validation error's messages keyed by field path; two messages for one field are joined. */
export function messagesByField(error: IpcError): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of error.fields) {
    byField[field] = byField[field] ? `${byField[field]}；${message}` : message;
  }
  return byField;
}
