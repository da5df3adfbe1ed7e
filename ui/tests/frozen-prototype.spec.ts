// tauri.conf.json sets app.security.freezePrototype: the real window freezes Object.prototype
// before the bundle runs. Day.js (Element Plus' date library) must still load and work then;
// vite.config.ts aliases it to its ES module build and gives its prototype own valueOf/toString
// (see dayjsUnderFrozenPrototype). Without that, loading it throws
// "Cannot assign to read only property 'valueOf'" and the window stays blank.
import { describe, expect, it } from "vitest";

describe("under a frozen Object.prototype", () => {
  it("Day.js and the plugins Element Plus uses load and format dates", async () => {
    Object.freeze(Object.prototype);
    const { default: dayjs } = await import("dayjs");
    const plugins = await Promise.all([
      import("dayjs/plugin/customParseFormat.js"),
      import("dayjs/plugin/advancedFormat.js"),
      import("dayjs/plugin/localeData.js"),
      import("dayjs/plugin/weekOfYear.js"),
      import("dayjs/plugin/weekYear.js"),
      import("dayjs/plugin/dayOfYear.js"),
      import("dayjs/plugin/quarterOfYear.js"),
      import("dayjs/plugin/isSameOrAfter.js"),
      import("dayjs/plugin/isSameOrBefore.js"),
    ]);
    for (const plugin of plugins) dayjs.extend(plugin.default);
    const d = dayjs("2026-11-23 14:05", "YYYY-MM-DD HH:mm");
    expect(d.format("YYYY年M月D日 HH:mm")).toBe("2026年11月23日 14:05");
    expect(d.valueOf()).toBe(new Date(2026, 10, 23, 14, 5).getTime());
    expect(String(d)).toContain("2026");
    expect(d.isSameOrBefore(d.add(1, "day"))).toBe(true);
    expect(Object.isFrozen(Object.prototype)).toBe(true);
  });
});
