// 登记故障: the dialog opens from 故障, 今日 and Ctrl+N; it offers the levels with their
// description and targets; Rust's field errors show under the fields; on success the
// fault's page opens.
import { describe, expect, it, vi } from "vitest";
import type { FaultInput } from "../src/bindings/FaultInput";
import { faultDetail, faultHandlers, LEVELS, NOW } from "./fault-fixtures";
import { atChinaTime, byTestId, clickTestId, inputOf, mockIpc, mountApp, settle, typeInto } from "./helpers";
import { emitTauriEvent } from "./tauri-events";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const REFUSAL = {
  kind: "validation",
  message: "登记故障有 4 处需要修改",
  fields: [
    { field: "reporter", message: "请填写报告人。" },
    { field: "channel", message: "请选择报告渠道。" },
    { field: "level", message: "请选择故障级别（紧急、一般、轻微）。" },
    { field: "title", message: "请填写故障标题。" },
  ],
};

/** Types a time into the picker and commits it with Enter, as the end-to-end driver does. */
async function typeTime(id: string, value: string) {
  const input = inputOf(id);
  input.focus();
  input.dispatchEvent(new FocusEvent("focus"));
  await settle();
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
  await settle();
}

async function pick(id: string) {
  const el = byTestId(id);
  if (!el) throw new Error(`no ${id}`);
  (el.querySelector<HTMLInputElement>("input") ?? el).click();
  await settle();
}

describe("登记故障", () => {
  atChinaTime(NOW);

  async function open(path: string, create: (input: FaultInput) => unknown) {
    const calls = mockIpc(
      faultHandlers({
        create_fault: (args) => create(args.input as FaultInput),
        get_fault: (args) => faultDetail({}, { id: args.id as number, code: `GZ-20261123-0${args.id as number}` }),
      }),
    );
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("opens from 故障 with now as the report time and the levels with description and targets", async () => {
    await open("/faults", () => faultDetail());
    expect(byTestId("new-fault-dialog")).toBeNull();
    await clickTestId("new-fault");
    expect(byTestId("new-fault-dialog")).not.toBeNull();
    expect(inputOf("fault-reportedAt").value).toBe("2026-11-23 14:05");
    for (const l of LEVELS) {
      const option = byTestId(`fault-level-${l.code}`)!.textContent!;
      expect(option).toContain(l.name);
      expect(option).toContain(l.description);
      expect(option).toContain(l.targets);
    }
    for (const [c, label] of [["phone", "电话"], ["onSite", "现场"], ["im", "即时通讯"], ["email", "邮件"], ["inspection", "巡检发现"]]) {
      expect(byTestId(`fault-channel-${c}`)?.textContent?.trim()).toBe(label);
    }
    for (const id of ["fault-reporter", "fault-dept", "fault-contact", "fault-system", "fault-title", "fault-description", "fault-submit"]) {
      expect(byTestId(id), id).not.toBeNull();
    }
  });

  it("shows Rust's field errors next to the fields and stays on the page", async () => {
    const { router } = await open("/faults", () => {
      throw REFUSAL;
    });
    await clickTestId("new-fault");
    await clickTestId("fault-submit");
    expect(byTestId("new-fault-error")?.textContent).toContain("登记故障有 4 处需要修改");
    expect(byTestId("error-reporter")?.textContent).toBe("请填写报告人。");
    expect(byTestId("error-channel")?.textContent).toBe("请选择报告渠道。");
    expect(byTestId("error-level")?.textContent).toBe("请选择故障级别（紧急、一般、轻微）。");
    expect(byTestId("error-title")?.textContent).toBe("请填写故障标题。");
    expect(router.currentRoute.value.path).toBe("/faults");
    // Editing a field clears its message.
    await typeInto("fault-reporter", "张三");
    expect(byTestId("error-reporter")).toBeNull();
    expect(byTestId("error-title")).not.toBeNull();
  });

  it("sends what was entered (the typed time in Beijing time) and opens the new fault", async () => {
    const { calls, router } = await open("/faults", () => faultDetail({}, { id: 9, code: "GZ-20261123-02" }));
    await clickTestId("new-fault");
    await typeTime("fault-reportedAt", "2026-11-23 13:50");
    await typeInto("fault-reporter", "张三");
    await typeInto("fault-dept", "办公室");
    await typeInto("fault-contact", "13800001111");
    await pick("fault-channel-phone");
    await typeInto("fault-system", "公文流转");
    await pick("fault-level-urgent");
    await typeInto("fault-title", "公文系统无法登录");
    await typeInto("fault-description", "登录页提示服务不可用");
    await clickTestId("fault-submit");

    expect(calls.find((c) => c.cmd === "create_fault")?.args.input).toEqual({
      reportedAt: "2026-11-23T13:50:00+08:00",
      reporter: "张三",
      reporterDept: "办公室",
      contact: "13800001111",
      channel: "phone",
      system: "公文流转",
      title: "公文系统无法登录",
      description: "登录页提示服务不可用",
      level: "urgent",
      faultType: "",
    });
    expect(router.currentRoute.value.path).toBe("/faults/9");
    expect(byTestId("new-fault-dialog")?.offsetParent ?? null).toBeNull();
    expect(byTestId("fault-code")?.textContent).toBe("GZ-20261123-09");
  });

  it("opens from the tray's 登记故障… (Rust emits open-new-fault)", async () => {
    await open("/settings", () => faultDetail());
    expect(byTestId("new-fault-dialog")).toBeNull();
    emitTauriEvent("open-new-fault", null);
    await settle();
    expect(byTestId("new-fault-dialog")).not.toBeNull();
    expect(inputOf("fault-reportedAt").value).toBe("2026-11-23 14:05");
  });

  it("opens from 今日 and with Ctrl+N anywhere, empty again each time", async () => {
    await open("/today", () => faultDetail());
    await clickTestId("today-new-fault");
    expect(byTestId("new-fault-dialog")).not.toBeNull();
    await typeInto("fault-title", "半截的草稿");
    await clickTestId("fault-cancel");

    window.dispatchEvent(new KeyboardEvent("keydown", { key: "n", ctrlKey: true, bubbles: true }));
    await settle();
    const dialog = byTestId("new-fault-dialog")!;
    expect(dialog.closest<HTMLElement>(".el-overlay")?.style.display).not.toBe("none");
    expect(inputOf("fault-title").value).toBe("");
  });
});
