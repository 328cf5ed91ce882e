// What the page finds on `window`: Tauri's bridge (withGlobalTauri) with the
// dialog plugin's JS, absent when the page is opened outside the app.
interface Window {
  __TAURI__?: {
    core: {
      // Untyped until every reply has its generated type (ui/types/ipc.d.ts).
      invoke(command: string, args?: Record<string, unknown>): Promise<any>;
      Channel: new () => { onmessage: (message: any) => void };
    };
    dialog: {
      ask(
        message: string,
        options?: { title?: string; kind?: "info" | "warning" | "error"; okLabel?: string; cancelLabel?: string },
      ): Promise<boolean>;
      message(message: string, options?: { title?: string; kind?: "info" | "warning" | "error"; okLabel?: string }): Promise<void>;
    };
  };
}
