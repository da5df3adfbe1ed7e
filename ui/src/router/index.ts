// Routes (hash history: the app is served from the tauri:// custom protocol).
// The guard sends every navigation to the screen the start-up state allows.
import { createRouter, createWebHashHistory, loadRouteLocation, type RouteRecordRaw, type Router, type RouterHistory } from "vue-router";
import { AREAS } from "../modules";
import { useAppStore, type Phase } from "../stores/app";
import MainLayout from "../layouts/MainLayout.vue";
const ReportsView = () => import("../views/reports/ReportsView.vue");
const FaultDetailView = () => import("../views/FaultDetailView.vue");
const FaultReportView = () => import("../views/FaultReportView.vue");
const FaultsView = () => import("../views/FaultsView.vue");
const InspectionPrintView = () => import("../views/inspections/InspectionPrintView.vue");
const InspectionRecordPage = () => import("../views/inspections/InspectionRecordPage.vue");
const InspectionsView = () => import("../views/inspections/InspectionsView.vue");
const PlaceholderView = () => import("../views/PlaceholderView.vue");
const RecoveryView = () => import("../views/RecoveryView.vue");
const SettingsView = () => import("../views/SettingsView.vue");
const SetupView = () => import("../views/SetupView.vue");
const TodayView = () => import("../views/TodayView.vue");
const KnowledgeView = () => import("../views/knowledge/KnowledgeView.vue");
const ChangeDetailView = () => import("../views/tickets/ChangeDetailView.vue");
const ServiceDetailView = () => import("../views/tickets/ServiceDetailView.vue");
const TicketsView = () => import("../views/tickets/TicketsView.vue");
const AttendanceView = () => import("../views/attendance/AttendanceView.vue");
const ComplaintsView = () => import("../views/complaints/ComplaintsView.vue");
const ComplaintDetailView = () => import("../views/complaints/ComplaintDetailView.vue");
const FormsView = () => import("../views/forms/FormsView.vue");
const FormRecordsView = () => import("../views/forms/FormRecordsView.vue");
const FormRecordView = () => import("../views/forms/FormRecordView.vue");
const FormEditorView = () => import("../views/forms/FormEditorView.vue");
const PrintView = () => import("../views/forms/PrintView.vue");

// Each page is its own chunk, loaded on the first navigation to it: the first screen (今日,
// or 初始设置 / 恢复) then parses only its own code and the parts of Element Plus it shows.
// The shell (MainLayout) is in the entry, since every page but setup and recovery sits in it.

const areaRoutes: RouteRecordRaw[] = AREAS.map((area) => {
  const path = area.path.slice(1);
  switch (area.id) {
    case "today":
      return { path, name: area.id, component: TodayView, meta: { area: area.id } };
    case "faults":
      return { path, name: area.id, component: FaultsView, meta: { area: area.id } };
    case "export":
      return { path, name: area.id, component: ReportsView, meta: { area: area.id } };
    case "settings":
      return { path, name: area.id, component: SettingsView, meta: { area: area.id } };
    case "tickets":
      // The list (tabs in ?tab=) and one page per change and per service record.
      return {
        path,
        meta: { area: area.id },
        children: [
          { path: "", name: area.id, component: TicketsView },
          { path: "changes/:id(\\d+)", name: "change", component: ChangeDetailView, props: (r) => ({ id: Number(r.params.id) }) },
          { path: "services/:id(\\d+)", name: "service-record", component: ServiceDetailView, props: (r) => ({ id: Number(r.params.id) }) },
        ],
      };
    case "complaints":
      // The list and one page per complaint.
      return {
        path,
        meta: { area: area.id },
        children: [
          { path: "", name: area.id, component: ComplaintsView },
          { path: ":id(\\d+)", name: "complaint", component: ComplaintDetailView, props: (r) => ({ id: Number(r.params.id) }) },
        ],
      };
    case "forms":
      // 表单: the forms by group (with the search), one form's list, a record's page (new or saved),
      // its paper form, and the form editor. `records` is not a form id: its routes rank first.
      return {
        path,
        meta: { area: area.id },
        children: [
          { path: "", name: area.id, component: FormsView },
          { path: "records/:id(\\d+)", name: "form-record", component: FormRecordView, props: (r) => ({ id: Number(r.params.id) }) },
          { path: "records/:id(\\d+)/print", name: "form-record-print", component: PrintView, props: (r) => ({ kind: "form", id: Number(r.params.id) }) },
          { path: ":formId", name: "form-records", component: FormRecordsView, props: true },
          { path: ":formId/new", name: "form-record-new", component: FormRecordView, props: true },
          { path: ":formId/edit", name: "form-editor", component: FormEditorView, props: true },
        ],
      };
    case "knowledge":
      return { path, name: area.id, component: KnowledgeView, meta: { area: area.id } };
    case "attendance":
      return { path, name: area.id, component: AttendanceView, meta: { area: area.id } };
    case "inspections":
      // 巡检, one record's fill-in page, and its printable 记录单 / 监测日志.
      return {
        path,
        meta: { area: area.id },
        children: [
          { path: "", name: area.id, component: InspectionsView },
          { path: ":id(\\d+)", name: "inspection", component: InspectionRecordPage },
          { path: ":id(\\d+)/print", name: "inspection-print", component: InspectionPrintView },
        ],
      };
    default:
      return {
        path,
        name: area.id,
        component: PlaceholderView,
        props: { areaId: area.id },
        meta: { area: area.id },
      };
  }
});

export const routes: RouteRecordRaw[] = [
  { path: "/setup", name: "setup", component: SetupView },
  { path: "/recovery", name: "recovery", component: RecoveryView },
  {
    path: "/",
    component: MainLayout,
    children: [
      { path: "", redirect: { name: "today" } },
      ...areaRoutes,
      // 故障详情 and its printable 故障报告 (one A4 page; the shell is hidden when printing).
      { path: "faults/:id(\\d+)", name: "fault", component: FaultDetailView, meta: { area: "faults" } },
      { path: "faults/:id(\\d+)/report", name: "fault-report", component: FaultReportView, meta: { area: "faults" } },
      // The paper form of a record the app kept before forms were data (故障, 项目工单, 报修单 …),
      // printed from its own page; no area is highlighted, the record may be of any.
      { path: "print/:kind/:id(\\d+)", name: "record-print", component: PrintView, props: (r) => ({ kind: String(r.params.kind), id: Number(r.params.id) }) },
    ],
  },
  { path: "/:pathMatch(.*)*", redirect: "/" },
];

/** The route name a phase is confined to, or null when the main layout is allowed. */
function confinedTo(phase: Phase): "setup" | "recovery" | null {
  switch (phase) {
    case "setup":
      return "setup";
    case "recovery":
    case "error":
      return "recovery";
    default:
      return null;
  }
}

export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  const router = createRouter({ history, routes });
  router.beforeEach(async (to) => {
    const store = useAppStore();
    // The page's chunk loads while the start-up state is read (at launch: behind the unlock and
    // the first IPC), not after this guard as the router would. The records keep what is loaded,
    // so nothing loads twice; a failure shows when the router loads the page itself.
    void loadRouteLocation(to).catch(() => {});
    await store.start();
    const only = confinedTo(store.phase);
    if (only) return to.name === only ? true : { name: only };
    if (to.name === "setup" || to.name === "recovery") return { name: "today" };
    return true;
  });
  return router;
}

declare module "vue-router" {
  interface RouteMeta {
    area?: import("../modules").AreaId;
  }
}
