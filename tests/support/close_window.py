#!/usr/bin/python3
"""Asks the X11 window WINDOW_ID to close, as a window manager's close button
does: a WM_DELETE_WINDOW client message (GTK turns it into "delete-event",
Tauri into CloseRequested). The tests run without a window manager, and
xdotool (3.2016) can only destroy or kill a window, which skips that request.

    /usr/bin/python3 tests/support/close_window.py WINDOW_ID
"""

import sys

from Xlib import X, display, protocol


def main() -> int:
    window_id = int(sys.argv[1])
    shown = display.Display()
    window = shown.create_resource_object("window", window_id)
    protocols = shown.intern_atom("WM_PROTOCOLS")
    delete = shown.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(
        window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
    )
    window.send_event(event, event_mask=X.NoEventMask)
    shown.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
