import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The server serves the build from its package (src/raddle/static) with an SPA
// fallback, and caches /assets/* forever, so every asset name must be hashed.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "../src/raddle/static",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2020",
    sourcemap: false,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/ws": { target: "ws://127.0.0.1:8000", ws: true },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    setupFiles: ["src/test/setup.ts"],
  },
});
