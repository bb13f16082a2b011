#include "qemu/osdep.h"
#include "hcd-uhci.h"
#include "trace.h"

// trace_usb_uhci_comment_only(); was here once
static const char *names[] = { "trace_usb_uhci_string_only", "usb_uhci" };

static void uhci_reset(UHCIState *s, int port)
{
    trace_usb_uhci_reset(
        port);
    if (trace_event_get_state_backends(TRACE_USB_UHCI_STATE)) {
        s->state = 1;
    }
    UHCI_FRAME(s);
    UHCI_TRACE(pasted, 1);
}

static void uhci_dtrace(int x)
{
#ifdef CONFIG_TRACE_DTRACE
    if (QEMU_USB_UHCI_DTRACE_ENABLED()) {
        QEMU_USB_UHCI_DTRACE(x);
    }
#endif
    trace_usb_uhci_disabled
        (x);
}
