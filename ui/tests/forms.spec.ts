// 表单: a record page rendered from its definition (every field type, the values in the shape Rust
// takes, Rust's messages beside their fields), the paper form (header, bands, signature blocks),
// the form editor (what it sends, Rust's refusal by row), a form's list (deadline tags, 只看超时,
// the living table), the 表单 page's search, 今日's card and where a form record's links lead.
import { mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FormDefinition } from "../src/bindings/FormDefinition";
import type { IpcError } from "../src/bindings/IpcError";
import FormRenderer from "../src/components/forms/FormRenderer.vue";
import { elementPlus } from "../src/element";
import { useAppStore } from "../src/stores/app";
import { editableValues, valuesToSend, type FormValues } from "../src/utils/forms";
import { noticeRoute } from "../src/utils/notices";
import { linkKindLabel, linkRoute } from "../src/utils/tickets";
import { faultDetail, faultHandlers, faultRow } from "./fault-fixtures";
import { CHANGE_RUNNING, SERVICE_OPEN } from "./records-fixtures";
import { SETTINGS } from "./fixtures";
import { deadline, everyTypeDefinition, formRecord, formRow, PRINTED, summary } from "./forms-fixtures";
import { atChinaTime, byTestId, clickTestId, inputOf, type Handler, mockIpc, mountApp, settle, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

/**
 * Opens the Element Plus select at `testid` and picks the option containing `label` in the
 * dropdown that opened (every select's options stay in the page, hidden).
 */
async function choose(testid: string, label: string) {
  const root = byTestId(testid);
  if (!root) throw new Error(`no ${testid}`);
  (root.querySelector<HTMLElement>(".el-select__wrapper") ?? root).click();
  await settle();
  const option = [...document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find(
    (o) => o.closest<HTMLElement>(".el-popper")?.style.display !== "none" && o.textContent?.includes(label),
  );
  if (!option) throw new Error(`no option ${label} in ${testid}`);
  option.click();
  await settle();
}

/** The input at `testid`: Element Plus puts a test id given to <el-input> on the input itself. */
function ownInput(testid: string): HTMLInputElement {
  const el = byTestId(testid);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el as HTMLInputElement;
  return inputOf(testid);
}

async function fillIn(testid: string, value: string) {
  const input = ownInput(testid);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

describe("FormRenderer", () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    useAppStore().settings = SETTINGS;
  });

  function render(def: FormDefinition, recordId: number | null = null) {
    const wrapper = mount(FormRenderer, {
      attachTo: document.body,
      props: {
        definition: def,
        modelValue: editableValues(def),
        recordId,
        "onUpdate:modelValue": (v: FormValues) => void wrapper.setProps({ modelValue: v }),
      },
      global: { plugins: [elementPlus] },
    });
    return wrapper;
  }

  it("renders an input of each type with its label, required mark, bounds, unit and hint", async () => {
    mockIpc({ list_forms: () => [], fault_queue: () => [] });
    const def = everyTypeDefinition();
    render(def);
    await settle();
    for (const f of def.fields) expect(byTestId(`form-field-${f.key}`), f.key).not.toBeNull();

    const subject = byTestId("form-field-subject")!.closest(".el-form-item")!;
    expect(subject.textContent).toContain("演练主题");
    expect(subject.querySelector(".required-mark")).not.toBeNull();
    expect(inputOf("form-field-subject").getAttribute("maxlength")).toBe("50");
    expect(byTestId("form-field-process")!.querySelector("textarea")).not.toBeNull();
    expect(byTestId("form-field-process")!.closest(".el-form-item")!.textContent).toContain("按时间顺序写明");
    expect(byTestId("form-field-duration")!.querySelector(".el-input-number")).not.toBeNull();
    expect(byTestId("form-field-duration")!.textContent).toContain("分钟");
    expect(byTestId("form-field-plannedOn")!.querySelector(".el-date-editor")).not.toBeNull();
    expect(byTestId("form-field-heldAt")!.querySelector(".china-datetime")).not.toBeNull();
    expect(byTestId("form-field-result")!.querySelector(".el-select")).not.toBeNull();
    expect(byTestId("form-field-leader")!.querySelector(".el-select")).not.toBeNull();
    expect(byTestId("form-field-rolledBack")!.querySelectorAll(".el-radio")).toHaveLength(2);
    expect(byTestId("form-field-steps-add")).not.toBeNull();
    // Files belong to a saved record.
    expect(byTestId("form-field-files")!.textContent).toContain("保存记录后");
    expect(byTestId("form-field-related-kind")).not.toBeNull();
    // Long text, tables, links and files take the whole line.
    expect(byTestId("form-field-steps")!.closest(".el-form-item")!.classList).toContain("form-renderer__wide");
    expect(subject.classList).not.toContain("form-renderer__wide");
  });

  it("emits each value in the shape Rust takes, and sends no attachment", async () => {
    mockIpc({
      list_forms: () => [summary(everyTypeDefinition({ id: "emergency-plan", name: "应急预案" }))],
      fault_queue: () => [faultRow({ id: 9, code: "GZ-20261123-01", title: "公文系统无法登录" })],
      list_form_records: () => [formRow(4, "YA-2026-0001", { formId: "emergency-plan", title: "数据库应急预案" })],
    });
    const def = everyTypeDefinition();
    const wrapper = render(def);
    await settle();

    await typeInto("form-field-subject", "数据库切换演练");
    await typeInto("form-field-process", "停主库，切到备库。");
    await choose("form-field-result", "部分成功");
    await choose("form-field-leader", "王工");
    byTestId("form-field-rolledBack")!.querySelectorAll<HTMLInputElement>(".el-radio input")[0]!.click();
    await settle();
    await clickTestId("form-field-steps-add");
    await typeInto("form-field-steps-0-step", "切换到备库");
    await choose("form-field-related-record", "GZ-20261123-01");
    await clickTestId("form-field-related-add");
    // Another form's record: the kind is the form, the link's kind is "form".
    await choose("form-field-related-kind", "应急预案");
    await choose("form-field-related-record", "YA-2026-0001");
    await clickTestId("form-field-related-add");
    expect(byTestId("form-field-related-link-0")!.textContent).toContain("GZ-20261123-01");
    expect(byTestId("form-field-related-link-1")!.textContent).toContain("应急预案 YA-2026-0001");

    const values = wrapper.props("modelValue") as FormValues;
    expect(values).toMatchObject({
      subject: "数据库切换演练",
      process: "停主库，切到备库。",
      result: "部分成功",
      leader: 1,
      rolledBack: true,
      steps: [{ step: "切换到备库", minutes: null, ok: null }],
      related: [
        { kind: "fault", id: 9 },
        { kind: "form", id: 4 },
      ],
    });
    expect(valuesToSend(def, values)).toEqual({
      subject: "数据库切换演练",
      process: "停主库，切到备库。",
      duration: null,
      plannedOn: null,
      heldAt: null,
      result: "部分成功",
      leader: 1,
      rolledBack: true,
      steps: [{ step: "切换到备库", minutes: null, ok: null }],
      related: [
        { kind: "fault", id: 9 },
        { kind: "form", id: 4 },
      ],
    });
    // Edits say which message to clear.
    expect(wrapper.emitted("edited")).toContainEqual(["values.subject"]);
    expect(wrapper.emitted("edited")).toContainEqual(["values.steps[0].step"]);
  });

  it("adds table rows up to maxRows and removes them", async () => {
    mockIpc({ list_forms: () => [], fault_queue: () => [] });
    const wrapper = render(everyTypeDefinition());
    await settle();
    for (let i = 0; i < 3; i++) await clickTestId("form-field-steps-add");
    expect(byTestId("form-field-steps-add")!.hasAttribute("disabled")).toBe(true);
    expect(byTestId("form-field-steps")!.textContent).toContain("3 / 3 行");
    await clickTestId("form-field-steps-remove-1");
    expect((wrapper.props("modelValue") as FormValues).steps).toHaveLength(2);
  });

  it("shows the record's attachments once it is saved", async () => {
    const calls = mockIpc({ list_forms: () => [], fault_queue: () => [], list_attachments: () => [] });
    render(everyTypeDefinition(), 7);
    await settle();
    expect(byTestId("form-field-files")!.querySelector("[data-testid=attachment-list]")).not.toBeNull();
    expect(calls.find((c) => c.cmd === "list_attachments")?.args).toEqual({ ownerKind: "form", ownerId: 7 });
  });
});

describe("a form record's page", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  function handlers(extra: Record<string, Handler> = {}) {
    return faultHandlers({
      get_form_definition: () => everyTypeDefinition(),
      get_form_record: (args) => formRecord({ id: args.id as number }),
      list_form_record_changes: () => [
        { at: "2026-11-23T03:00:00Z", action: "changed", actionLabel: "修改", changes: [{ label: "演练主题", before: "切换演练", after: "数据库切换演练" }] },
      ],
      record_history: () => [],
      ...extra,
    });
  }

  it("sends the new record's values and shows Rust's messages beside their fields and cells", async () => {
    const refused: IpcError = {
      kind: "validation",
      message: "有 2 项需要修改。",
      fields: [
        { field: "values.subject", message: "请填写演练主题。" },
        { field: "values.steps[0].step", message: "请填写演练步骤第 1 行的步骤。" },
      ],
    };
    let created = 0;
    const calls = mockIpc(
      handlers({
        create_form_record: (args) => {
          if (created++ === 0) throw refused;
          const input = args.input as { values: Record<string, unknown> };
          return formRecord({ id: 12, code: "YL-2026-0002", values: input.values });
        },
      }),
    );
    const { router } = await mountApp("/forms/drill/new");
    expect(byTestId("form-record-code")!.textContent).toBe("新记录");
    // The record's date field starts at this minute.
    expect(inputOf("form-field-heldAt").value).toBe("2026-11-23 14:05");

    await clickTestId("form-field-steps-add");
    await clickTestId("form-save");
    const sent = calls.find((c) => c.cmd === "create_form_record")!.args.input as { formId: string; values: Record<string, unknown> };
    expect(sent.formId).toBe("drill");
    expect(sent.values).not.toHaveProperty("files");
    expect(sent.values.heldAt).toBe("2026-11-23T14:05:00+08:00");
    expect(sent.values.steps).toEqual([{ step: null, minutes: null, ok: null }]);

    expect(byTestId("error-values-subject")?.textContent).toBe("请填写演练主题。");
    expect(byTestId("error-values-steps-0-step")?.textContent?.trim()).toBe("请填写演练步骤第 1 行的步骤。");
    // Two messages: Rust's summary above the form too.
    expect(byTestId("form-record-save-error")?.textContent).toContain("有 2 项需要修改。");

    // Answering a field takes its message away.
    await typeInto("form-field-subject", "数据库切换演练");
    expect(byTestId("error-values-subject")).toBeNull();
    await typeInto("form-field-steps-0-step", "切换到备库");
    await clickTestId("form-save");
    expect(router.currentRoute.value.fullPath).toBe("/forms/records/12");
    expect(byTestId("form-record-code")!.textContent).toBe("YL-2026-0002");
    expect(byTestId("form-print")).not.toBeNull();
  });

  it("shows a saved record: its deadlines, changes, the version note, state buttons and 打印", async () => {
    const calls = mockIpc(
      handlers({
        get_form_record: () =>
          formRecord({
            newerVersion: 3,
            deadlines: [deadline("overdue"), deadline("met", { key: "review", label: "用户 2 个工作日内确认" })],
          }),
        set_form_record_state: () => formRecord({ state: "closed", stateLabel: "已办结" }),
      }),
    );
    const { router } = await mountApp("/forms/records/7");
    expect(byTestId("form-record-code")!.textContent).toBe("YL-2026-0001");
    expect(inputOf("form-field-subject").value).toBe("数据库切换演练");
    expect(byTestId("form-record-version-note")!.textContent).toContain("此记录按第 2 版表单填写");
    expect(byTestId("form-deadline-signed")!.querySelector(".deadline-tag--overdue")).not.toBeNull();
    expect(byTestId("form-deadline-signed")!.textContent).toContain("依据：004");
    expect(byTestId("form-deadline-review")!.querySelector(".deadline-tag--met")).not.toBeNull();
    expect(byTestId("form-change-0")!.textContent).toContain("切换演练");
    expect(byTestId("form-change-0")!.textContent).toContain("数据库切换演练");

    await clickTestId("form-state-close");
    expect(calls.find((c) => c.cmd === "set_form_record_state")?.args).toEqual({ id: 7, recordState: "closed" });
    expect(byTestId("form-record-state")!.textContent).toBe("已办结");
    expect(byTestId("form-state-reopen")).not.toBeNull();

    await clickTestId("form-print");
    expect(router.currentRoute.value.fullPath).toBe("/forms/records/7/print");
  });

  it("does not print unsaved edits", async () => {
    mockIpc(handlers());
    const { router } = await mountApp("/forms/records/7");
    await typeInto("form-field-subject", "改过的主题");
    expect(byTestId("form-record-dirty")).not.toBeNull();
    await clickTestId("form-print");
    expect(router.currentRoute.value.fullPath).toBe("/forms/records/7");
  });
});

describe("the paper form", () => {
  it("prints the title, the header on one line, each band and the signature blocks", async () => {
    const calls = mockIpc(faultHandlers({ print_form_record: () => PRINTED, print_window: () => null }));
    await mountApp("/forms/records/7/print");
    expect(calls.find((c) => c.cmd === "print_form_record")?.args).toEqual({ id: 7 });
    const paper = byTestId("printed-form")!;
    expect(byTestId("printed-form-title")!.textContent).toBe("发布报告");
    const header = byTestId("printed-form-header")!.textContent!;
    expect(header).toContain("项目名称：协同办公平台运维服务");
    expect(header).toContain("甲方单位：某市机关事务管理局");
    expect(header).toContain("编号：FB-202611-001");

    const row = paper.querySelector<HTMLElement>("[data-block=row]")!;
    expect(row.style.gridTemplateColumns).toContain("repeat(2");
    expect(row.textContent).toContain("子系统名称");
    expect(row.textContent).toContain("V3.2.1");
    expect(paper.querySelector("[data-block=text]")!.textContent).toContain("修复公文附件下载失败。");
    const tables = paper.querySelectorAll("[data-block=table]");
    expect(tables[0]!.querySelectorAll("th")).toHaveLength(2);
    expect(tables[0]!.querySelector("td")!.textContent).toBe("切换");
    // A table with no rows prints blank rows to fill by hand.
    expect(tables[1]!.querySelectorAll("tbody tr.paper__blank")).toHaveLength(3);

    const blocks = document.querySelectorAll<HTMLElement>("[data-testid=signature-block]");
    expect(blocks).toHaveLength(3);
    expect(blocks[0]!.textContent).toContain("用户单位主管领导（签字、盖章）");
    expect(blocks[0]!.textContent).toContain("签字：");
    expect(blocks[0]!.textContent).toContain("日期：年月日");
    expect(blocks[2]!.textContent).not.toContain("日期");
    expect(byTestId("printed-form-note")!.textContent).toContain("各方的签字确认");
    expect(byTestId("printed-form-footer")!.textContent).toBe("发布报告 第 1 版 · 驻场运维台");

    await clickTestId("print-now");
    expect(calls.some((c) => c.cmd === "print_window")).toBe(true);
  });

  it("prints a record the app kept before forms were data through print_record", async () => {
    const calls = mockIpc(faultHandlers({ print_record: () => ({ ...PRINTED, title: "故障记录", orientation: "landscape" }) }));
    const { router } = await mountApp("/print/fault/3");
    expect(calls.find((c) => c.cmd === "print_record")?.args).toEqual({ kind: "fault", id: 3 });
    expect(byTestId("printed-form")!.classList).toContain("paper--landscape");
    expect(byTestId("print-view")!.textContent).toContain("横向");
    await clickTestId("print-back");
    expect(router.currentRoute.value.fullPath).toBe("/faults/3");
  });

  it("says so for a kind that has no paper form", async () => {
    const calls = mockIpc(faultHandlers());
    await mountApp("/print/duty/3");
    expect(calls.some((c) => c.cmd === "print_record")).toBe(false);
    expect(byTestId("print-load-error")!.textContent).toContain("没有可打印的纸质表单");
  });
});

describe("打印 on the pages of the records kept before forms were data", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  it.each([
    ["/faults/3", "/print/fault/3", { get_fault: () => faultDetail({}, { id: 3 }) }],
    ["/tickets/changes/1", "/print/change/1", { get_change: () => CHANGE_RUNNING }],
    ["/tickets/services/11", "/print/serviceRecord/11", { get_service_record: () => SERVICE_OPEN }],
  ] as [string, string, Record<string, Handler>][])("%s opens %s", async (page, print, extra) => {
    mockIpc(faultHandlers({ record_history: () => [], print_record: () => PRINTED, tracked_problem_suggestions: () => [], ...extra }));
    const { router } = await mountApp(page);
    await clickTestId("print-record");
    expect(router.currentRoute.value.fullPath).toBe(print);
    expect(byTestId("printed-form")).not.toBeNull();
  });
});

describe("the form editor", () => {
  function editorHandlers(save: Handler) {
    return faultHandlers({
      get_form_definition: () => everyTypeDefinition(),
      list_form_versions: () => [
        { version: 2, builtin: false, createdAt: "2026-11-20T02:00:00Z", records: 3 },
        { version: 1, builtin: true, createdAt: "2026-01-01T00:00:00Z", records: 10 },
      ],
      list_forms: () => [summary(everyTypeDefinition()), summary(everyTypeDefinition({ id: "emergency-plan", name: "应急预案" }))],
      save_form_definition: save,
    });
  }

  it("sends the whole definition and shows Rust's refusal beside its rows and above the editor", async () => {
    const refused: IpcError = {
      kind: "validation",
      message: "表单定义有 3 处问题，未保存。",
      fields: [
        { field: "$.fields[2].type", message: "已有 3 条记录填写了“恢复用时”，不能改为其他类型。" },
        { field: "$.deadlines[0].from", message: "字段“plannedAt”不存在" },
        { field: "$.numbering.prefix", message: "编号前缀“FB”已被表单“发布报告”使用" },
      ],
    };
    let saves = 0;
    const calls = mockIpc(
      editorHandlers((args) => {
        if (saves++ === 0) throw refused;
        return { ...(args.definition as FormDefinition), version: 3 };
      }),
    );
    await mountApp("/forms/drill/edit");
    expect(byTestId("form-version-2")!.textContent).toContain("自定义");
    expect(byTestId("form-version-1")!.textContent).toContain("内置");
    expect(byTestId("form-version-1")!.textContent).toContain("10 条");
    // Stored keys keep their names; nothing to save until something changes.
    expect(ownInput("editor-field-0-key").disabled).toBe(true);
    expect(byTestId("form-editor-save")!.hasAttribute("disabled")).toBe(true);

    await fillIn("form-editor-name", "应急演练记录表");
    await clickTestId("editor-field-add");
    await fillIn("editor-field-11-label", "演练评价");
    expect(ownInput("editor-field-11-key").value).toBe("field12");
    await fillIn("editor-field-11-key", "evaluation");
    await clickTestId("editor-deadline-add");
    // Seed 004's “1 个月内” is a calendar month, not 43,200 minutes.
    await choose("editor-deadline-0-mode", "个月（自然月）");
    await clickTestId("form-editor-save");

    const sent = calls.find((c) => c.cmd === "save_form_definition")!.args.definition as FormDefinition;
    expect(sent.id).toBe("drill");
    expect(sent.name).toBe("应急演练记录表");
    expect(sent.fields.map((f) => f.key)).toEqual([...everyTypeDefinition().fields.map((f) => f.key), "evaluation"]);
    expect(sent.fields[11]).toEqual({ key: "evaluation", label: "演练评价", type: "text" });
    // Only each type's own properties go out.
    expect(sent.fields.find((f) => f.key === "steps")).toMatchObject({ type: "table", maxRows: 3 });
    expect(Object.keys(sent.fields.find((f) => f.key === "files")!).sort()).toEqual(["key", "label", "type"]);
    expect(sent.deadlines).toEqual([{ key: "deadline1", label: "", from: "plannedOn", within: { months: 1 }, until: "@saved" }]);
    expect(sent.signatures).toEqual(everyTypeDefinition().signatures);

    expect(byTestId("editor-field-2-error")!.textContent).toContain("不能改为其他类型");
    expect(byTestId("editor-deadline-0-error")!.textContent).toContain("plannedAt");
    expect(byTestId("form-editor-error")!.textContent).toContain("表单定义有 3 处问题");
    expect(byTestId("form-editor-problems")!.textContent).toContain("numbering.prefix：编号前缀“FB”已被表单“发布报告”使用");
    expect(byTestId("form-editor-problems")!.textContent).not.toContain("恢复用时");

    await clickTestId("form-editor-save");
    expect(byTestId("form-editor-error")).toBeNull();
    expect(byTestId("editor-field-2-error")).toBeNull();
    expect(byTestId("form-editor-dirty")).toBeNull();
  });

  it("drops the properties of a field's old type when its type changes", async () => {
    const calls = mockIpc(editorHandlers((args) => ({ ...(args.definition as FormDefinition), version: 3 })));
    await mountApp("/forms/drill/edit");
    await choose("editor-field-2-type", "单选");
    await clickTestId("form-editor-save");
    const sent = calls.find((c) => c.cmd === "save_form_definition")!.args.definition as FormDefinition;
    expect(sent.fields[2]).toEqual({ key: "duration", label: "恢复用时", type: "choice", options: ["是", "否"] });
  });

  it("saves a copy as version 1 of a new form with its own id, name and prefix", async () => {
    const calls = mockIpc(editorHandlers((args) => ({ ...(args.definition as FormDefinition) })));
    const { router } = await mountApp("/forms/drill/edit");
    await clickTestId("form-editor-save-as");
    await fillIn("form-copy-id", "drill-city");
    await fillIn("form-copy-name", "市级应急演练记录");
    await fillIn("form-copy-prefix", "sjyl");
    await clickTestId("form-copy-submit");
    const sent = calls.find((c) => c.cmd === "save_form_definition")!.args.definition as FormDefinition;
    expect(sent).toMatchObject({ id: "drill-city", version: 1, name: "市级应急演练记录", numbering: { prefix: "SJYL", period: "year" } });
    // The title and the sheet's tab were the old name: they follow the new one.
    expect(sent.print.title).toBe("市级应急演练记录");
    expect(sent.sheet.name).toBe("市级应急演练记录");
    expect(router.currentRoute.value.fullPath).toBe("/forms/drill-city");
  });
});

describe("a form's list", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  it("shows each record's deadline as a coloured tag, and 只看超时 asks Rust for breached records only", async () => {
    const calls = mockIpc(
      faultHandlers({
        get_form_definition: () => everyTypeDefinition({ deadlines: [{ key: "signed", label: "用户签字确认", from: "heldAt", within: { workingDays: 2 }, until: "@saved" }] }),
        list_form_records: () => [
          formRow(1, "YL-2026-0001", { deadline: deadline("overdue") }),
          formRow(2, "YL-2026-0002", { deadline: deadline("pending") }),
          formRow(3, "YL-2026-0003", { deadline: deadline("late") }),
          formRow(4, "YL-2026-0004", { deadline: deadline("met") }),
          formRow(5, "YL-2026-0005"),
        ],
      }),
    );
    const { router } = await mountApp("/forms/drill");
    expect(calls.find((c) => c.cmd === "list_form_records")?.args).toEqual({ filter: { formId: "drill" } });
    const tag = (code: string) => byTestId(`form-row-deadline-${code}`)!.querySelector<HTMLElement>(".deadline-tag");
    expect(tag("YL-2026-0001")!.classList).toContain("deadline-tag--overdue");
    expect(tag("YL-2026-0001")!.textContent).toBe("已超时");
    expect(tag("YL-2026-0002")!.classList).toContain("deadline-tag--pending");
    expect(tag("YL-2026-0003")!.classList).toContain("deadline-tag--late");
    expect(tag("YL-2026-0004")!.classList).toContain("deadline-tag--met");
    expect(tag("YL-2026-0005")).toBeNull();
    expect(byTestId("form-row-deadline-YL-2026-0001")!.textContent).toContain("用户签字确认：截止 2026年12月23日 10:00，已超时 3天");

    byTestId("form-filter-breached")!.querySelector<HTMLInputElement>("input")!.click();
    await settle();
    expect(router.currentRoute.value.query.breachedOnly).toBe("1");
    expect(calls.filter((c) => c.cmd === "list_form_records").pop()?.args).toEqual({ filter: { formId: "drill", breachedOnly: true } });

    byTestId("form-row-YL-2026-0002")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/forms/records/2");
  });

  it("reads ?breachedOnly=1 from 今日's link", async () => {
    const calls = mockIpc(faultHandlers({ get_form_definition: () => everyTypeDefinition(), list_form_records: () => [] }));
    await mountApp("/forms/drill?breachedOnly=1");
    expect(calls.find((c) => c.cmd === "list_form_records")?.args).toEqual({ filter: { formId: "drill", breachedOnly: true } });
    expect(byTestId("forms-empty")!.textContent).toContain("没有符合条件");
  });

  it("shows a living form as a table of its items and its monthly 配置管理报告", async () => {
    const living = everyTypeDefinition({
      id: "config-item",
      name: "系统配置管理表",
      living: true,
      sheet: { name: "系统配置管理表", columns: ["@code", "subject", "duration", "@state"] },
    });
    const calls = mockIpc(
      faultHandlers({
        get_form_definition: () => living,
        list_form_records: () => [formRow(1, "PZ-2026-0001", { title: "数据库服务器", formId: "config-item" })],
        get_form_record: () => formRecord({ id: 1, definition: living, values: { subject: "数据库服务器", duration: 2 } }),
        config_reports: () => [
          {
            formId: "config-item",
            formName: "系统配置管理表",
            month: "2026-11",
            added: 1,
            changed: 1,
            retired: 0,
            items: [
              {
                id: 1,
                code: "PZ-2026-0001",
                title: "数据库服务器",
                late: true,
                changes: [{ at: "2026-11-20T02:00:00Z", action: "changed", actionLabel: "修改", changes: [{ label: "数量", before: "1", after: "2" }] }],
              },
            ],
            columns: ["编号", "产品名称", "数量"],
            table: [["PZ-2026-0001", "数据库服务器", "2"]],
            lateUpdates: 1,
          },
        ],
      }),
    );
    const { router } = await mountApp("/forms/config-item");
    const row = byTestId("form-row-PZ-2026-0001")!;
    expect(byTestId("living-table")!.querySelector("thead")!.textContent).toContain("编号演练主题恢复用时状态");
    expect(row.textContent).toContain("数据库服务器");
    expect(row.textContent).toContain("2分钟");

    await router.replace("/forms/config-item?tab=report");
    await settle();
    expect(calls.find((c) => c.cmd === "config_reports")?.args).toEqual({ month: "2026-11" });
    expect(byTestId("config-report-counts")!.textContent).toContain("1 项新增");
    expect(byTestId("config-report-counts")!.textContent).toContain("1 次更新超过时限");
    const item = byTestId("config-item-PZ-2026-0001")!;
    expect(item.textContent).toContain("更新超时");
    expect(item.textContent).toContain("数量：1 → 2");
    expect(byTestId("config-report-table")!.textContent).toContain("数据库服务器");
  });
});

describe("a living form's rows", () => {
  it("show the cells Rust sends under the sheet's columns, without reading each item", async () => {
    const living = everyTypeDefinition({ id: "config-item", living: true, sheet: { name: "系统配置管理表", columns: ["@code", "subject", "duration", "@state"] } });
    const calls = mockIpc(
      faultHandlers({
        get_form_definition: () => living,
        list_form_records: () => [formRow(1, "PZ-2026-0001", { formId: "config-item", cells: ["PZ-2026-0001", "数据库服务器", "2台", "在用"] })],
      }),
    );
    await mountApp("/forms/config-item");
    expect([...byTestId("form-row-PZ-2026-0001")!.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["PZ-2026-0001", "数据库服务器", "2台", "在用"]);
    expect(calls.some((c) => c.cmd === "get_form_record")).toBe(false);
  });
});

describe("表单 page", () => {
  it("groups the forms with their counts, and finds records by a word with the hits highlighted", async () => {
    const release = everyTypeDefinition({ id: "release-report", name: "发布报告", group: "升级与发布" });
    const calls = mockIpc(
      faultHandlers({
        list_forms: () => [
          summary(everyTypeDefinition(), { records: 3, overdue: 1, pending: 2 }),
          summary(release, { records: 1 }),
          summary(everyTypeDefinition({ id: "vendor-form", name: "巡查记录", group: "乙方自定义" }), { builtin: false }),
        ],
        search_form_records: () => [
          {
            record: formRow(9, "FB-202611-001", { formName: "发布报告", title: "公文传输" }),
            title: [{ text: "公文传输", hit: false }],
            snippet: [
              { text: "修复", hit: false },
              { text: "签章", hit: true },
              { text: "慢", hit: false },
            ],
          },
        ],
      }),
    );
    const { router } = await mountApp("/forms");
    const groups = [...document.querySelectorAll<HTMLElement>("[data-testid^=form-group-]")].map((g) => g.dataset.testid);
    expect(groups).toEqual(["form-group-升级与发布", "form-group-应急与安全", "form-group-乙方自定义"]);
    expect(byTestId("form-count-drill")!.textContent).toBe("3 条记录");
    expect(byTestId("form-overdue-drill")!.textContent).toContain("1");
    expect(byTestId("form-card-vendor-form")!.textContent).toContain("自定义");

    await typeInto("forms-search", "签章");
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    expect(calls.find((c) => c.cmd === "search_form_records")?.args).toEqual({ query: "签章" });
    const hit = byTestId("form-hit-9")!;
    expect(hit.querySelector("mark")!.textContent).toBe("签章");
    hit.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/forms/records/9");
  });

  it("lists the problems of a refused definition file", async () => {
    mockIpc(
      faultHandlers({
        import_form_definition: () => {
          throw { kind: "validation", message: "表单定义有误，未导入。", fields: [{ field: "$.fields[3].type", message: "不支持的字段类型“rich”" }] };
        },
      }),
    );
    await mountApp("/forms");
    await clickTestId("forms-import");
    expect(byTestId("forms-import-error")!.textContent).toContain("$.fields[3].type：不支持的字段类型“rich”");
  });
});

describe("今日 → 表单时限", () => {
  it("lists forms with records overdue or running, the overdue ones linking to 只看超时", async () => {
    mockIpc(
      faultHandlers({
        list_forms: () => [
          summary(everyTypeDefinition({ id: "release-report", name: "发布报告" }), { pending: 2 }),
          summary(everyTypeDefinition(), { overdue: 1, pending: 1 }),
          summary(everyTypeDefinition({ id: "quiet", name: "没有时限" })),
        ],
      }),
    );
    const { router } = await mountApp("/today");
    const card = byTestId("today-forms")!;
    expect([...card.querySelectorAll("li")].map((l) => l.dataset.testid)).toEqual(["today-form-drill", "today-form-release-report"]);
    expect(byTestId("today-form-overdue-drill")!.textContent).toContain("已超时");
    byTestId("today-form-overdue-drill")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/forms/drill?breachedOnly=1");
  });

  it("is hidden while no form has a deadline running or missed", async () => {
    mockIpc(faultHandlers({ list_forms: () => [summary(everyTypeDefinition())] }));
    await mountApp("/today");
    expect(byTestId("today-page")).not.toBeNull();
    expect(byTestId("today-forms")).toBeNull();
  });
});

describe("where a form record leads", () => {
  it("opens a form record from a link and from a reminder, named 表单记录", () => {
    expect(linkRoute({ kind: "form", id: 5 })).toBe("/forms/records/5");
    expect(noticeRoute({ subjectKind: "form", subjectId: 5 })).toBe("/forms/records/5");
    expect(linkKindLabel("form")).toBe("表单记录");
  });
});
