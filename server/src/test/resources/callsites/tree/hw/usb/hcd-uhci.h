#ifndef HW_USB_HCD_UHCI_H
#define HW_USB_HCD_UHCI_H

/* Every frame goes through this macro: trace_usb_uhci_frame is called from its body. */
#define UHCI_FRAME(s) \
    do { \
        trace_usb_uhci_frame((s)->frnum); \
    } while (0)

/* A name built by pasting is no event's: usb_uhci_pasted is never called. */
#define UHCI_TRACE(what, ...) trace_usb_uhci_ ## what(__VA_ARGS__)

#endif
