// 知识库: the FAQ by 序号, the search with its highlighted hits (short words too), `?id=` showing one
// entry, Rust's errors in the form, and a delete that asks first.
import { describe, expect, it, vi } from "vitest";
import { atChinaTime, byTestId, mockIpc, mountApp, settle, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { FAQS, NOW } from "./records-fixtures";
import type { FaqHit } from "../src/bindings/FaqHit";
import type { IpcError } from "../src/bindings/IpcError";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

async function open(path: string, handlers: Record<string, Handler> = {}) {
  const calls = mockIpc({
    app_status: () => status("ready"),
    get_settings: () => SETTINGS,
    list_profiles: () => PROFILES,
    list_faq: () => FAQS,
    ...handlers,
  });
  const mounted = await mountApp(path);
  return { ...mounted, calls };
}

/** Types into the search box and waits for its pause before asking Rust. */
async function searchFor(text: string) {
  const input = document.querySelector<HTMLInputElement>('[data-testid="faq-search"] input')!;
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 320));
  await settle();
}

const HIT: FaqHit = {
  entry: FAQS[0]!,
  question: [
    { text: "OFD", hit: true },
    { text: "正文打不开", hit: false },
  ],
  snippet: [
    { text: "重启", hit: false },
    { text: "OFD", hit: true },
    { text: "转换服务后重新打开。", hit: false },
  ],
};

describe("知识库", () => {
  atChinaTime(NOW);

  it("lists 序号, 问题描述, 解决方案, 备注 and where each came from", async () => {
    const { router } = await open("/knowledge");
    const first = byTestId("faq-row-1")!;
    expect(first.textContent).toContain("OFD正文打不开");
    expect(first.textContent).toContain("重启OFD转换服务后重新打开。");
    expect(byTestId("faq-row-2")!.textContent).toContain("短信网关由第三方维护");
    byTestId("faq-link-1-serviceRecord")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/tickets/services/11");
  });

  it("an empty knowledge base says what to do first", async () => {
    await open("/knowledge", { list_faq: () => [] });
    expect(byTestId("faq-empty")!.textContent).toContain("整理为常见问题");
    expect(byTestId("faq-empty")!.textContent).toContain("新建常见问题");
  });

  it("searches with Rust and shows the hits with the matched words highlighted", async () => {
    const { calls } = await open("/knowledge", {
      search_faq: (args) => (args.query === "OFD" ? [HIT] : []),
    });
    await searchFor("OFD");
    expect(calls.find((c) => c.cmd === "search_faq")?.args).toEqual({ query: "OFD" });
    const row = byTestId("faq-row-1")!;
    const marks = [...row.querySelectorAll("mark")].map((m) => m.textContent);
    expect(marks).toEqual(["OFD", "OFD"]);
    expect(row.textContent).toContain("OFD正文打不开");
    expect(row.textContent).toContain("重启OFD转换服务后重新打开。");
    expect(byTestId("faq-row-2")).toBeNull();
    expect(byTestId("faq-hit-count")!.textContent).toContain("找到 1 条");

    // One character is a search too; no hit says so and how to search differently.
    await searchFor("会");
    expect(calls.filter((c) => c.cmd === "search_faq").at(-1)?.args).toEqual({ query: "会" });
    expect(byTestId("faq-no-hits")!.textContent).toContain("没有找到包含“会”的常见问题");

    // Clearing the box shows the whole list again.
    await searchFor("");
    expect(byTestId("faq-row-2")).not.toBeNull();
  });

  it("asks before deleting, and deletes only when confirmed", async () => {
    const { calls } = await open("/knowledge", { delete_faq: () => null });
    byTestId("faq-delete-2")!.click();
    await settle();
    const box = document.querySelector(".el-message-box");
    expect(box?.textContent).toContain("确定删除第 2 条“会议通知收不到短信”吗");
    document.querySelector<HTMLElement>(".el-message-box__btns .el-button:not(.el-button--primary)")!.click();
    await settle();
    expect(calls.some((c) => c.cmd === "delete_faq")).toBe(false);

    byTestId("faq-delete-2")!.click();
    await settle();
    // The cancelled box may linger while it fades out: confirm in the newest one.
    [...document.querySelectorAll<HTMLElement>(".el-message-box__btns .el-button--primary")].at(-1)!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "delete_faq").map((c) => c.args)).toEqual([{ id: 22 }]);
    expect(calls.filter((c) => c.cmd === "list_faq").length).toBe(2);
  });

  it("?id= highlights that entry", async () => {
    await open("/knowledge?id=22");
    expect(byTestId("faq-row-2")!.className).toContain("is-highlighted");
    expect(byTestId("faq-row-1")!.className).not.toContain("is-highlighted");
  });

  it("the form shows Rust's errors next to its fields", async () => {
    const { calls } = await open("/knowledge", {
      create_faq: () => {
        const error: IpcError = { kind: "validation", message: "请填写解决方案。", fields: [{ field: "solution", message: "请填写解决方案。" }] };
        throw error;
      },
    });
    byTestId("new-faq")!.click();
    await settle();
    const question = document.querySelector<HTMLTextAreaElement>('[data-testid="faq-question"] textarea')!;
    question.value = "签章服务无法加载";
    question.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    byTestId("faq-submit")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "create_faq")?.args).toEqual({
      input: { question: "签章服务无法加载", solution: "", remark: "", sourceLink: "" },
    });
    expect(byTestId("error-solution")!.textContent).toBe("请填写解决方案。");
    // The one message is next to its field, not repeated above the form.
    expect(byTestId("faq-form-error")).toBeNull();
  });
});
