// 故障类型: the profile in effect lists the types (seeds 002/003 ask every fault record to name
// one). 登记故障 offers them and asks for one before sending; Rust's refusal on `faultType` shows
// under the select; the fault page shows the type and its handling record changes it (sending
// `faultType` only when changed); the queue tags each row with it. A profile that lists no
// types shows no field.
import { describe, expect, it, vi } from "vitest";
import type { FaultDetailsInput } from "../src/bindings/FaultDetailsInput";
import type { FaultInput } from "../src/bindings/FaultInput";
import type { ProfileSummary } from "../src/bindings/ProfileSummary";
import { faultDetail, faultHandlers, faultRow, NOW } from "./fault-fixtures";
import { PROFILES } from "./fixtures";
import { atChinaTime, byTestId, clickTestId, type Handler, inputOf, mockIpc, mountApp, settle, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

export const FAULT_TYPES = ["软件故障", "硬件故障", "网络故障", "数据故障", "安全事件", "配置与权限", "第三方服务", "其他"];
const TYPED: ProfileSummary[] = PROFILES.map((p) => ({ ...p, faultTypes: FAULT_TYPES }));
const MISSING = "请选择故障类型（软件故障、硬件故障、网络故障、数据故障、安全事件、配置与权限、第三方服务、其他）。";

async function choose(wrapperId: string, optionId: string) {
  byTestId(wrapperId)!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
  await settle();
  const option = byTestId(optionId);
  if (!option) throw new Error(`no option ${optionId}`);
  option.click();
  await settle();
}

async function fillNewFault() {
  await typeInto("fault-reporter", "张三");
  byTestId("fault-channel-phone")!.querySelector<HTMLInputElement>("input")!.click();
  byTestId("fault-level-urgent")!.querySelector<HTMLInputElement>("input")!.click();
  await settle();
  await typeInto("fault-title", "公文系统无法登录");
  await typeInto("fault-description", "登录页提示服务不可用");
}

describe("故障类型", () => {
  atChinaTime(NOW);

  async function open(path: string, extra: Record<string, Handler> = {}, profiles = TYPED) {
    const calls = mockIpc(
      faultHandlers({
        list_profiles: () => profiles,
        get_fault: (args) => faultDetail({}, { id: args.id as number }),
        ...extra,
      }),
    );
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("登记故障 offers the profile's types, asks for one, and sends the one chosen", async () => {
    let filed = "";
    const { calls, router } = await open("/faults", {
      create_fault: (args) => {
        filed = (args.input as FaultInput).faultType;
        return faultDetail({}, { id: 9, faultType: filed });
      },
      get_fault: () => faultDetail({}, { id: 9, faultType: filed }),
    });
    await clickTestId("new-fault");
    expect(byTestId("fault-type")?.closest(".el-form-item")?.textContent).toContain("故障类型*");
    await fillNewFault();

    // Blank: the form asks before sending (Rust would file it as 未分类).
    await clickTestId("fault-submit");
    expect(byTestId("error-faultType")?.textContent).toBe(MISSING);
    expect(calls.some((c) => c.cmd === "create_fault")).toBe(false);

    byTestId("fault-type")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    expect(FAULT_TYPES.every((t) => byTestId(`fault-type-option-${t}`) !== null)).toBe(true);
    await clickTestId("fault-type-option-网络故障");
    expect(byTestId("error-faultType")).toBeNull();

    await clickTestId("fault-submit");
    expect((calls.find((c) => c.cmd === "create_fault")?.args.input as FaultInput).faultType).toBe("网络故障");
    expect(router.currentRoute.value.path).toBe("/faults/9");
    expect(byTestId("fault-type-text")?.textContent).toBe("网络故障");
  });

  it("shows Rust's refusal of the type under the select", async () => {
    await open("/faults", {
      create_fault: () => {
        throw { kind: "validation", message: "登记故障有 1 处需要修改", fields: [{ field: "faultType", message: "故障类型“网络故障”不在合同服务级别的列表中，请从软件故障中选择。" }] };
      },
    });
    await clickTestId("new-fault");
    await fillNewFault();
    await choose("fault-type", "fault-type-option-网络故障");
    await clickTestId("fault-submit");
    expect(byTestId("error-faultType")?.textContent).toBe("故障类型“网络故障”不在合同服务级别的列表中，请从软件故障中选择。");
    await choose("fault-type", "fault-type-option-其他");
    expect(byTestId("error-faultType")).toBeNull();
  });

  it("a profile without types shows no field and sends the type blank", async () => {
    const { calls } = await open("/faults", { create_fault: () => faultDetail({}, { id: 9 }) }, PROFILES);
    await clickTestId("new-fault");
    expect(byTestId("fault-type")).toBeNull();
    await fillNewFault();
    await clickTestId("fault-submit");
    expect((calls.find((c) => c.cmd === "create_fault")?.args.input as FaultInput).faultType).toBe("");
  });

  it("the fault page shows the type, and the handling record changes it", async () => {
    let stored = "";
    const { calls } = await open("/faults/1", {
      get_fault: () => faultDetail({}, { faultType: stored }),
      update_fault_details: (args) => {
        const input = args.input as FaultDetailsInput;
        if (input.faultType === "其他") {
          throw { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "faultType", message: "请改选更具体的类型。" }] };
        }
        stored = input.faultType ?? stored;
        return faultDetail({ process: input.process }, { faultType: stored });
      },
    });
    expect(byTestId("fault-type-text")?.textContent).toBe("未分类");

    // Saved without touching the type: it is left out, so Rust keeps the stored one.
    await typeInto("detail-process", "14:10 重启应用服务");
    await clickTestId("details-save");
    expect(calls.filter((c) => c.cmd === "update_fault_details").at(-1)!.args.input).not.toHaveProperty("faultType");

    await choose("detail-faultType", "detail-faultType-option-其他");
    await clickTestId("details-save");
    expect(byTestId("error-faultType")?.textContent).toBe("请改选更具体的类型。");

    await choose("detail-faultType", "detail-faultType-option-软件故障");
    expect(byTestId("error-faultType")).toBeNull();
    await clickTestId("details-save");
    expect((calls.filter((c) => c.cmd === "update_fault_details").at(-1)!.args.input as FaultDetailsInput).faultType).toBe("软件故障");
    expect(byTestId("fault-type-text")?.textContent).toBe("软件故障");
    expect(inputOf("detail-faultType").closest(".el-select")?.textContent).toContain("软件故障");
  });

  it("the queue tags each fault with its type", async () => {
    await open("/faults", {
      fault_queue: () => [faultRow({ faultType: "硬件故障" }), faultRow({ id: 2, code: "GZ-20261123-02" })],
    });
    expect(byTestId("fault-row-GZ-20261123-01")!.querySelector('[data-role="fault-type"]')?.textContent).toBe("硬件故障");
    expect(byTestId("fault-row-GZ-20261123-02")!.querySelector('[data-role="fault-type"]')).toBeNull();
  });
});
