// 报表导出 → 团队归档: exporting a range through the save dialog, importing a file with the report of
// what changed (new numbers listed), Rust's refusal shown as it is, and deciding a conflict.
import { describe, expect, it, vi } from "vitest";
import { ElMessageBox, type MessageBoxData } from "element-plus";
import type { ConflictInfo } from "../src/bindings/ConflictInfo";
import type { ImportReport } from "../src/bindings/ImportReport";
import { archiveOverview, archivePreview, exportHandlers } from "./export-fixtures";
import { atChinaTime, byTestId, type Handler, mockIpc, mountApp, settle, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const CONFIRMED = "confirm" as unknown as MessageBoxData;

const CONFLICT: ConflictInfo = {
  id: 4,
  table: "faq_entries",
  label: "常见问题",
  kind: "faq",
  rowId: 9,
  title: "12 待办不刷新",
  exportedBy: "李工",
  detectedAt: "2026-12-03T01:00:00Z",
  fields: [
    { field: "solution", label: "解决方案", ours: "清理浏览器缓存后重新登录", theirs: "升级客户端到 3.2 版" },
    { field: "remark", label: "备注", ours: "仅 IE 模式", theirs: null },
  ],
  resolution: null,
  resolvedAt: null,
  resolvedBy: null,
  canTakeTheirs: true,
};

const REPORT: ImportReport = {
  exportedBy: "李工",
  from: "2026-11-01",
  to: "2026-11-30",
  added: 35,
  updated: 2,
  unchanged: 4,
  conflicts: 1,
  engineersAdded: ["赵工"],
  renumbered: ["故障 GZ-20261110-01 → GZ-20261110-02"],
  files: 3,
  events: 80,
  nothingNew: false,
};

async function open(extra: Record<string, Handler> = {}) {
  const calls = mockIpc(exportHandlers(extra));
  await mountApp("/export");
  return calls;
}

const text = (id: string) => byTestId(id)?.textContent ?? "";

describe("报表导出 → 团队归档", () => {
  atChinaTime("2026-12-03T10:00:00+08:00");

  it("exports the shown month through the save dialog and says what it wrote", async () => {
    const calls = await open({
      pick_archive_save_path: () => "/home/wang/王工_2026-11.ddarchive",
      export_archive: (a) => ({
        path: a.path,
        from: a.from,
        to: a.to,
        records: 42,
        files: 3,
        bytes: 2048,
        counts: [],
      }),
    });
    byTestId("team-archive-export-button")!.click();
    await settle();
    const pick = calls.find((c) => c.cmd === "pick_archive_save_path")!;
    expect(pick.args).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(calls.find((c) => c.cmd === "export_archive")!.args).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      path: "/home/wang/王工_2026-11.ddarchive",
    });
    expect(text("team-archive-exported")).toContain("已导出 42 条记录、3 个附件");
  });

  it("a cancelled save dialog exports nothing", async () => {
    const calls = await open({ pick_archive_save_path: () => null });
    byTestId("team-archive-export-button")!.click();
    await settle();
    expect(calls.map((c) => c.cmd)).not.toContain("export_archive");
  });

  it("imports a typed path, reports new numbers, and reloads the self-check and the list", async () => {
    let imported = false;
    const calls = await open({
      import_archive: () => {
        imported = true;
        return REPORT;
      },
      archive_overview: () =>
        imported
          ? archiveOverview({
              conflicts: [CONFLICT],
              openConflicts: 1,
              imports: [
                {
                  id: 1,
                  fileName: "李工_2026-11.ddarchive",
                  exportedBy: "李工",
                  exportedAt: "2026-12-02T09:00:00Z",
                  from: "2026-11-01",
                  to: "2026-11-30",
                  importedAt: "2026-12-03T01:00:00Z",
                  importedBy: "王工",
                  added: 35,
                  updated: 2,
                  conflicts: 1,
                  renumbered: 1,
                },
              ],
            })
          : archiveOverview(),
    });
    expect((byTestId("team-archive-import-button") as HTMLButtonElement).disabled).toBe(true);
    await typeInto("team-archive-path", "  /media/usb/李工_2026-11.ddarchive ");
    const readsBefore = calls.filter((c) => c.cmd === "month_overview").length;
    byTestId("team-archive-import-button")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "import_archive")!.args).toEqual({ path: "/media/usb/李工_2026-11.ddarchive" });
    expect(text("team-archive-report")).toContain("新增 35 条，更新 2 条");
    expect(text("team-archive-report")).toContain("冲突 1 条");
    expect(text("team-archive-report")).toContain("新加入驻场团队：赵工");
    expect(text("team-archive-renumbered")).toContain("故障 GZ-20261110-01 → GZ-20261110-02");
    expect(calls.filter((c) => c.cmd === "month_overview").length).toBe(readsBefore + 1);
    expect(text("team-archive-open-count")).toContain("1 条冲突待处理");
    expect(text("team-archive-conflict-4")).toContain("清理浏览器缓存后重新登录");
    expect(text("team-archive-conflict-4")).toContain("升级客户端到 3.2 版");
    expect(text("team-archive-conflict-4")).toContain("（空）");
  });

  it("a conflict's record opens on its own page", async () => {
    const { router } = await (async () => {
      const calls = mockIpc(
        exportHandlers({ archive_overview: () => archiveOverview({ conflicts: [CONFLICT], openConflicts: 1 }) }),
      );
      const mounted = await mountApp("/export");
      return { calls, ...mounted };
    })();
    byTestId("team-archive-open-4")!.click();
    await settle();
    expect(router.currentRoute.value.fullPath).toBe("/knowledge?id=9");
  });

  it("shows what a chosen archive holds before importing, and asks first when it names another project", async () => {
    const calls = await open({
      pick_archive_file: () => "/media/usb/李工_2026-11.ddarchive",
      preview_archive: () => archivePreview({ otherProject: true, projectName: "另一个项目" }),
      import_archive: () => REPORT,
    });
    byTestId("team-archive-pick")!.click();
    await settle();
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    expect(calls.find((c) => c.cmd === "preview_archive")!.args).toEqual({ path: "/media/usb/李工_2026-11.ddarchive" });
    expect(text("team-archive-preview")).toContain("李工 于 2026年12月2日");
    expect(text("team-archive-preview")).toContain("故障 12 条、工作日志 20 条；附件 3 个");
    expect(text("team-archive-other-project")).toContain("另一个项目");

    const confirm = vi.spyOn(ElMessageBox, "confirm").mockRejectedValueOnce("cancel");
    byTestId("team-archive-import-button")!.click();
    await settle();
    expect(String(confirm.mock.calls[0]![0])).toContain("与本机的项目名称不同");
    expect(calls.map((c) => c.cmd)).not.toContain("import_archive");
    confirm.mockResolvedValueOnce(CONFIRMED);
    byTestId("team-archive-import-button")!.click();
    await settle();
    expect(calls.map((c) => c.cmd)).toContain("import_archive");
    expect(byTestId("team-archive-preview")).toBeNull();
  });

  it("says before importing that a profile version would come in and not be adopted", async () => {
    const said = "合同服务级别“三级故障响应”第 2 版比本项目正在使用的第 1 版新：导入后只用于核对归档中的记录，不会自动启用，新登记的故障仍按第 1 版计算。";
    await open({ preview_archive: () => archivePreview({ definitionChanges: [said] }) });
    await typeInto("team-archive-path", "/media/usb/李工_2026-11.ddarchive");
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    expect(text("team-archive-definition-changes")).toContain("不会自动启用");
    expect(text("team-archive-definition-changes")).toContain("第 2 版");
  });

  it("shows no definition notice for an archive that changes none", async () => {
    await open({ preview_archive: () => archivePreview() });
    await typeInto("team-archive-path", "/media/usb/李工_2026-11.ddarchive");
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    expect(text("team-archive-preview")).toContain("附件 3 个");
    expect(byTestId("team-archive-definition-changes")).toBeNull();
  });

  it("a damaged file is refused as soon as it is chosen", async () => {
    await open({
      preview_archive: () => {
        throw { kind: "validation", message: "“/media/usb/坏.ddarchive”不是完整的驻场运维台归档", fields: [] };
      },
    });
    await typeInto("team-archive-path", "/media/usb/坏.ddarchive");
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    expect(text("team-archive-import-error")).toContain("不是完整的驻场运维台归档");
  });

  it("says so when the archive brings nothing new", async () => {
    await open({ import_archive: () => ({ ...REPORT, added: 0, updated: 0, conflicts: 0, nothingNew: true }) });
    await typeInto("team-archive-path", "/media/usb/a.ddarchive");
    byTestId("team-archive-import-button")!.click();
    await settle();
    expect(text("team-archive-report")).toContain("没有新内容，本机数据未改动");
  });

  it("shows Rust's refusal of a damaged archive as it is", async () => {
    await open({
      import_archive: () => {
        throw {
          kind: "validation",
          message: "归档内容与其校验值不符（data.json），可能在导出后被改动过，已拒绝导入，本机数据没有任何改动。",
          fields: [{ field: "archive", message: "…" }],
        };
      },
    });
    await typeInto("team-archive-path", "/media/usb/bad.ddarchive");
    byTestId("team-archive-import-button")!.click();
    await settle();
    expect(text("team-archive-import-error")).toContain("校验值不符");
    expect(byTestId("team-archive-report")).toBeNull();
  });

  it("takes the other version after a confirmation; a cancelled one decides nothing", async () => {
    const calls = await open({
      archive_overview: () => archiveOverview({ conflicts: [CONFLICT], openConflicts: 1 }),
      resolve_archive_conflict: () =>
        archiveOverview({ conflicts: [{ ...CONFLICT, resolution: "theirs", resolvedAt: "2026-12-03T02:00:00Z", resolvedBy: "王工" }] }),
    });
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockRejectedValueOnce("cancel");
    byTestId("team-archive-take-theirs")!.click();
    await settle();
    expect(calls.map((c) => c.cmd)).not.toContain("resolve_archive_conflict");

    confirm.mockResolvedValueOnce(CONFIRMED);
    byTestId("team-archive-take-theirs")!.click();
    await settle();
    expect(String(confirm.mock.calls[1]![0])).toContain("用李工的版本覆盖本机的常见问题");
    expect(calls.find((c) => c.cmd === "resolve_archive_conflict")!.args).toEqual({ id: 4, keep: "theirs" });
    expect(byTestId("team-archive-conflicts")).toBeNull();
  });
});
