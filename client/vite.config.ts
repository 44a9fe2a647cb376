import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the API runs on :3000 (pnpm dev); Vite proxies /api and /socket.io to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/socket.io": { target: "http://localhost:3000", ws: true },
    },
  },
  build: { outDir: "dist", sourcemap: true },
});
