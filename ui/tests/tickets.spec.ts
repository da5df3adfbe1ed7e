// 工单: the change list with its response countdowns, the change form showing Rust's errors per
// field, the respond dialog, a service record turned into a fault / a change in one step, and the
// tracked-problem banner.
import { describe, expect, it, vi } from "vitest";
import { atChinaTime, byTestId, inputOf, mockIpc, mountApp, settle, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { CHANGE_LATE, CHANGE_OVERDUE, CHANGE_RUNNING, FAULT_DRAFT, LEVELS, NOW, SERVICE_OPEN, SERVICE_REPAIR_LATE } from "./records-fixtures";
import type { ServiceRecordInput } from "../src/bindings/ServiceRecordInput";
import type { ChangeView } from "../src/bindings/ChangeView";
import type { IpcError } from "../src/bindings/IpcError";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const BASE: Record<string, Handler> = {
  app_status: () => status("ready"),
  get_settings: () => SETTINGS,
  list_profiles: () => PROFILES,
  list_changes: () => [],
  list_service_records: () => [],
  list_trainings: () => [],
  tracked_problem_suggestions: () => [],
  list_links: () => [],
  list_attachments: () => [],
  record_history: () => [],
};

async function open(path: string, handlers: Record<string, Handler> = {}) {
  const calls = mockIpc({ ...BASE, ...handlers });
  const mounted = await mountApp(path);
  return { ...mounted, calls };
}

/** Types into the input or textarea inside the element with this test id. */
async function fill(id: string, value: string) {
  const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"] input, [data-testid="${id}"] textarea`);
  if (!el) throw new Error(`no input in ${id}`);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

async function choose(wrapperId: string, optionId: string) {
  byTestId(wrapperId)!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
  await settle();
  const option = byTestId(optionId);
  if (!option) throw new Error(`no option ${optionId}`);
  option.click();
  await settle();
}

const textOf = (id: string) => byTestId(id)?.textContent?.trim();

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

describe("工单 → 需求变更", () => {
  atChinaTime(NOW);

  it("lists the changes with code, time, 事由, department, scope, state and the response countdown", async () => {
    const { calls } = await open("/tickets", { list_changes: () => [CHANGE_RUNNING, CHANGE_OVERDUE, CHANGE_LATE] });
    expect(calls.find((c) => c.cmd === "list_changes")?.args).toEqual({ filter: { state: null, month: null, text: null } });

    const running = byTestId("change-row-BG-20261123-01")!;
    expect(running.textContent).toContain("11月23日 09:30");
    expect(running.textContent).toContain("公文传输增加“抄送”栏");
    expect(running.textContent).toContain("办公室");
    expect(running.textContent).toContain("范围内");
    expect(running.textContent).toContain("待响应");
    // 24 h on a 7×24 clock from 09:30 → 2026-11-24 09:30; at 14:05:30 that leaves 19 h 24 min.
    const countdown = running.querySelector('[data-testid="countdown-text"]')!;
    expect(countdown.textContent).toBe("剩余 19小时24分");
    expect(countdown.className).toContain("tone-primary");

    const overdue = byTestId("change-row-BG-20261121-01")!;
    expect(overdue.querySelector('[data-testid="countdown-text"]')!.textContent).toBe("已超时 1天4小时");
    expect(overdue.querySelector('[data-testid="countdown-status"]')!.textContent).toBe("已超时未响应");
    expect(overdue.querySelector('[data-testid="countdown-text"]')!.className).toContain("tone-danger");
    expect(overdue.textContent).toContain("范围外");

    const late = byTestId("change-row-BG-20261120-01")!;
    expect(late.querySelector('[data-testid="countdown-text"]')!.textContent).toBe("超时响应");
    expect(late.querySelector('[data-testid="countdown-status"]')!.textContent).toBe("超时 12分");
  });

  it("filters by state and opens a change from its row", async () => {
    const { calls, router } = await open("/tickets", {
      list_changes: () => [CHANGE_RUNNING],
      get_change: () => CHANGE_RUNNING,
    });
    await choose("change-filter-state", "change-state-option-responded");
    expect(calls.filter((c) => c.cmd === "list_changes").at(-1)?.args).toEqual({ filter: { state: "responded", month: null, text: null } });

    byTestId("change-row-BG-20261123-01")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/tickets/changes/1");
    expect(textOf("change-code")).toBe("BG-20261123-01");
  });

  it("says what to do first when there is no change yet", async () => {
    await open("/tickets");
    expect(textOf("changes-empty")).toContain("还没有登记需求变更");
    expect(textOf("changes-empty")).toContain("登记需求变更");
  });

  it("the form starts with the project and now, and shows Rust's errors next to each field", async () => {
    let refuse = true;
    const { calls } = await open("/tickets", {
      create_change: (args) => {
        if (refuse) {
          const error: IpcError = {
            kind: "validation",
            message: "有 2 处填写需要修改，请查看标红的字段。",
            fields: [
              { field: "title", message: "请填写工作事由（标题）。" },
              { field: "description", message: "请填写工作事由（详细说明）。" },
            ],
          };
          throw error;
        }
        return { ...CHANGE_RUNNING, title: (args.input as ChangeView).title };
      },
    });
    byTestId("new-change")!.click();
    await settle();
    expect(inputOf("change-field-projectName").value).toBe(SETTINGS.projectName);
    expect(inputOf("change-requested-at").value).toBe("2026-11-23 14:05");

    byTestId("change-submit")!.click();
    await settle();
    expect(textOf("error-title")).toBe("请填写工作事由（标题）。");
    expect(textOf("error-description")).toBe("请填写工作事由（详细说明）。");
    expect(textOf("change-form-error")).toContain("有 2 处填写需要修改");
    const sent = calls.find((c) => c.cmd === "create_change")!.args.input as Record<string, unknown>;
    expect(sent).toMatchObject({
      projectName: SETTINGS.projectName,
      serviceUnit: SETTINGS.clientName,
      requestedAt: "2026-11-23T14:05:00+08:00",
      scope: "inScope",
      respondedAt: null,
      completedAt: null,
    });

    // Changing a field clears its message; the other stays until the next save.
    await fill("change-title", "公文传输增加“抄送”栏");
    expect(byTestId("error-title")).toBeNull();
    expect(textOf("error-description")).toBe("请填写工作事由（详细说明）。");

    refuse = false;
    await fill("change-description", "办公室要求在发文单上增加抄送栏。");
    byTestId("change-submit")!.click();
    await settle();
    expect(byTestId("change-form")).toBeNull();
    const last = calls.filter((c) => c.cmd === "create_change").at(-1)!.args.input as Record<string, unknown>;
    expect(last).toMatchObject({ title: "公文传输增加“抄送”栏", description: "办公室要求在发文单上增加抄送栏。" });
    expect(calls.filter((c) => c.cmd === "list_changes").length).toBeGreaterThanOrEqual(2);
  });

  it("the detail page responds with the time and the answer, and explains the deadline", async () => {
    const answered: ChangeView = {
      ...CHANGE_RUNNING,
      state: "responded",
      respondedAt: "2026-11-23T14:05:00+08:00",
      response: "同意，下周二上线。",
      deadline: { ...CHANGE_RUNNING.deadline!, status: "met", met: true, remainingSeconds: 69_900, text: "已按时完成" },
    };
    const { calls } = await open("/tickets/changes/1", { get_change: () => CHANGE_RUNNING, respond_change: () => answered });
    expect(byTestId("change-deadline")!.textContent).toContain("剩余 19小时24分");
    expect(byTestId("change-deadline")!.textContent).toContain("应于 2026年11月24日 星期二 09:30 前响应");

    byTestId("change-deadline-explain")!.click();
    await settle();
    expect(textOf("sla-explanation-respond")).toBe(CHANGE_RUNNING.deadline!.explanation.summary);

    byTestId("change-respond")!.click();
    await settle();
    await fill("change-respond-text", "同意，下周二上线。");
    byTestId("change-respond-submit")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "respond_change")?.args).toEqual({
      id: 1,
      input: { respondedAt: "2026-11-23T14:05:00+08:00", response: "同意，下周二上线。", accepted: true },
    });
    expect(textOf("change-state")).toBe("已响应");
    expect(byTestId("change-deadline")!.textContent).toContain("已按时响应");
    expect(byTestId("change-respond")).toBeNull();
    expect(byTestId("change-complete")).not.toBeNull();
  });
});

describe("工单 → 服务记录", () => {
  atChinaTime(NOW);

  it("switches kind, lists records and shows the month's tracked-problem suggestion", async () => {
    const { calls } = await open("/tickets?tab=services", {
      list_service_records: () => [SERVICE_OPEN],
      tracked_problem_suggestions: () => [{ category: "公文传输", kind: "hotline", count: 12, month: "2026-11", recordIds: [11] }],
    });
    expect(calls.find((c) => c.cmd === "tracked_problem_suggestions")?.args).toEqual({ month: "2026-11" });
    expect(textOf("tracked-problem-公文传输")).toContain("本月“公文传输”类问题已有 12 次，建议作为跟踪问题处理");

    const row = byTestId("service-row-DH-2026-0012")!;
    for (const text of ["DH-2026-0012", "11月23日 10:15", "财政局", "张三", "公文传输", "公文传输无法打开OFD正文", "未完成"]) {
      expect(row.textContent).toContain(text);
    }
    expect(row.textContent).not.toContain("转换服务超时");

    byTestId("service-kind-repair")!.querySelector("input")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "list_service_records").at(-1)?.args).toEqual({
      filter: { kind: "repair", month: null, openOnly: false, text: null },
    });
    byTestId("new-service")!.click();
    await settle();
    expect(byTestId("service-form")!.textContent).toContain("登记报修单");
    expect(byTestId("service-form")!.textContent).toContain("故障情况");
  });

  it("marks the records whose contract clocks ran out, and shows the next clock of the others", async () => {
    const running = { ...SERVICE_OPEN, deadlines: [SERVICE_REPAIR_LATE.deadlines[2]!] };
    await open("/tickets?tab=services", { list_service_records: () => [SERVICE_REPAIR_LATE, running] });
    const late = byTestId("service-clocks-BX-2026-0003")!;
    expect(late.textContent?.trim()).toBe("报修回馈 已超时");
    expect(late.querySelector("[data-role=breached]")!.classList).toContain("tone-danger");
    const open_ = byTestId("service-clocks-DH-2026-0012")!.textContent!;
    expect(open_).toContain("关闭");
    expect(open_).toContain("剩余 10天19小时");
  });

  it("shows each contract clock of a record with its target, due time, state and Rust's words", async () => {
    await open("/tickets/services/12", { get_service_record: () => SERVICE_REPAIR_LATE });
    expect(textOf("service-breached")).toBe("报修回馈已超时");
    const feedback = byTestId("service-deadline-repairFeedback")!;
    expect(feedback.dataset.status).toBe("breached");
    const row = feedback.closest("tr")!;
    expect(row.classList).toContain("is-breached");
    expect(row.textContent).toContain("1个工作日（5×8）");
    expect(row.textContent).toContain("2026年11月23日 星期一 10:00");
    expect(row.querySelector("[data-role=status]")!.textContent?.trim()).toBe("已超时");
    expect(row.querySelector(".el-tag")!.classList).toContain("el-tag--danger");
    expect(row.querySelector("[data-role=text]")!.textContent).toBe("已超时 4小时06分");

    const callBack = byTestId("service-deadline-callBack")!.closest("tr")!;
    expect(callBack.querySelector(".el-tag")!.classList).toContain("el-tag--success");
    expect(callBack.textContent).toContain("完成于 2026年11月20日");
    expect(byTestId("service-deadline-closeWithin")!.closest("tr")!.querySelector("[data-role=status]")!.textContent?.trim()).toBe("计时中");

    const fields = byTestId("service-detail")!.textContent!;
    for (const part of ["电话回馈时间", "2026年11月20日", "承诺完成时间", "2026年11月27日", "延期原因", "需厂商提供补丁"]) expect(fields).toContain(part);
  });

  it("says so when the contract times none of a record's kind", async () => {
    await open("/tickets/services/11", { get_service_record: () => SERVICE_OPEN });
    expect(textOf("service-deadlines-none")).toBe("当前合同服务级别对这类记录没有计时要求。");
    expect(byTestId("service-breached")).toBeNull();
  });

  it("gives Rust's reason when a record was entered before the contract's clocks came in", async () => {
    const deadlineNote = "这条记录登记于 2026年11月20日 星期五 09:40，早于现行服务时限规则生效（2026年11月24日 星期二 09:00），不按其计时。";
    await open("/tickets/services/11", { get_service_record: () => ({ ...SERVICE_OPEN, deadlineNote }) });
    expect(textOf("service-deadlines-none")).toBe(deadlineNote);
  });

  it("records the 处理节点 and a delay with the form, in Beijing time", async () => {
    const { calls } = await open("/tickets/services/12", {
      get_service_record: () => SERVICE_REPAIR_LATE,
      update_service_record: (args) => ({ ...SERVICE_REPAIR_LATE, ...(args.input as ServiceRecordInput) }),
    });
    byTestId("service-edit")!.click();
    await settle();
    const form = byTestId("service-form")!;
    expect(form.querySelector("[data-testid=service-steps]")!.textContent).toContain("处理节点");
    expect(form.querySelector("[data-testid=service-delay]")!.textContent).toContain("延期");
    for (const label of ["回馈时间", "上交服务台 / 升级时间", "电话回馈时间", "到场时间", "承诺完成时间", "延期原因"]) expect(form.textContent).toContain(label);
    expect(inputOf("service-step-calledBackAt").value).toBe("2026-11-20 16:00");
    expect(inputOf("service-promised-at").value).toBe("2026-11-27 18:00");

    await typeTime("service-step-respondedAt", "2026-11-23 14:00");
    await fill("service-delay-reason", "需厂商提供补丁，已催办");
    byTestId("service-submit")!.click();
    await settle();
    const sent = calls.find((c) => c.cmd === "update_service_record")!.args.input as ServiceRecordInput;
    expect(sent).toMatchObject({
      respondedAt: "2026-11-23T14:00:00+08:00",
      escalatedAt: null,
      calledBackAt: "2026-11-20T16:00:00+08:00",
      onSiteAt: null,
      delayReason: "需厂商提供补丁，已催办",
      promisedAt: "2026-11-27T18:00:00+08:00",
    });
  });

  it("shows Rust's refusal of a promised date without a reason next to both fields", async () => {
    const refusal: IpcError = {
      kind: "validation",
      message: "有 2 处填写需要修改。",
      fields: [
        { field: "delayReason", message: "给出承诺完成时间时，请写明延期原因。" },
        { field: "onSiteAt", message: "到场时间不能早于报修时间。" },
      ],
    };
    await open("/tickets/services/12", {
      get_service_record: () => SERVICE_REPAIR_LATE,
      update_service_record: () => {
        throw refusal;
      },
    });
    byTestId("service-edit")!.click();
    await settle();
    byTestId("service-submit")!.click();
    await settle();
    expect(textOf("error-delayReason")).toBe("给出承诺完成时间时，请写明延期原因。");
    expect(textOf("error-onSiteAt")).toBe("到场时间不能早于报修时间。");
  });

  it("keeps the signed 报修单 as an attachment of the record", async () => {
    const scanned = {
      id: 3,
      ownerKind: "serviceRecord",
      ownerId: 11,
      fileName: "报修单-签字.jpg",
      path: "/data/attachments/2026-11/报修单-签字.jpg",
      sizeBytes: 204_800,
      addedAt: "2026-11-23T06:00:00Z",
    };
    let stored: (typeof scanned)[] = [];
    const { calls } = await open("/tickets/services/11", {
      get_service_record: () => SERVICE_OPEN,
      list_attachments: () => stored,
      pick_attachments: () => {
        stored = [scanned];
        return stored;
      },
    });
    expect(textOf("service-attachments")).toContain("用户签字确认的报修单可扫描或拍照后添加");
    byTestId("service-attachments")!.querySelector<HTMLElement>('[data-testid="attachment-add"]')!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "pick_attachments")?.args).toEqual({ ownerKind: "serviceRecord", ownerId: 11 });
    expect(textOf("service-attachments")).toContain("报修单-签字.jpg");
    expect(textOf("service-attachments")).toContain("200.0 KB");
  });

  it("转为故障 starts from the record, requires a level, saves with the draft and opens the fault", async () => {
    const { calls, router } = await open("/tickets/services/11", {
      get_service_record: () => SERVICE_OPEN,
      service_fault_draft: () => FAULT_DRAFT,
      fault_levels: () => LEVELS,
      create_fault_from_service: (args) => {
        const input = args.input as { level: string };
        if (!input.level) {
          const error: IpcError = { kind: "validation", message: "请选择故障级别（紧急、一般、轻微）。", fields: [{ field: "level", message: "请选择故障级别（紧急、一般、轻微）。" }] };
          throw error;
        }
        return { row: { id: 7, code: "GZ-20261123-01" } };
      },
    });
    const push = vi.spyOn(router, "push");
    byTestId("service-to-fault")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "service_fault_draft")?.args).toEqual({ serviceRecordId: 11 });
    expect(inputOf("fault-draft-title").value).toBe(FAULT_DRAFT.title);
    expect(byTestId("service-fault-dialog")!.textContent).toContain("由服务记录 DH-2026-0012 转入");

    byTestId("fault-draft-submit")!.click();
    await settle();
    expect(textOf("error-level")).toBe("请选择故障级别（紧急、一般、轻微）。");
    expect(push).not.toHaveBeenCalled();

    await choose("fault-draft-level", "fault-level-option-normal");
    expect(byTestId("error-level")).toBeNull();
    byTestId("fault-draft-submit")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "create_fault_from_service").at(-1)?.args).toEqual({
      serviceRecordId: 11,
      input: {
        reportedAt: FAULT_DRAFT.reportedAt,
        reporter: FAULT_DRAFT.reporter,
        reporterDept: FAULT_DRAFT.reporterDept,
        contact: FAULT_DRAFT.contact,
        channel: "phone",
        system: "公文传输",
        title: FAULT_DRAFT.title,
        description: FAULT_DRAFT.description,
        level: "normal",
        faultType: "",
      },
    });
    expect(push).toHaveBeenCalledWith("/faults/7");
  });

  it("转为故障 asks for the 故障类型 the profile lists and shows Rust's refusal under it", async () => {
    const { calls } = await open("/tickets/services/11", {
      list_profiles: () => PROFILES.map((p) => ({ ...p, faultTypes: ["软件故障", "网络故障", "其他"] })),
      get_service_record: () => SERVICE_OPEN,
      service_fault_draft: () => FAULT_DRAFT,
      fault_levels: () => LEVELS,
      create_fault_from_service: () => {
        const error: IpcError = { kind: "validation", message: "故障类型“网络故障”不在列表中。", fields: [{ field: "faultType", message: "故障类型“网络故障”不在列表中。" }] };
        throw error;
      },
    });
    byTestId("service-to-fault")!.click();
    await settle();
    await choose("fault-draft-level", "fault-level-option-normal");
    byTestId("fault-draft-submit")!.click();
    await settle();
    expect(textOf("error-faultType")).toBe("请选择故障类型（软件故障、网络故障、其他）。");
    expect(calls.some((c) => c.cmd === "create_fault_from_service")).toBe(false);

    await choose("fault-draft-type", "fault-draft-type-option-网络故障");
    expect(byTestId("error-faultType")).toBeNull();
    byTestId("fault-draft-submit")!.click();
    await settle();
    expect((calls.find((c) => c.cmd === "create_fault_from_service")?.args.input as { faultType: string }).faultType).toBe("网络故障");
    expect(textOf("error-faultType")).toBe("故障类型“网络故障”不在列表中。");
    // The one field message is shown by its field, not repeated above the form.
    expect(byTestId("fault-form-error")).toBeNull();
  });

  it("转为需求变更 is one step and opens the new change; links lead to what the record became", async () => {
    const converted: ChangeView = { ...CHANGE_RUNNING, id: 5, code: "BG-20261123-02" };
    const { calls, router } = await open("/tickets/services/11", {
      get_service_record: () => SERVICE_OPEN,
      list_links: (args) =>
        args.kind === "serviceRecord" ? [{ kind: "faq", id: 21, isSource: false, createdAt: "2026-11-23T11:00:00+08:00" }] : [],
      get_faq: () => ({ id: 21, seq: 3 }),
      convert_service_to_change: () => converted,
      get_change: () => converted,
    });
    expect(textOf("record-link-faq-21")).toContain("常见问题 第 3 条");
    byTestId("record-link-faq-21")!.querySelector("button")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/knowledge?id=21");

    await router.push("/tickets/services/11");
    await settle();
    byTestId("service-to-change")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "convert_service_to_change")?.args).toEqual({ serviceRecordId: 11 });
    expect(router.currentRoute.value.path).toBe("/tickets/changes/5");
  });
});
