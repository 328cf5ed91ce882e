// What the page gets from tauri (withGlobalTauri): only the parts ui/ uses.
// Hand-written: it is tauri's API, not JobGate's contract (that is ipc.d.ts).

/** A tauri IPC channel: Rust sends messages of type T as they happen. */
interface Channel<T> {
  onmessage: (message: T) => void;
}

interface TauriDialogOptions {
  title?: string;
  kind?: "info" | "warning" | "error";
  okLabel?: string;
  cancelLabel?: string;
}

interface Window {
  __TAURI__?: {
    core: {
      invoke(command: string, args?: object): Promise<unknown>;
      Channel: new <T>() => Channel<T>;
    };
    dialog: {
      ask(message: string, options?: TauriDialogOptions): Promise<boolean>;
    };
  };
}
