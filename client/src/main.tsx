// Entry point: mounts the app into #root.
// First: zod must be jitless before the shared schemas are built (see zodWithoutEval.ts).
import "./zodWithoutEval.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
