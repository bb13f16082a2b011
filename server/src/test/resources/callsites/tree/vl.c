/* The machine starts: vm_unused is named here, in a comment only. */
#include "trace.h"

void vm_start_all(void)
{
    trace_vm_start();
}
