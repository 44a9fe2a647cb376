import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const themeColour = "#0f5e67";

// In development the API runs on :3000 (pnpm dev); Vite proxies /api and /socket.io to it.
// vite-plugin-pwa writes the web app manifest and a Workbox service worker that precaches the app shell
// (index.html, every hashed script and stylesheet, the icons), so the app opens without a network; the
// room's proposals then come from y-indexeddb and its last answers from the service worker's API cache.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: "script-defer",
      includeAssets: ["favicon.svg", "favicon.ico", "apple-touch-icon.png", "robots.txt"],
      manifest: {
        id: "/",
        name: "Mufakat — ruang musyawarah",
        short_name: "Mufakat",
        description:
          "Ruang musyawarah daring: pemerintah, swasta dan masyarakat menyusun usulan bersama dan memutuskan dengan mufakat.",
        lang: "id",
        dir: "ltr",
        start_url: "/rooms",
        scope: "/",
        display: "standalone",
        theme_color: themeColour,
        background_color: "#f5f6f8",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//],
        cleanupOutdatedCaches: true,
        // A new service worker takes over the open pages at once, so the first visit is already served by
        // it (and a room opened then can be reopened offline).
        clientsClaim: true,
        skipWaiting: true,
        // The API's answers, network first: online the app always reads the server; offline it shows the
        // last answers this device got (a room, its motions, its members). Sessions are never cached.
        // The page drops this cache when the user signs out or another signs in (client/src/api/session.ts).
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === "GET" && url.pathname.startsWith("/api/") && !url.pathname.startsWith("/api/auth/"),
            handler: "NetworkFirst",
            options: {
              cacheName: "mufakat-api",
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 300, maxAgeSeconds: 14 * 24 * 60 * 60 },
              matchOptions: { ignoreVary: true },
            },
          },
        ],
      },
    }),
  ],
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/socket.io": { target: "http://localhost:3000", ws: true },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // zod and the module that makes it jitless share one chunk, so every chunk that builds a schema
          // imports (and so runs) the config first; left to itself, the bundler puts the shared schemas
          // beside zod in a chunk that runs before main.tsx's first import (see zodWithoutEval.ts).
          groups: [{ name: "zod", test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]zodWithoutEval\.ts$/ }],
        },
      },
    },
  },
});
