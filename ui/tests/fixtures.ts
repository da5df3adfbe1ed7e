// Test data shaped like the Rust answers (bindings in src/bindings).
import type { AppStatus } from "../src/bindings/AppStatus";
import type { ProfileSummary } from "../src/bindings/ProfileSummary";
import type { ProjectSettings } from "../src/bindings/ProjectSettings";

export const DATA_DIR = "/home/test/.local/share/dutydesk-test";

export function status(state: AppStatus["state"], extra: Partial<AppStatus> = {}): AppStatus {
  return { state, message: null, dataDir: DATA_DIR, schemaVersion: 1, backups: [], ...extra };
}

export const PROFILES: ProfileSummary[] = [
  { id: "three-level", name: "三级分类", description: "紧急、一般、轻微三级。", levels: ["紧急", "一般", "轻微"] },
  { id: "four-level", name: "四级分类", description: "一级至四级。", levels: ["一级", "二级", "三级", "四级"] },
];

export const SETTINGS: ProjectSettings = {
  projectName: "协同办公平台运维服务项目",
  clientName: "测试市人民政府办公室",
  vendorName: "测试信息技术有限公司",
  contractStart: "2026-01-01",
  contractEnd: "2026-12-31",
  profileId: "three-level",
  engineers: [
    { id: 1, name: "王工", phone: "13812345678", role: "项目经理" },
    { id: 2, name: "赵工", phone: "01087654321", role: "驻场工程师" },
  ],
  updatedAt: "2026-11-20T09:30:00+08:00",
};
