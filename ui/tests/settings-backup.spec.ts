// 设置 → 备份与恢复 and the reusable 修改记录 component, over a mocked IPC.
import { describe, expect, it, vi } from "vitest";
import { mount } from "@vue/test-utils";
import { ElMessageBox, type MessageBoxData } from "element-plus";
import { elementPlus } from "../src/element";
import RecordHistory from "../src/components/RecordHistory.vue";
import type { BackupInfo } from "../src/bindings/BackupInfo";
import type { BackupOverview } from "../src/bindings/BackupOverview";
import type { HistoryEntry } from "../src/bindings/HistoryEntry";
import type { RestoreTest } from "../src/bindings/RestoreTest";
import { atChinaTime, byTestId, inputOf, mockIpc, mountApp, settle, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const CONFIRMED = "confirm" as unknown as MessageBoxData;

function backup(fileName: string, createdAt: string, extra: Partial<BackupInfo> = {}): BackupInfo {
  return { fileName, createdAt, sizeBytes: 409_600, kind: "auto", check: "ok", schemaVersion: 6, attachments: 2, warnings: [], ...extra };
}

function overview(extra: Partial<BackupOverview> = {}): BackupOverview {
  return {
    backups: [
      backup("auto-20261123-010000.sqlite3", "2026-11-23T01:00:00Z"),
      backup("old.sqlite3", "2026-11-01T01:00:00Z", { kind: "other", check: null, attachments: null }),
    ],
    backupDir: "/data/backups",
    extraDir: null,
    extraStatus: null,
    restoreTests: [],
    ...extra,
  };
}

const PASSED: RestoreTest = {
  id: 1,
  testedAt: "2026-11-23T06:10:00Z",
  backupFile: "auto-20261123-010000.sqlite3",
  backupCreatedAt: "2026-11-23T01:00:00Z",
  schemaVersion: 6,
  passed: true,
  integrity: "ok",
  records: 120,
  attachmentsFound: 2,
  attachmentsMissing: 0,
  auditOk: true,
  detail: "在副本上打开备份 auto-20261123-010000.sqlite3：完整性检查通过，记录 120 条，附件 2 个，审计痕迹完整。恢复测试通过。",
  durationMs: 320,
  tester: "王工",
};

describe("设置 → 备份与恢复", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  async function open(extra: Record<string, Handler> = {}) {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      backup_overview: () => overview(),
      ...extra,
    });
    const mounted = await mountApp("/settings?tab=backup");
    return { ...mounted, calls };
  }

  it("lists the copies with time, size and check result", async () => {
    await open();
    expect(byTestId("backup-time-0")!.textContent).toBe("2026年11月23日 星期一 09:00");
    expect(byTestId("backup-check-0")!.textContent!.trim()).toBe("通过");
    expect(byTestId("backup-check-1")!.textContent!.trim()).toBe("未记录");
    expect(byTestId("backup-table")!.textContent).toContain("400.0 KB");
    expect(byTestId("backup-extra-warning")!.textContent).toContain("不要把数据目录放到网络盘上");
    expect(byTestId("restore-test-empty")).not.toBeNull();
  });

  it("a copy that left attachments out says how many, with Rust's reasons", async () => {
    const why = "已跳过一个附件：存放位置“attachments/../../secret.txt”含有“..”或空的路径段，可能指向数据目录以外";
    await open({
      backup_overview: () =>
        overview({ backups: [backup("auto-20261123-010000.sqlite3", "2026-11-23T01:00:00Z", { warnings: [why] })] }),
    });
    expect(byTestId("backup-warnings-0")!.textContent!.trim()).toBe("跳过 1");
    expect(byTestId("backup-warnings-1")).toBeNull();
  });

  it("立即备份 shows the new copy", async () => {
    const { calls } = await open({
      backup_now: () =>
        overview({ backups: [backup("manual-20261123-140530.sqlite3", "2026-11-23T06:05:30Z", { kind: "manual" }), ...overview().backups] }),
    });
    byTestId("backup-now")!.click();
    await settle();
    expect(calls.map((c) => c.cmd)).toContain("backup_now");
    expect(byTestId("backup-table")!.textContent).toContain("手动");
  });

  it("restores after a confirmation and reads status and settings again", async () => {
    const { calls } = await open({ restore_from_backup: () => status("ready") });
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue(CONFIRMED);
    const before = calls.filter((c) => c.cmd === "app_status").length;
    byTestId("backup-restore-0")!.click();
    await settle();
    expect(confirm).toHaveBeenCalledOnce();
    expect(String(confirm.mock.calls[0]![0])).toContain("改名保留");
    expect(calls.find((c) => c.cmd === "restore_from_backup")?.args).toEqual({ fileName: "auto-20261123-010000.sqlite3" });
    expect(calls.filter((c) => c.cmd === "app_status").length).toBe(before + 1);
  });

  it("a cancelled confirmation restores nothing", async () => {
    const { calls } = await open();
    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    byTestId("backup-restore-0")!.click();
    await settle();
    expect(calls.map((c) => c.cmd)).not.toContain("restore_from_backup");
  });

  it("a refused restore shows Rust's message", async () => {
    await open({
      restore_from_backup: () => {
        throw { kind: "tooNew", message: "数据库由更新版本的驻场运维台创建", fields: [] };
      },
    });
    vi.spyOn(ElMessageBox, "confirm").mockResolvedValue(CONFIRMED);
    byTestId("backup-restore-0")!.click();
    await settle();
    expect(byTestId("backup-error")!.textContent).toContain("更新版本");
  });

  it("the second folder shows its field error, then its status once set", async () => {
    let n = 0;
    const { calls } = await open({
      set_backup_dir: (args) => {
        n += 1;
        if (n === 1) throw { kind: "validation", message: "x", fields: [{ field: "extraDir", message: "“备份”不是完整的文件夹路径" }] };
        return overview({
          extraDir: args.dir as string,
          extraStatus: { at: "2026-11-23T06:06:00Z", ok: true, message: "已复制 auto-20261123-010000.sqlite3 到第二备份目录。" },
        });
      },
    });
    const input = inputOf("backup-extra-dir");
    input.value = "备份";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    byTestId("backup-extra-save")!.click();
    await settle();
    expect(byTestId("backup-extra-dir-error")!.textContent).toContain("不是完整的文件夹路径");
    input.value = "/media/usb/备份";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    byTestId("backup-extra-save")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "set_backup_dir").at(-1)?.args).toEqual({ dir: "/media/usb/备份" });
    expect(byTestId("backup-extra-dir-error")).toBeNull();
    expect(byTestId("backup-extra-status")!.textContent).toContain("已复制");
  });

  it("a restore test is run on the newest copy and listed", async () => {
    let tested = false;
    const { calls } = await open({
      backup_overview: () => overview({ restoreTests: tested ? [PASSED] : [] }),
      run_restore_test: () => {
        tested = true;
        return PASSED;
      },
    });
    byTestId("backup-restore-test")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "run_restore_test")?.args).toEqual({ fileName: null });
    expect(byTestId("restore-test-result-0")!.textContent!.trim()).toBe("通过");
    expect(byTestId("restore-test-detail-0")!.textContent).toContain("审计痕迹完整");
  });
});

describe("修改记录 (RecordHistory)", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  const HISTORY: HistoryEntry[] = [
    {
      eventId: 10,
      at: "2026-11-23T02:00:00.000Z",
      author: "王工",
      table: "faults",
      part: "故障",
      rowId: 3,
      action: "insert",
      changes: [
        { field: "title", label: "故障标题", old: null, new: "签章服务不可用", oldShown: null, newShown: "签章服务不可用" },
        { field: "channel", label: "报告渠道", old: null, new: "phone", oldShown: null, newShown: "电话" },
      ],
      origin: null,
    },
    {
      eventId: 12,
      at: "2026-11-23T03:00:00.000Z",
      author: null,
      table: "faults",
      part: "故障",
      rowId: 3,
      action: "update",
      changes: [{ field: "title", label: "故障标题", old: "签章服务不可用", new: "改过的标题", oldShown: "签章服务不可用", newShown: "改过的标题" }],
      origin: null,
    },
  ];

  it("shows who changed which field when, and marks a change made outside the app", async () => {
    const calls = mockIpc({ record_history: () => HISTORY });
    mount(RecordHistory, { props: { kind: "fault", id: 3 }, attachTo: document.body, global: { plugins: [elementPlus] } });
    await settle();
    expect(calls[0]).toEqual({ cmd: "record_history", args: { kind: "fault", id: 3 } });
    const first = byTestId("record-history-entry-0")!.textContent!;
    expect(first).toContain("2026年11月23日 星期一 10:00");
    expect(first).toContain("王工");
    expect(first).toContain("新增故障");
    expect(first).toContain("签章服务不可用");
    const second = byTestId("record-history-entry-1")!.textContent!;
    expect(second).toContain("修改故障");
    expect(second).toContain("改过的标题");
    expect(byTestId("record-history-outside")!.textContent).toContain("程序之外的改动");
    expect(byTestId("record-history-origin")).toBeNull();
  });

  it("shows values as Rust words them, not the stored codes and ids", async () => {
    const entries: HistoryEntry[] = [
      {
        eventId: 20,
        at: "2026-11-23T06:00:00.000Z",
        author: "王工",
        table: "faults",
        part: "故障",
        rowId: 3,
        action: "update",
        changes: [
          { field: "state", label: "状态", old: "new", new: "inProgress", oldShown: "新建", newShown: "处理中" },
          { field: "confirmed_at", label: "确认时间", old: null, new: "2026-11-23T01:50:32.123456789+00:00", oldShown: null, newShown: "2026-11-23 09:50:32" },
        ],
        origin: null,
      },
      {
        eventId: 21,
        at: "2026-11-23T06:01:00.000Z",
        author: "王工",
        table: "fault_events",
        part: "故障处理步骤",
        rowId: 8,
        action: "delete",
        changes: [{ field: "fault_id", label: "关联故障", old: "3", new: null, oldShown: "GZ-20261123-01", newShown: null }],
        origin: null,
      },
    ];
    mockIpc({ record_history: () => entries });
    mount(RecordHistory, { props: { kind: "fault", id: 3 }, attachTo: document.body, global: { plugins: [elementPlus] } });
    await settle();
    const update = byTestId("record-history-entry-0")!;
    const cells = [...update.querySelectorAll("tr")].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    expect(cells).toEqual([
      ["状态", "新建", "→", "处理中"],
      ["确认时间", "（空）", "→", "2026-11-23 09:50:32"],
    ]);
    const removed = byTestId("record-history-entry-1")!.textContent!;
    expect(removed).toContain("删除故障处理步骤");
    expect(removed).toContain("GZ-20261123-01");
    expect(document.body.textContent).not.toContain("inProgress");
  });

  it("marks the changes another workstation made, even where its event ids equal ours", async () => {
    const ours: HistoryEntry = {
      eventId: 7,
      at: "2026-11-23T06:00:00.000Z",
      author: "李工（导入王工的团队归档）",
      table: "faq_entries",
      part: "常见问题",
      rowId: 1,
      action: "insert",
      changes: [{ field: "question", label: "问题描述", old: null, new: "待办不刷新", oldShown: null, newShown: "待办不刷新" }],
      origin: null,
    };
    const theirs: HistoryEntry = {
      ...ours,
      at: "2026-11-22T01:00:00.000Z",
      author: "王工",
      rowId: 4,
      origin: "王工的工作站",
    };
    mockIpc({ record_history: () => [theirs, ours] });
    mount(RecordHistory, { props: { kind: "faq", id: 1 }, attachTo: document.body, global: { plugins: [elementPlus] } });
    await settle();
    const first = byTestId("record-history-entry-0")!;
    expect(first.textContent).toContain("2026年11月22日 星期日 09:00");
    expect(first.querySelector('[data-testid="record-history-origin"]')!.textContent).toBe("来自王工的工作站");
    const second = byTestId("record-history-entry-1")!;
    expect(second.textContent).toContain("李工（导入王工的团队归档）");
    expect(second.querySelector('[data-testid="record-history-origin"]')).toBeNull();
  });

  it("says why when the history cannot be read", async () => {
    mockIpc({
      record_history: () => {
        throw { kind: "notFound", message: "记录（fault 9）不存在，可能已被删除，请刷新后重试。", fields: [] };
      },
    });
    mount(RecordHistory, { props: { kind: "fault", id: 9 }, attachTo: document.body, global: { plugins: [elementPlus] } });
    await settle();
    expect(byTestId("record-history-error")!.textContent).toContain("不存在");
  });
});
