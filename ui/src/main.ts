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
    // The handler runs before the window closes (Tauri destroys it once the promise
    // settles); it answers false while edits could not be saved, and the window stays.
    onCloseRequested: (handler: () => Promise<boolean>) => {
      void win.onCloseRequested(async (event) => {
        let close = true;
        try {
          close = await handler();
        } catch {
          // Close anyway: every completed autosave is already on disk.
        }
        if (!close) event.preventDefault();
      });
    },
    closeWindow: () => win.destroy(),
    setFullscreen: (on: boolean) => win.setFullscreen(on),
  },
});
