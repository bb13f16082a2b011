/* Another directory: its own trace.h would not declare hw/usb's events, but the name is there. */
void qdev_thing(int x)
{
    trace_usb_host_elsewhere(x);
}
