// 投诉 and what it feeds: the complaint form (what it sends, Rust's field message next to its field),
// the 今日 card of complaints and cards (counts, a 红牌 in red, hidden when the contract issues none),
// the notice banner leading to a complaint, and 报表导出's period panel (年度考核: the band only in the
// period's last month, each month's contribution).
import { mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CardSummary } from "../src/bindings/CardSummary";
import type { ComplaintView } from "../src/bindings/ComplaintView";
import type { IpcError } from "../src/bindings/IpcError";
import type { PeriodAssessment } from "../src/bindings/PeriodAssessment";
import ComplaintFormDialog from "../src/components/complaints/ComplaintFormDialog.vue";
import { elementPlus } from "../src/element";
import { useAppStore } from "../src/stores/app";
import { COMPLAINT_INPUT_KEYS } from "../src/utils/complaints";
import { assessment, exportHandlers } from "./export-fixtures";
import { faultRow, notice } from "./fault-fixtures";
import { SETTINGS } from "./fixtures";
import { atChinaTime, byTestId, inputOf, type Handler, mockIpc, mountApp, settle, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

function complaint(over: Partial<ComplaintView> = {}): ComplaintView {
  return {
    id: 3,
    code: "TS-20261123-01",
    receivedAt: "2026-11-23T10:00:00+08:00",
    complainant: "李科长",
    complainantUnit: "财务处",
    byLeader: false,
    subject: "公文系统登录慢",
    details: "上午多次登录超时。",
    engineerId: 1,
    engineerName: "王工",
    counted: true,
    notCountedReason: "",
    rectification: "",
    reportSubmittedAt: null,
    result: "",
    profileId: "four-level",
    profileVersion: 2,
    reportDeadline: { target: "2个工作日（5×8）", dueAt: "2026-11-25T10:00:00+08:00", status: "running", remainingSeconds: 100_000, text: "剩余 1天3小时" },
    reportNote: null,
    links: [{ kind: "fault", id: 9, isSource: false, createdAt: "2026-11-23T02:00:00Z" }],
    createdAt: "2026-11-23T02:00:00Z",
    updatedAt: "2026-11-23T02:00:00Z",
    ...over,
  };
}

describe("complaint form", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");
  const mounted: { unmount(): void }[] = [];
  beforeEach(() => {
    setActivePinia(createPinia());
    useAppStore().settings = SETTINGS;
  });
  afterEach(() => {
    for (const w of mounted.splice(0)) w.unmount();
  });

  function open(props: Record<string, unknown> = {}) {
    const wrapper = mount(ComplaintFormDialog, { attachTo: document.body, props, global: { plugins: [elementPlus] } });
    mounted.push(wrapper);
    return wrapper;
  }

  it("sends what was entered, and shows Rust's message next to 不计入原因 only", async () => {
    const refused: IpcError = { kind: "validation", message: "请填写不计入考核的原因。", fields: [{ field: "notCountedReason", message: "请填写不计入考核的原因。" }] };
    const calls = mockIpc({
      fault_queue: () => [faultRow({ id: 9, code: "GZ-20261123-01", title: "公文系统无法登录" })],
      create_complaint: () => {
        throw refused;
      },
    });
    const wrapper = open();
    await settle();
    expect(calls.some((c) => c.cmd === "fault_queue")).toBe(true);

    await typeInto("complaint-complainant", "李科长");
    await typeInto("complaint-unit", "财务处");
    await typeInto("complaint-subject", "公文系统登录慢");
    await typeInto("complaint-details", "上午多次登录超时。");
    document.querySelector<HTMLInputElement>("[data-testid=complaint-by-leader] input")!.click();
    await settle();
    // 计入考核 off: the reason field appears.
    expect(byTestId("complaint-not-counted-reason")).toBeNull();
    document.querySelector<HTMLElement>("[data-testid=complaint-counted]")!.click();
    await settle();
    expect(byTestId("complaint-not-counted-reason")).not.toBeNull();

    byTestId("complaint-submit")!.click();
    await settle();
    const sent = calls.find((c) => c.cmd === "create_complaint")!.args.input as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual([...COMPLAINT_INPUT_KEYS].sort());
    expect(sent).toMatchObject({
      complainant: "李科长",
      complainantUnit: "财务处",
      byLeader: true,
      subject: "公文系统登录慢",
      details: "上午多次登录超时。",
      engineerId: null,
      counted: false,
      notCountedReason: "",
      reportSubmittedAt: "",
      linked: [],
    });
    expect(sent.receivedAt).toMatch(/^2026-11-23T14:05/);
    expect(byTestId("error-notCountedReason")?.textContent).toBe("请填写不计入考核的原因。");
    // A lone field's message stays next to the field.
    expect(byTestId("complaint-form-error")).toBeNull();
    expect(wrapper.emitted("saved")).toBeUndefined();

    // Typing the reason clears the message; Rust now stores it.
    await typeInto("complaint-not-counted-reason", "经核实非驻场方原因");
    expect(byTestId("error-notCountedReason")).toBeNull();
  });

  it("edits a complaint: pre-filled, its fault link kept, saved with update_complaint", async () => {
    const calls = mockIpc({
      fault_queue: () => [faultRow({ id: 9, code: "GZ-20261123-01", title: "公文系统无法登录" })],
      update_complaint: (args) => complaint({ ...(args.input as object), reportSubmittedAt: null }),
    });
    const wrapper = open({ record: complaint() });
    await settle();
    expect(inputOf("complaint-complainant").value).toBe("李科长");
    await typeInto("complaint-rectification", "已优化登录服务配置。");
    byTestId("complaint-submit")!.click();
    await settle();
    const call = calls.find((c) => c.cmd === "update_complaint")!;
    expect(call.args.id).toBe(3);
    expect(call.args.input).toMatchObject({ engineerId: 1, counted: true, rectification: "已优化登录服务配置。", linked: [{ kind: "fault", id: 9 }] });
    expect(wrapper.emitted("saved")).toHaveLength(1);
  });
});

function cards(over: Partial<CardSummary> = {}): CardSummary {
  const yellow = (n: number) => ({
    kind: "yellow" as const,
    issuedAt: `2026-11-0${n}T10:00:00+08:00`,
    reason: `第 ${n} 次投诉：事项${n}`,
    record: { kind: "complaint" as const, id: n },
    code: `TS-2026110${n}-01`,
  });
  return {
    applies: true,
    description: "每次投诉出示黄牌；累计超过 3 次或领导投诉出示红牌。",
    from: "2026-01-01",
    to: "2026-12-31",
    complaints: 4,
    yellow: 4,
    red: 1,
    termination: false,
    cards: [
      yellow(1),
      yellow(2),
      yellow(3),
      yellow(4),
      { kind: "red", issuedAt: "2026-11-04T10:00:00+08:00", reason: "第 4 次投诉（累计超过 3 次）：事项4", record: { kind: "complaint", id: 4 }, code: "TS-20261104-01" },
    ],
    ...over,
  };
}

describe("今日 → 投诉与黄牌、红牌", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  async function open(extra: Record<string, Handler> = {}) {
    mockIpc(exportHandlers({ get_complaint: () => complaint({ id: 4 }), ...extra }));
    return mountApp("/today");
  }

  it("counts complaints and cards, shows the 红牌 first and in red, and opens its complaint", async () => {
    const { router } = await open({ contract_cards: () => cards() });
    const card = byTestId("today-card-cards")!;
    expect(card.classList).toContain("is-severe");
    expect(byTestId("today-cards-complaints")?.textContent).toBe("4 次投诉");
    expect(byTestId("today-cards-yellow")?.textContent).toBe("4 张黄牌");
    expect(byTestId("today-cards-red")?.textContent).toBe("1 张红牌");
    const red = byTestId("today-card-red-0")!;
    expect(red.textContent).toContain("红牌");
    expect(red.textContent).toContain("TS-20261104-01");
    expect(red.textContent).toContain("第 4 次投诉（累计超过 3 次）：事项4");
    expect(red.querySelector(".cards__badge--red")).not.toBeNull();
    // The latest five, newest first.
    expect(card.querySelectorAll(".cards__list > li")).toHaveLength(5);
    expect(byTestId("today-card-yellow-4")?.textContent).toContain("TS-20261101-01");

    red.querySelector<HTMLElement>(".cards__code")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/complaints/4");
  });

  it("is hidden while the contract issues no cards and nobody complained", async () => {
    await open();
    expect(byTestId("today-page")).not.toBeNull();
    expect(byTestId("today-card-cards")).toBeNull();
  });

  it("shows the complaints count even when the contract issues no cards", async () => {
    await open({ contract_cards: () => cards({ applies: false, description: "", complaints: 2, yellow: 0, red: 0, cards: [] }) });
    expect(byTestId("today-cards-complaints")?.textContent).toBe("2 次投诉");
    expect(byTestId("today-cards-red")).toBeNull();
    expect(byTestId("today-card-cards")!.classList).not.toContain("is-severe");
  });

  it("the notice banner leads a complaint's reminder to its page", async () => {
    const n = notice(5, { subjectKind: "complaint", subjectId: 4, target: "report", title: "投诉 TS-20261104-01 整改报告即将到期", body: "应于 11月25日 10:00 前提交。" });
    const { router } = await open({ active_notices: () => [n] });
    byTestId("notice-view-5")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/complaints/4");
  });
});

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

function period(through: string, bandApplies: boolean): PeriodAssessment {
  const sheet = assessment({
    month: through.slice(0, 7),
    score: 99,
    bandApplies,
    bandText: bandApplies ? "99 分：90 分及以上，支付 100%" : "年度评定：付款档次在 2026年12月 按全年得分确定。",
  });
  sheet.items = sheet.items.map((i) =>
    i.code === "satisfaction"
      ? { ...i, score: 9, lines: [{ name: "投诉", count: 1, pointsEach: 1, points: 1, evidence: ["11月20日 TS-20261120-01 财务处：公文系统登录慢"], manual: false }] }
      : i.code === "slaTime"
        ? { ...i, score: 10, lines: [] }
        : i,
  );
  const reachedUpTo = Number(through.slice(5, 7));
  return {
    period: { unit: "year", unitLabel: "年度", index: 1, start: "2026-01-01", end: "2026-12-31", label: "2026年度", months: MONTHS },
    through,
    assessment: sheet,
    months: MONTHS.map((month, i) => ({
      month,
      reached: i + 1 <= reachedUpTo,
      points: month === "2026-11" ? 1 : 0,
      items: sheet.items.map((it) => ({ code: it.code, points: month === "2026-11" && it.code === "satisfaction" ? 1 : 0 })),
      scoreThrough: i + 1 > reachedUpTo ? null : month >= "2026-11" ? 99 : 100,
    })),
    payment: { advancePercent: 50, description: "预付 50%，年度考核后支付尾款。", text: "预付 50%；按目前 99 分应付合同款 100%，尾款 50%。" },
  };
}

describe("报表导出 → 年度考核得分", () => {
  atChinaTime("2026-12-03T10:00:00+08:00");

  async function open(month: string, read: (month: string) => PeriodAssessment | null) {
    const calls = mockIpc(exportHandlers({ period_assessment: (args) => read(args.month as string) }));
    await mountApp(`/export?month=${month}`);
    return calls;
  }

  it("before the year's last month: the running score without a band, and each month's contribution", async () => {
    const calls = await open("2026-11", () => period("2026-11-30", false));
    expect(calls.filter((c) => c.cmd === "period_assessment").map((c) => c.args)).toEqual([{ month: "2026-11" }]);
    const panel = byTestId("period-panel")!;
    expect(byTestId("period-label")?.textContent).toContain("2026年度");
    expect(byTestId("period-label")?.textContent).toContain("2026年11月30日");
    expect(byTestId("period-total")?.textContent).toContain("99");
    expect(byTestId("period-band")).toBeNull();
    expect(byTestId("period-band-later")?.textContent).toContain("年度评定");
    expect(panel.querySelector(".is-passed, .is-failed")).toBeNull();
    expect(byTestId("period-row-satisfaction")?.querySelector("[data-role=score]")?.textContent).toBe("9");
    expect(byTestId("period-line-satisfaction-0")?.textContent).toContain("11月20日 TS-20261120-01");
    // Twelve months; December not reached yet and greyed.
    expect(byTestId("period-months")!.querySelectorAll("thead th[data-reached]")).toHaveLength(12);
    expect(byTestId("period-month-2026-11")?.dataset.reached).toBe("true");
    expect(byTestId("period-month-2026-12")?.classList).toContain("is-unreached");
    expect(byTestId("period-month-total-2026-11")?.textContent?.trim()).toBe("−1");
    expect(byTestId("period-month-total-2026-12")?.textContent?.trim()).toBe("—");
    expect(byTestId("period-payment")?.textContent).toContain("按目前 99 分应付合同款 100%");
  });

  it("in the year's last month: the pay band", async () => {
    await open("2026-12", () => period("2026-12-31", true));
    expect(byTestId("period-band")?.textContent).toBe("99 分：90 分及以上，支付 100%");
    expect(byTestId("period-band")?.classList).toContain("is-passed");
    expect(byTestId("period-band-later")).toBeNull();
  });

  it("is absent for a monthly contract or one without a sheet", async () => {
    await open("2026-11", () => null);
    expect(byTestId("export-page")).not.toBeNull();
    expect(byTestId("period-panel")).toBeNull();
  });
});

describe("投诉 list and page", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  it("lists complaints with their report deadline, filters by month, and opens one with its history", async () => {
    const calls = mockIpc(
      exportHandlers({
        list_complaints: () => [complaint(), complaint({ id: 2, code: "TS-20261120-01", counted: false, notCountedReason: "经核实不属实", reportDeadline: { target: "2个工作日（5×8）", dueAt: "2026-11-22T10:00:00+08:00", status: "breached", remainingSeconds: -3600, text: "已超时 1小时" } })],
        get_complaint: () => complaint(),
        record_history: () => [],
      }),
    );
    const { router } = await mountApp("/complaints");
    expect(byTestId("nav-complaints")).not.toBeNull();
    const row = byTestId("complaint-row-TS-20261123-01")!;
    expect(row.textContent).toContain("待提交");
    expect(row.textContent).toContain("剩余 1天3小时");
    const late = byTestId("complaint-row-TS-20261120-01")!;
    expect(late.textContent).toContain("已超时未提交");
    expect(late.textContent).toContain("不计入");
    expect(late.querySelector("[data-testid=complaint-report-state]")?.getAttribute("data-tone")).toBe("danger");
    expect(calls.find((c) => c.cmd === "list_complaints")?.args).toEqual({ filter: { month: null, text: null } });

    row.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/complaints/3");
    expect(byTestId("complaint-code")?.textContent).toBe("TS-20261123-01");
    expect(byTestId("complaint-report")?.textContent).toContain("应于");
    expect(byTestId("record-history")?.getAttribute("data-kind")).toBe("complaint");
  });
});
