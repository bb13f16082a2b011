/* Two directories down: cleanup-trace-events.pl (git grep --max-depth 1) does not look here. */
void deeper(int x)
{
    trace_usb_host_deep(x);
}
