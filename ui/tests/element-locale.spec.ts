// Element Plus comes in per component (vite.config.ts), so its zh-CN locale is no longer given by
// app.use(ElementPlus, { locale }) but by src/element.ts and App.vue's <el-config-provider>.
// These check the texts Element Plus writes itself are still Chinese: a date picker's panel and
// a message box's default buttons (rendered outside the component tree, with the app's context).
import { mount } from "@vue/test-utils";
import { ElMessageBox } from "element-plus";
import { describe, expect, it } from "vitest";
import ChinaDateTimeInput from "../src/components/ChinaDateTimeInput.vue";
import { elementPlus } from "../src/element";
import { settle } from "./helpers";

describe("Element Plus texts in Chinese", () => {
  it("a date picker's panel names weekdays and buttons in Chinese", async () => {
    const wrapper = mount(ChinaDateTimeInput, {
      props: { modelValue: "2026-11-23T14:05:00+08:00" },
      attachTo: document.body,
      global: { plugins: [elementPlus] },
    });
    await wrapper.find("input").trigger("focus");
    await wrapper.find("input").trigger("click");
    await settle();
    const panel = document.querySelector(".el-picker-panel");
    expect(panel).not.toBeNull();
    const weekdays = [...panel!.querySelectorAll(".el-date-table th")].map((th) => th.textContent?.trim());
    expect(weekdays).toEqual(["日", "一", "二", "三", "四", "五", "六"]);
    const buttons = [...panel!.querySelectorAll(".el-picker-panel__footer button")].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(["此刻", "确定"]);
  });

  it("a message box without button texts says 确定 and 取消", async () => {
    mount({ template: "<div />" }, { attachTo: document.body, global: { plugins: [elementPlus] } });
    void ElMessageBox.confirm("正文", "标题").catch(() => {});
    await settle();
    const buttons = [...document.querySelectorAll(".el-message-box__btns button")].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(["取消", "确定"]);
    ElMessageBox.close();
  });
});
