// 今日 → 待响应的需求变更和服务记录: what waits for an answer, nearest deadline first, each one
// click from its record; and a plain sentence when nothing waits.
import { describe, expect, it, vi } from "vitest";
import { atChinaTime, byTestId, mockIpc, mountApp, settle, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { CHANGE_OVERDUE, CHANGE_RUNNING, NOW, SERVICE_OPEN } from "./records-fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

async function open(path: string, handlers: Record<string, Handler> = {}) {
  const calls = mockIpc({
    app_status: () => status("ready"),
    get_settings: () => SETTINGS,
    list_profiles: () => PROFILES,
    list_changes: () => [],
    list_service_records: () => [],
    list_links: () => [],
    ...handlers,
  });
  const mounted = await mountApp(path);
  return { ...mounted, calls };
}

const textOf = (id: string) => byTestId(id)?.textContent?.trim();

describe("今日 → 待响应的需求变更和服务记录", () => {
  atChinaTime(NOW);

  it("lists unanswered changes with their countdowns and open service records, each clickable", async () => {
    const { calls, router } = await open("/today", {
      list_changes: () => [CHANGE_RUNNING, CHANGE_OVERDUE],
      list_service_records: () => [SERVICE_OPEN],
      get_change: () => CHANGE_OVERDUE,
    });
    expect(calls.find((c) => c.cmd === "list_changes")?.args).toEqual({ filter: { state: "new", month: null, text: null } });
    expect(calls.find((c) => c.cmd === "list_service_records")?.args).toEqual({
      filter: { kind: null, month: null, openOnly: true, text: null },
    });
    const card = byTestId("today-card-tickets")!;
    expect(card.textContent).toContain("3 条");
    // Nearest deadline first: the overdue one.
    const items = [...card.querySelectorAll("[data-testid^='today-change-']")].map((e) => e.getAttribute("data-testid"));
    expect(items).toEqual(["today-change-BG-20261121-01", "today-change-BG-20261123-01"]);
    expect(textOf("today-change-BG-20261123-01")).toContain("剩余 19小时24分");
    expect(textOf("today-service-DH-2026-0012")).toContain("已 3小时50分");

    byTestId("today-change-BG-20261121-01")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/tickets/changes/2");
  });

  it("says plainly when nothing waits", async () => {
    await open("/today");
    expect(textOf("today-tickets-empty")).toContain("没有待响应的需求变更");
  });
});
