import { createApp } from "vue";
import { createPinia } from "pinia";
import { elementPlus } from "./element";
import "./styles.css";
import App from "./App.vue";
import { createAppRouter } from "./router";

const app = createApp(App);
const router = createAppRouter();
app.use(createPinia());
app.use(router);
app.use(elementPlus);
app.mount("#app");
// For the launch bench (benches/launch): when, in the page's own clock, the entry had run and the
// first page had been let through (the start-up state read, its chunk loaded).
performance.mark("dutydesk:mounted");
void router.isReady().then(() => performance.mark("dutydesk:routed"));
