// The profile editor's unit handling: whole hours shown in hours, hours sent as minutes,
// only the chosen kind's fields sent, and numbers Rust's u32 cannot take sent as null.
import { describe, expect, it } from "vitest";
import { copyName, draftFromTarget, targetFromDraft, type TargetDraft } from "../src/utils/targets";

const draft = (patch: Partial<TargetDraft>): TargetDraft => ({
  kind: "minutes",
  amount: null,
  unit: "minute",
  clock: "7x24",
  days: null,
  ...patch,
});

describe("profile targets", () => {
  it("shows whole hours in hours and the rest in minutes", () => {
    expect(draftFromTarget({ kind: "minutes", minutes: 240, clock: "7x24", days: null })).toEqual(draft({ amount: 4, unit: "hour" }));
    expect(draftFromTarget({ kind: "minutes", minutes: 90, clock: "5x8", days: null })).toEqual(draft({ amount: 90, clock: "5x8" }));
    expect(draftFromTarget({ kind: "workingDays", minutes: null, clock: null, days: 5 })).toEqual(draft({ kind: "workingDays", days: 5 }));
    expect(draftFromTarget({ kind: "onDemand", minutes: null, clock: null, days: null })).toEqual(draft({ kind: "onDemand" }));
  });

  it("sends minutes, converting hours, and only the chosen kind's fields", () => {
    expect(targetFromDraft(draft({ amount: 1.5, unit: "hour", clock: "5x8", days: 3 }))).toEqual({ kind: "minutes", minutes: 90, clock: "5x8", days: null });
    expect(targetFromDraft(draft({ amount: 45 }))).toEqual({ kind: "minutes", minutes: 45, clock: "7x24", days: null });
    expect(targetFromDraft(draft({ kind: "workingDays", amount: 4, unit: "hour", days: 5 }))).toEqual({ kind: "workingDays", minutes: null, clock: null, days: 5 });
    expect(targetFromDraft(draft({ kind: "onDemand", amount: 4, days: 5 }))).toEqual({ kind: "onDemand", minutes: null, clock: null, days: null });
  });

  it("leaves empty or impossible numbers to Rust's message", () => {
    expect(targetFromDraft(draft({ amount: null })).minutes).toBeNull();
    expect(targetFromDraft(draft({ amount: 0 })).minutes).toBe(0);
    expect(targetFromDraft(draft({ amount: -5 })).minutes).toBeNull();
    expect(targetFromDraft(draft({ amount: 1e12, unit: "hour" })).minutes).toBeNull();
    expect(targetFromDraft(draft({ kind: "workingDays", days: null })).days).toBeNull();
  });

  it("names a copy after its base", () => {
    expect(copyName("三级分类")).toBe("三级分类（本项目）");
    expect(copyName("三级分类（本项目）")).toBe("三级分类（本项目）（副本）");
  });
});
