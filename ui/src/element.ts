// Element Plus without the whole library: what `app.use(ElementPlus, { locale })` did that the
// on-demand components (vite.config.ts: its resolver) do not do by themselves.
// Components and their CSS come with the pages that use them; App.vue's <el-config-provider>
// gives them the zh-CN locale.
import type { Plugin } from "vue";
import { ElMessage, ElMessageBox, provideGlobalConfig } from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
// Element Plus' base stylesheet (its :root variables) before ours (main.ts imports styles.css
// after this module), so our overrides of those variables win as when the whole library's CSS
// came first.
import "element-plus/theme-chalk/base.css";
// ElMessage and ElMessageBox are called from scripts, not written as tags, so the resolver does
// not see them: their CSS comes here.
import "element-plus/es/components/message/style/css";
import "element-plus/es/components/message-box/style/css";

export const elementPlus: Plugin = {
  install(app) {
    // The locale at the app's root as well, not only inside App.vue's config provider: the
    // message boxes are rendered outside the component tree, with the app's context (set by
    // installing them below), and would otherwise fall back to English ("OK", "Cancel").
    provideGlobalConfig({ locale: zhCn }, app, true);
    app.use(ElMessage);
    app.use(ElMessageBox);
  },
};
