// Countdowns: what a CountdownView shows as time passes (colour and words), the shared
// one-second ticker, and the refresh asked for at `nextChangeAt`.
import { afterEach, describe, expect, it, vi } from "vitest";
import { mount } from "@vue/test-utils";
import { elementPlus } from "../src/element";
import CountdownClock from "../src/components/faults/CountdownClock.vue";
import { clockFace, formatSlaDuration, remainingAt } from "../src/utils/countdown";
import { countdown, NOW } from "./fault-fixtures";
import { atChinaTimeWithTimers } from "./helpers";

const at = (iso: string) => Date.parse(iso);

describe("clockFace", () => {
  it("writes durations as Rust does: minutes rounded up, hours with two-digit minutes", () => {
    expect(formatSlaDuration(65 * 60)).toBe("1小时05分");
    expect(formatSlaDuration(12 * 60)).toBe("12分");
    expect(formatSlaDuration(61)).toBe("2分");
    expect(formatSlaDuration(-721)).toBe("13分");
    expect(formatSlaDuration(40 * 3600)).toBe("40小时00分");
  });

  it("is green with more than a quarter and five minutes left", () => {
    const view = countdown({ budgetSeconds: 14_400, remainingSeconds: 7_200 });
    expect(clockFace(view, at(NOW))).toMatchObject({ text: "剩余 2小时00分", tone: "ok", stale: false });
  });

  it("turns amber in the last quarter, and in the last five minutes even of a long budget", () => {
    expect(clockFace(countdown({ budgetSeconds: 14_400, remainingSeconds: 3_600 }), at(NOW)).tone).toBe("warn");
    expect(clockFace(countdown({ budgetSeconds: 14_400, remainingSeconds: 3_601 }), at(NOW)).tone).toBe("ok");
    expect(clockFace(countdown({ budgetSeconds: 100 * 3600, remainingSeconds: 300 }), at(NOW))).toMatchObject({
      text: "剩余 5分",
      tone: "warn",
    });
  });

  it("counts down from asOf while ticking and turns red, counting up, past the deadline", () => {
    const view = countdown({ budgetSeconds: 600, remainingSeconds: 270 });
    expect(remainingAt(view, at(NOW) + 60_000)).toBe(210);
    expect(clockFace(view, at(NOW) + 270_000)).toMatchObject({ text: "剩余 0分", tone: "warn" });
    expect(clockFace(view, at(NOW) + 271_000)).toMatchObject({ text: "已超时 1分", tone: "late" });
    expect(clockFace(view, at(NOW) + 270_000 + 12 * 60_000)).toMatchObject({ text: "已超时 12分", tone: "late" });
  });

  it("keeps Rust's red for a breached view and shows exactly-at-deadline as 已超时", () => {
    const view = countdown({ state: "breached", remainingSeconds: 0, text: "已超时", ticking: true });
    expect(clockFace(view, at(NOW))).toMatchObject({ text: "已超时", tone: "late" });
  });

  it("is grey with Rust's words when paused, met, met late or on demand", () => {
    for (const [state, text] of [
      ["paused", "挂起中，剩余 40分"],
      ["met", "已按时完成"],
      ["metLate", "超时 12分完成"],
      ["noDeadline", "按需"],
    ] as const) {
      const view = countdown({ state, text, ticking: false });
      // Whatever the time, these do not move.
      expect(clockFace(view, at(NOW) + 3_600_000), state).toMatchObject({ text, tone: "idle" });
    }
  });

  it("stops at nextChangeAt (a 5×8 clock at lunch) and says the view is stale", () => {
    const view = countdown({ clock: "5x8", budgetSeconds: 3_600, remainingSeconds: 1_800, nextChangeAt: "2026-11-23T14:06:00+08:00" });
    expect(clockFace(view, at(NOW) + 29_000)).toMatchObject({ text: "剩余 30分", stale: false });
    // Past the window's end: 30 s counted, no more, and a refresh is due.
    const later = clockFace(view, at(NOW) + 10 * 60_000);
    expect(later).toMatchObject({ text: "剩余 30分", stale: true, offHours: true });
    expect(remainingAt(view, at(NOW) + 10 * 60_000)).toBe(1_770);
  });

  it("does not tick a live clock that is stopped (outside working hours)", () => {
    const view = countdown({ clock: "5x8", ticking: false, budgetSeconds: 3_600, remainingSeconds: 1_800, nextChangeAt: "2026-11-24T09:00:00+08:00" });
    expect(clockFace(view, at(NOW) + 3_600_000)).toMatchObject({ text: "剩余 30分", offHours: true, stale: false });
  });
});

describe("CountdownClock", () => {
  atChinaTimeWithTimers(NOW);
  afterEach(() => vi.useRealTimers());

  function mountClock(view = countdown()) {
    return mount(CountdownClock, {
      props: { view, purpose: "respond", label: "响应" },
      attachTo: document.body,
      global: { plugins: [elementPlus] },
    });
  }

  const textOf = (w: ReturnType<typeof mountClock>) => w.find("[data-role=countdown-text]").text();

  it("goes from 剩余 to 已超时 across the deadline, green → amber → red, with the deadline shown", async () => {
    const w = mountClock(countdown({ budgetSeconds: 3_600, remainingSeconds: 901 }));
    expect(textOf(w)).toBe("剩余 16分");
    expect(w.attributes("data-tone")).toBe("ok");
    expect(w.find("[data-role=countdown-deadline]").text()).toBe("截止 2026年11月23日 星期一 14:10");

    await vi.advanceTimersByTimeAsync(1_000);
    expect(textOf(w)).toBe("剩余 15分");
    // 15 min of 60 left = last quarter.
    expect(w.attributes("data-tone")).toBe("warn");

    await vi.advanceTimersByTimeAsync(900_000);
    expect(textOf(w)).toBe("剩余 0分");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(textOf(w)).toBe("已超时 1分");
    expect(w.attributes("data-tone")).toBe("late");

    await vi.advanceTimersByTimeAsync(11 * 60_000);
    expect(textOf(w)).toBe("已超时 12分");
  });

  it("emits stale once when nextChangeAt passes", async () => {
    const w = mountClock(countdown({ clock: "5x8", nextChangeAt: "2026-11-23T14:05:33+08:00" }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(w.emitted("stale")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(w.emitted("stale")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(w.emitted("stale")).toHaveLength(1);
  });

  it("shares one timer between clocks and stops it when the last one goes", async () => {
    const a = mountClock();
    const b = mountClock();
    expect(vi.getTimerCount()).toBe(1);
    a.unmount();
    expect(vi.getTimerCount()).toBe(1);
    b.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("re-reads the wall clock when the window becomes visible again (after sleep)", async () => {
    const w = mountClock(countdown({ budgetSeconds: 3_600, remainingSeconds: 1_800 }));
    expect(textOf(w)).toBe("剩余 30分");
    vi.setSystemTime(new Date(Date.parse(NOW) + 40 * 60_000));
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(textOf(w)).toBe("已超时 10分");
  });
});
