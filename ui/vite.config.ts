import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Offline desktop app: everything bundled, no CDN, no inline scripts (see tauri.conf.json CSP).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true, host: "localhost" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari16",
    // Inline assets would need data: in more CSP directives than img-src; keep them as files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
});
