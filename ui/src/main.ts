import { mount } from "svelte";
import { getCurrentWindow } from "@tauri-apps/api/window";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("#app がありません");

const win = getCurrentWindow();
export default mount(App, {
  target,
  props: {
    // The handler runs before the window closes (Tauri destroys it once the promise settles).
    onCloseRequested: (handler: () => Promise<void>) => {
      void win.onCloseRequested(async () => {
        try {
          await handler();
        } catch {
          // Close anyway: every completed autosave is already on disk.
        }
      });
    },
    setFullscreen: (on: boolean) => win.setFullscreen(on),
  },
});
