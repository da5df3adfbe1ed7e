// What the form editor sends for a deadline: a condition (`when`) defined in a shipped form stays
// with its deadline, so editing 软件修改记录跟踪表 keeps a Bug's 1 working day apart from a
// 小版本升级's 2.
import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../src/bindings/FormDefinition";
import { cleanDefinition } from "../src/utils/formEditor";
import { everyTypeDefinition } from "./forms-fixtures";

describe("cleanDefinition", () => {
  it("keeps a deadline's condition and calendar months", () => {
    const def: FormDefinition = everyTypeDefinition({
      deadlines: [
        { key: "bug", label: "提出解决方案", from: "heldAt", within: { workingDays: 1 }, until: "@saved", when: { field: "kind", is: ["Bug 处理"] } },
        { key: "signed", label: "用户签字确认", from: "heldAt", within: { months: 1 }, until: "@saved" },
      ],
    });
    const sent = cleanDefinition(def);
    expect(sent.deadlines[0]).toEqual({ key: "bug", label: "提出解决方案", from: "heldAt", within: { workingDays: 1 }, until: "@saved", when: { field: "kind", is: ["Bug 处理"] } });
    expect(sent.deadlines[1]).toEqual({ key: "signed", label: "用户签字确认", from: "heldAt", within: { months: 1 }, until: "@saved" });
  });
});
