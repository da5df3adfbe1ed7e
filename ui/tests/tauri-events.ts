// An in-memory stand-in for `@tauri-apps/api/event` (installed for every test in setup.ts):
// the app listens as it would in Tauri, and a test plays Rust with `emitTauriEvent`.
type Handler = (event: { event: string; id: number; payload: unknown }) => void;

const handlers = new Map<string, Set<Handler>>();
let nextId = 1;

export async function listen(event: string, handler: Handler): Promise<() => void> {
  const set = handlers.get(event) ?? new Set<Handler>();
  handlers.set(event, set);
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

/** Delivers `payload` to every listener of `event`, as Rust's `emit` would. */
export function emitTauriEvent(event: string, payload: unknown) {
  for (const handler of [...(handlers.get(event) ?? [])]) handler({ event, id: nextId++, payload });
}

/** How many listeners `event` has now (to check they are removed on unmount). */
export function listenerCount(event: string): number {
  return handlers.get(event)?.size ?? 0;
}

export function resetTauriEvents() {
  handlers.clear();
}
