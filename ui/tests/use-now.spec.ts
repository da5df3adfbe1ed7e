import { afterEach, describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { mount } from "@vue/test-utils";
import { useNow } from "../src/composables/useNow";
import { formatDateTime } from "../src/utils/time";

describe("useNow", () => {
  afterEach(() => vi.useRealTimers());

  it("ticks on the minute boundary and re-reads the clock", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-23T14:05:50+08:00"));
    const Clock = defineComponent({
      setup() {
        const now = useNow();
        return () => h("span", formatDateTime(now.value));
      },
    });
    const wrapper = mount(Clock);
    expect(wrapper.text()).toBe("2026年11月23日 星期一 14:05");
    await vi.advanceTimersByTimeAsync(9_000);
    expect(wrapper.text()).toBe("2026年11月23日 星期一 14:05");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(wrapper.text()).toBe("2026年11月23日 星期一 14:06");
    // After a sleep the wall clock jumps; the next tick shows the real time.
    vi.setSystemTime(new Date("2026-11-23T18:30:10+08:00"));
    document.dispatchEvent(new Event("visibilitychange"));
    await vi.advanceTimersByTimeAsync(0);
    expect(wrapper.text()).toBe("2026年11月23日 星期一 18:30");
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
