// The pieces the 工单 and fault forms share, on their own: the record form frame (RecordFormDialog)
// with the two forms that use it, every field answering Rust's message next to it; the list reader
// and the list behind the 需求变更 / 服务记录 / 培训记录 panels (useRecordList, RecordListTable); and
// the 故障级别 choice of 登记故障 and 转为故障 (FaultLevelField).
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h, reactive, ref, type Component } from "vue";
import { elementPlus } from "../src/element";
import type { IpcError } from "../src/bindings/IpcError";
import RecordFormDialog from "../src/components/tickets/RecordFormDialog.vue";
import RecordListTable from "../src/components/tickets/RecordListTable.vue";
import ChangeFormDialog from "../src/components/tickets/ChangeFormDialog.vue";
import ServiceFormDialog from "../src/components/tickets/ServiceFormDialog.vue";
import FaultLevelField from "../src/components/faults/FaultLevelField.vue";
import { TYPING_PAUSE_MS, useRecordList } from "../src/composables/useRecordList";
import { useAppStore } from "../src/stores/app";
import { blankFault } from "../src/utils/faults";
// Every key of each input (utils/tickets.ts fails to typecheck when a binding gains one).
import { CHANGE_INPUT_KEYS, SERVICE_INPUT_KEYS } from "../src/utils/tickets";
import { byTestId, mockIpc, settle } from "./helpers";
import { SETTINGS } from "./fixtures";
import { LEVELS } from "./records-fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const mounted: { unmount(): void }[] = [];
// `any`: the props differ per component mounted here.
function mountHere(component: Component, options: Record<string, unknown> = {}): VueWrapper<any> {
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [elementPlus] }, ...options });
  mounted.push(wrapper);
  return wrapper;
}
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
  document.body.innerHTML = "";
});

/** Rust refusing every one of `fields`, each with a message naming it. */
function refusingAll(fields: readonly string[]): IpcError {
  return {
    kind: "validation",
    message: `有 ${fields.length} 处填写需要修改。`,
    fields: fields.map((field) => ({ field, message: `${field} 不对` })),
  };
}

describe("RecordFormDialog", () => {
  it("frames the fields with the record's test ids, Rust's message and 登记 / 保存", async () => {
    const wrapper = mountHere(RecordFormDialog, {
      props: { name: "thing", title: "登记东西", alert: "有 2 处填写需要修改。", busy: false, editing: false },
      slots: { default: () => h("div", { "data-testid": "thing-field", class: "record-form__wide" }, "字段") },
    });
    await settle();
    expect(byTestId("thing-form")).not.toBeNull();
    expect(document.querySelector(".el-dialog__title")?.textContent).toBe("登记东西");
    expect(byTestId("thing-form-error")?.textContent).toContain("有 2 处填写需要修改。");
    expect(document.querySelector(".record-form__grid [data-testid=thing-field]")).not.toBeNull();
    expect(byTestId("thing-submit")?.textContent?.trim()).toBe("登记");
    byTestId("thing-submit")!.click();
    await settle();
    expect(wrapper.emitted("submit")).toHaveLength(1);

    await wrapper.setProps({ alert: null, editing: true });
    expect(byTestId("thing-form-error")).toBeNull();
    expect(byTestId("thing-submit")?.textContent?.trim()).toBe("保存");
  });
});

describe.each([
  { name: "change", component: ChangeFormDialog, command: "create_change", fields: CHANGE_INPUT_KEYS },
  { name: "service", component: ServiceFormDialog, command: "create_service_record", fields: SERVICE_INPUT_KEYS },
])("$name form in the shared frame", ({ name, component, command, fields }) => {
  beforeEach(() => {
    setActivePinia(createPinia());
    useAppStore().settings = SETTINGS;
  });

  it("sends every field and shows Rust's message next to each one", async () => {
    const calls = mockIpc({
      [command]: () => {
        throw refusingAll(fields);
      },
    });
    const wrapper = mountHere(component, { global: { plugins: [elementPlus] } });
    await settle();
    byTestId(`${name}-submit`)!.click();
    await settle();

    const sent = calls.find((c) => c.cmd === command)!.args.input as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(byTestId(`error-${field}`)?.textContent, field).toBe(`${field} 不对`);
    // Several fields refused: Rust's summary shows above them too.
    expect(byTestId(`${name}-form-error`)?.textContent).toContain(`有 ${fields.length} 处填写需要修改。`);
    expect(wrapper.emitted("saved")).toBeUndefined();
  });

  it("keeps a lone field's message next to the field only", async () => {
    mockIpc({
      [command]: () => {
        throw refusingAll(["description"]);
      },
    });
    mountHere(component, { global: { plugins: [elementPlus] } });
    await settle();
    byTestId(`${name}-submit`)!.click();
    await settle();
    expect(byTestId("error-description")?.textContent).toBe("description 不对");
    expect(byTestId(`${name}-form-error`)).toBeNull();
  });
});

describe("useRecordList", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function harness(read: (filter: { month: string | null; text: string }) => Promise<string[]>) {
    const filter = reactive<{ month: string | null; text: string }>({ month: null, text: "" });
    let list!: ReturnType<typeof useRecordList<string>>;
    const Harness = defineComponent({
      setup() {
        list = useRecordList<string>({ read: () => read({ ...filter }), filters: [() => filter.month], text: () => filter.text });
        return () => h("div");
      },
    });
    mountHere(Harness);
    return { filter, list: () => list };
  }

  it("reads on mount, again at once for a filter and after a pause for the words", async () => {
    const read = vi.fn(async (f: { month: string | null; text: string }) => [`${f.month ?? "全部"}:${f.text}`]);
    const { filter, list } = harness(read);
    await flushPromises();
    expect(list().rows.value).toEqual(["全部:"]);
    expect(list().loaded.value).toBe(true);

    filter.month = "2026-11";
    await flushPromises();
    expect(list().rows.value).toEqual(["2026-11:"]);

    filter.text = "公";
    await flushPromises();
    filter.text = "公文";
    await flushPromises();
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(TYPING_PAUSE_MS);
    expect(read).toHaveBeenCalledTimes(3);
    expect(list().rows.value).toEqual(["2026-11:公文"]);
  });

  it("keeps only the newest read, and shows Rust's message when a read fails", async () => {
    const answers: ((rows: string[]) => void)[] = [];
    const failures: ((e: unknown) => void)[] = [];
    const { filter, list } = harness(
      () =>
        new Promise<string[]>((resolve, reject) => {
          answers.push(resolve);
          failures.push(reject);
        }),
    );
    await flushPromises();
    filter.month = "2026-10";
    await flushPromises();
    answers[1]!(["新"]);
    await flushPromises();
    answers[0]!(["旧"]);
    await flushPromises();
    expect(list().rows.value).toEqual(["新"]);

    filter.month = "2026-09";
    await flushPromises();
    failures[2]!({ kind: "io", message: "数据文件无法读取。", fields: [] });
    await flushPromises();
    expect(list().error.value).toBe("数据文件无法读取。");
    expect(list().rows.value).toEqual(["新"]);
  });
});

describe("RecordListTable", () => {
  const COLUMNS = [{ label: "编号", width: 150 }, { label: "事由" }];
  const ROWS = [
    { id: 1, code: "BG-1" },
    { id: 2, code: "BG-2" },
  ];
  const slots = {
    cells: ({ row }: { row: { code: string } }) => h("td", row.code),
    empty: () => "先登记一条。",
  };
  const base = { one: "thing", many: "things", what: "东西", loaded: true, error: null, filtered: false, columns: COLUMNS };

  it("lists the rows with the columns, highlights the one just added and opens a row on click or Enter", async () => {
    const wrapper = mountHere(RecordListTable as Component, {
      props: { ...base, rows: ROWS, rowTestid: (r: { code: string }) => `thing-row-${r.code}`, highlighted: 2 },
      slots,
    });
    await settle();
    expect([...document.querySelectorAll("[data-testid=thing-list] th")].map((th) => th.textContent)).toEqual(["编号", "事由"]);
    expect(document.querySelector("[data-testid=thing-list] col")?.getAttribute("style")).toContain("width: 150px");
    expect(byTestId("thing-row-BG-2")!.classList.contains("is-highlighted")).toBe(true);
    expect(byTestId("thing-row-BG-1")!.classList.contains("is-highlighted")).toBe(false);
    byTestId("thing-row-BG-1")!.click();
    byTestId("thing-row-BG-2")!.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(wrapper.emitted("open")).toEqual([[ROWS[0]], [ROWS[1]]]);
  });

  it("says what to do first, or that the filters found nothing, or Rust's message", async () => {
    const wrapper = mountHere(RecordListTable as Component, { props: { ...base, rows: [], rowTestid: () => "" }, slots });
    await settle();
    expect(byTestId("thing-list")).toBeNull();
    expect(byTestId("things-empty")?.textContent?.trim()).toBe("先登记一条。");
    await wrapper.setProps({ filtered: true });
    expect(byTestId("things-empty")?.textContent?.trim()).toBe("没有符合条件的东西。可以清除筛选条件再看。");
    await wrapper.setProps({ error: "数据文件无法读取。" });
    expect(byTestId("things-empty")).toBeNull();
    expect(byTestId("things-error")?.textContent).toContain("无法读取东西：数据文件无法读取。");
  });
});

describe("FaultLevelField", () => {
  function mountField(props: Record<string, unknown>) {
    const level = ref("");
    const Harness = defineComponent({
      setup() {
        return () =>
          h(FaultLevelField, {
            levels: LEVELS,
            levelsError: null,
            testid: "levels",
            ...props,
            modelValue: level.value,
            "onUpdate:modelValue": (v: string) => (level.value = v),
          });
      },
    });
    const wrapper = mountHere(Harness);
    return { wrapper, level };
  }

  it("登记故障: every level with its name, targets and description; choosing one sets the level", async () => {
    const { wrapper, level } = mountField({ described: true, error: "请选择故障级别。" });
    await settle();
    for (const l of LEVELS) {
      const text = byTestId(`levels-${l.code}`)!.textContent!;
      expect(text).toContain(l.name);
      expect(text).toContain(l.targets);
      expect(text).toContain(l.description);
    }
    expect(byTestId("error-level")?.textContent).toBe("请选择故障级别。");
    byTestId("levels-normal")!.querySelector("input")!.click();
    await settle();
    expect(level.value).toBe("normal");
    expect(wrapper.findComponent(FaultLevelField).emitted("change")).toHaveLength(1);
  });

  it("转为故障: the levels listed without descriptions; a failed read of the levels is said", async () => {
    mountField({ levelsError: { kind: "io", message: "读不到合同。", fields: [] } });
    await settle();
    expect(byTestId("levels-urgent")!.textContent).toContain(LEVELS[0]!.targets);
    expect(byTestId("levels-urgent")!.textContent).not.toContain(LEVELS[0]!.description);
    expect(document.body.textContent).toContain("无法读取故障级别：读不到合同。");
  });
});

it("blankFault leaves channel and level to be chosen", () => {
  expect(blankFault({ system: "公文" })).toMatchObject({ channel: null, level: "", system: "公文", title: "" });
});
